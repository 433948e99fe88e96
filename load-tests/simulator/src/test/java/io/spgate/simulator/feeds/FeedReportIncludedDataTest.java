package io.spgate.simulator.feeds;

import static io.spgate.simulator.support.ListingsCalls.patchMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JSON_LISTINGS_FEED whose messages fail in each way Amazon's do: invalid at validation, and accepted but not applied
 * (a potential pricing error, a PATCH of an unknown SKU, an issue forced after acceptance). Without header.report the
 * report shows only the invalid message, and the others count as accepted: Amazon's trap. With includedData ["issues",
 * ...] it shows every issue and the items. Each report is checked against the official schema.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class FeedReportIncludedDataTest {
  private static SimHarness harness;
  private static ListingsCalls calls;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).listingsPerSeller(60).timeScale(1000).quotas(false));
    calls = new ListingsCalls(harness, harness.sellerIn("na"));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** Five messages on {@code skus}: applied, pricing error, invalid currency, unknown SKU, forced after acceptance. */
  private static JsonObject[] mixedMessages(List<String> skus, Map<String, BigDecimal> prices) {
    calls.forceIssue(new JsonObject().put("skus", new JsonArray().add(skus.get(3))).put("code", "18155")
        .put("message", "Offer held for review").put("attributeName", "purchasable_offer").put("stage", "postAcceptance"));
    return new JsonObject[] {
        patchMessage(1, skus.get(0), calls.price(prices.get(skus.get(0)).add(BigDecimal.ONE)), ListingsCalls.quantity(21)),
        patchMessage(2, skus.get(1), calls.price(prices.get(skus.get(1)).multiply(BigDecimal.valueOf(20)))),
        patchMessage(3, skus.get(2), calls.price("JPY", prices.get(skus.get(2)))),
        patchMessage(4, "NEVER-LISTED-" + skus.get(0), calls.price(BigDecimal.TEN)),
        patchMessage(5, skus.get(3), calls.price(prices.get(skus.get(3)).add(BigDecimal.ONE)))};
  }

  private static Map<String, BigDecimal> prices(List<String> skus) {
    return skus.stream().collect(Collectors.toMap(sku -> sku, calls::price));
  }

  private static Map<Integer, String> codesByMessage(JsonObject report) {
    return report.getJsonArray("issues").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(i -> i.getInteger("messageId"), i -> i.getString("code")));
  }

  @Test
  void without_includedData_only_validation_issues_show_and_accepted_messages_may_not_be_applied() {
    List<String> skus = calls.merchantSkus(8).subList(0, 4);
    Map<String, BigDecimal> prices = prices(skus);
    JsonObject report = calls.process(calls.feed(List.of(), mixedMessages(skus, prices)));

    JsonObject summary = report.getJsonObject("summary");
    assertThat(summary.getInteger("messagesProcessed")).isEqualTo(5);
    assertThat(summary.getInteger("messagesAccepted")).isEqualTo(4);
    assertThat(summary.getInteger("messagesInvalid")).isEqualTo(1);
    assertThat(summary.getInteger("errors")).isEqualTo(1);
    assertThat(summary.containsKey("itemSummary")).isFalse();
    assertThat(codesByMessage(report)).containsExactly(Map.entry(3, "CURRENCY_MISMATCH"));
    assertThat(report.containsKey("items")).isFalse();
    assertThat(report.getJsonObject("header").containsKey("report")).isFalse();

    assertThat(calls.price(skus.get(0))).isEqualByComparingTo(prices.get(skus.get(0)).add(BigDecimal.ONE));
    assertThat(calls.item(skus.get(0)).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(21);
    // Accepted, yet not applied: only getListingsItem tells.
    assertThat(calls.price(skus.get(1))).isEqualByComparingTo(prices.get(skus.get(1)));
    assertThat(calls.issues(skus.get(1)).getJsonObject(0).getString("code")).isEqualTo("POTENTIAL_PRICING_ERROR");
    assertThat(calls.price(skus.get(3))).isEqualByComparingTo(prices.get(skus.get(3)));
    assertThat(calls.get("NEVER-LISTED-" + skus.get(0), "summaries").statusCode()).isEqualTo(404);
  }

  @Test
  void with_includedData_issues_post_acceptance_issues_and_items_are_reported() {
    List<String> skus = calls.merchantSkus(8).subList(4, 8);
    Map<String, BigDecimal> prices = prices(skus);
    JsonObject report = calls.process(calls.feed(List.of("issues", "offers", "fulfillmentAvailability"),
        mixedMessages(skus, prices)));

    JsonObject summary = report.getJsonObject("summary");
    assertThat(summary.getInteger("messagesAccepted")).isEqualTo(4);
    assertThat(summary.getInteger("messagesInvalid")).isEqualTo(1);
    assertThat(summary.getInteger("errors")).isEqualTo(4);
    assertThat(codesByMessage(report)).containsOnly(Map.entry(2, "POTENTIAL_PRICING_ERROR"), Map.entry(3, "CURRENCY_MISMATCH"),
        Map.entry(4, "NOT_FOUND"), Map.entry(5, "18155"));
    JsonObject forced = report.getJsonArray("issues").stream().map(JsonObject.class::cast)
        .filter(i -> i.getInteger("messageId") == 5).findFirst().orElseThrow();
    assertThat(forced.getString("sku")).isEqualTo(skus.get(3));
    assertThat(forced.getString("attributeName")).isEqualTo("purchasable_offer");
    assertThat(report.getJsonObject("header").getJsonObject("report").getJsonArray("includedData")).contains("issues");

    // Items: the listings of accepted messages, as they stand; the unknown SKU has none.
    Map<String, JsonObject> items = report.getJsonArray("items").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(i -> i.getString("sku"), i -> i));
    assertThat(items.keySet()).containsExactlyInAnyOrder(skus.get(0), skus.get(1), skus.get(3));
    assertThat(new BigDecimal(items.get(skus.get(0)).getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount")))
        .isEqualByComparingTo(prices.get(skus.get(0)).add(BigDecimal.ONE));
    assertThat(items.get(skus.get(0)).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(21);
    assertThat(items.get(skus.get(0)).getJsonArray("issues")).isEmpty();
    assertThat(new BigDecimal(items.get(skus.get(1)).getJsonArray("offers").getJsonObject(0).getJsonObject("price").getString("amount")))
        .isEqualByComparingTo(prices.get(skus.get(1)));
    assertThat(items.get(skus.get(1)).getJsonArray("issues").getJsonObject(0).getString("code")).isEqualTo("POTENTIAL_PRICING_ERROR");
    assertThat(items.get(skus.get(0)).containsKey("summaries")).as("only the data sets asked for").isFalse();
    assertThat(summary.getJsonObject("itemSummary")).isEqualTo(new JsonObject().put("items", 3).put("errors", 2).put("warnings", 0));
  }

  @Test
  void includedData_without_issues_gives_items_but_not_the_issues_found_after_acceptance() {
    List<String> skus = calls.merchantSkus(10).subList(8, 10);
    BigDecimal price = calls.price(skus.get(0));
    JsonObject report = calls.process(calls.feed(List.of("summaries"),
        patchMessage(1, skus.get(0), calls.price(price.multiply(BigDecimal.valueOf(50)))),
        patchMessage(2, skus.get(1), calls.price("XXX", BigDecimal.ONE))));
    assertThat(codesByMessage(report)).containsExactly(Map.entry(2, "CURRENCY_MISMATCH"));
    assertThat(report.getJsonArray("items")).hasSize(1);
    assertThat(report.getJsonArray("items").getJsonObject(0).getJsonArray("summaries")).hasSize(1);
    assertThat(calls.price(skus.get(0))).isEqualByComparingTo(price);
  }
}
