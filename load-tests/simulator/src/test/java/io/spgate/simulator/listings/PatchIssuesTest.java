package io.spgate.simulator.listings;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * patchListingsItem's partial failures: INVALID with issues for what validation refuses, ACCEPTED and then not applied
 * for what Amazon finds afterwards (seen only through getListingsItem's issues), and issues forced per SKU.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class PatchIssuesTest {
  private static SimHarness harness;
  private static ListingsCalls calls;
  private static List<String> merchant;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).listingsPerSeller(60).quotas(false));
    calls = new ListingsCalls(harness, harness.sellerIn("na"));
    merchant = calls.merchantSkus(10);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static JsonObject onlyIssue(JsonObject answer) {
    assertThat(answer.getJsonArray("issues")).as(answer.encode()).hasSize(1);
    return answer.getJsonArray("issues").getJsonObject(0);
  }

  @Test
  void a_price_of_zero_or_less_is_INVALID_with_an_issue_and_the_price_stays() {
    String sku = merchant.get(0);
    BigDecimal before = calls.price(sku);
    for (Object price : List.of(0, -5.5, "12.00")) {
      JsonObject answer = calls.patchAnswer(sku, calls.price(calls.marketplace().currency(), price));
      assertThat(answer.getString("status")).isEqualTo("INVALID");
      JsonObject issue = onlyIssue(answer);
      assertThat(issue.getString("code")).isEqualTo(OfferRules.INVALID_PRICE);
      assertThat(issue.getString("severity")).isEqualTo("ERROR");
      assertThat(issue.getJsonArray("attributeNames")).containsExactly("purchasable_offer");
      assertThat(issue.getJsonArray("categories")).containsExactly("INVALID_PRICE");
    }
    assertThat(calls.price(sku)).isEqualByComparingTo(before);
  }

  @Test
  void a_quantity_that_is_negative_or_not_whole_is_INVALID() {
    String sku = merchant.get(1);
    for (Object quantity : List.of(-1, 2.5, "7")) {
      JsonObject answer = calls.patchAnswer(sku, ListingsCalls.quantity(quantity));
      assertThat(answer.getString("status")).as("quantity %s", quantity).isEqualTo("INVALID");
      assertThat(onlyIssue(answer).getString("code")).isEqualTo(OfferRules.INVALID_QUANTITY);
    }
    assertThat(calls.patchAnswer(sku, ListingsCalls.quantity(0)).getString("status")).isEqualTo("ACCEPTED");
  }

  @Test
  void an_offer_in_another_currency_than_the_marketplaces_is_INVALID() {
    String sku = merchant.get(2);
    BigDecimal before = calls.price(sku);
    JsonObject answer = calls.patchAnswer(sku, calls.price("EUR", before.add(BigDecimal.ONE)));
    assertThat(answer.getString("status")).isEqualTo("INVALID");
    assertThat(onlyIssue(answer).getString("code")).isEqualTo(OfferRules.CURRENCY_MISMATCH);
    assertThat(onlyIssue(answer).getString("message")).contains("EUR", calls.marketplace().currency());
    assertThat(calls.price(sku)).isEqualByComparingTo(before);
  }

  @Test
  void a_quantity_sent_for_an_FBA_listing_is_INVALID_because_the_stock_is_Amazons() {
    String sku = calls.fbaSkus(1).get(0);
    JsonObject answer = calls.patchAnswer(sku, ListingsCalls.quantity(5));
    assertThat(answer.getString("status")).isEqualTo("INVALID");
    assertThat(onlyIssue(answer).getString("code")).isEqualTo(OfferRules.FBA_QUANTITY_NOT_ALLOWED);
    assertThat(onlyIssue(answer).getJsonArray("attributeNames")).containsExactly("fulfillment_availability");
    assertThat(calls.item(sku).getJsonArray("fulfillmentAvailability").getJsonObject(0).getString("fulfillmentChannelCode"))
        .startsWith("AMAZON_");
  }

  @Test
  void a_patch_of_an_unknown_sku_is_ACCEPTED_as_Amazon_does_and_creates_nothing() {
    JsonObject answer = calls.patchAnswer("NO-SUCH-SKU-1", calls.price(new BigDecimal("9.99")));
    assertThat(answer.getString("status")).isEqualTo("ACCEPTED");
    assertThat(answer.getJsonArray("issues")).isEmpty();
    HttpResponse<Buffer> get = calls.get("NO-SUCH-SKU-1", "summaries");
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void a_price_ten_times_off_is_ACCEPTED_but_held_back_and_shown_as_an_issue_of_the_listing() {
    String sku = merchant.get(3);
    BigDecimal before = calls.price(sku);
    JsonObject answer = calls.patchAnswer(sku, calls.price(before.multiply(BigDecimal.valueOf(11))));
    assertThat(answer.getString("status")).isEqualTo("ACCEPTED");
    assertThat(answer.getJsonArray("issues")).isEmpty();
    assertThat(calls.price(sku)).isEqualByComparingTo(before);
    JsonArray issues = calls.issues(sku);
    assertThat(issues).hasSize(1);
    assertThat(issues.getJsonObject(0).getString("code")).isEqualTo(PricingErrorRule.POTENTIAL_PRICING_ERROR);
    assertThat(issues.getJsonObject(0).getJsonArray("categories")).containsExactly("INVALID_PRICE");

    assertThat(calls.patchAnswer(sku, calls.price(before.divide(BigDecimal.valueOf(11), 2, RoundingMode.DOWN)))
        .getString("status")).isEqualTo("ACCEPTED");
    assertThat(calls.price(sku)).isEqualByComparingTo(before);

    BigDecimal near = before.multiply(new BigDecimal("1.5"));
    assertThat(calls.patchAnswer(sku, calls.price(near)).getString("status")).isEqualTo("ACCEPTED");
    assertThat(calls.price(sku)).isEqualByComparingTo(near);
    assertThat(calls.issues(sku)).as("an applied change clears the earlier issue").isEmpty();
  }

  @Test
  void an_issue_forced_at_validation_makes_the_patch_INVALID_with_its_code_message_severity_and_attribute() {
    String sku = merchant.get(4);
    HttpResponse<Buffer> forced = calls.forceIssue(new JsonObject().put("skus", new JsonArray().add(sku)).put("code", "8541")
        .put("message", "The SKU data provided conflicts with the Amazon catalog.").put("attributeName", "item_name").put("times", 1));
    assertThat(forced.statusCode()).as(forced.bodyAsString()).isEqualTo(200);
    assertThat(forced.bodyAsJsonObject().getJsonArray("issues").getJsonObject(0).getString("stage")).isEqualTo("validation");

    JsonObject answer = calls.patchAnswer(sku, ListingsCalls.quantity(3));
    assertThat(answer.getString("status")).isEqualTo("INVALID");
    JsonObject issue = onlyIssue(answer);
    assertThat(issue.getString("code")).isEqualTo("8541");
    assertThat(issue.getString("message")).isEqualTo("The SKU data provided conflicts with the Amazon catalog.");
    assertThat(issue.getString("severity")).isEqualTo("ERROR");
    assertThat(issue.getJsonArray("attributeNames")).containsExactly("item_name");

    assertThat(calls.patchAnswer(sku, ListingsCalls.quantity(3)).getString("status")).as("times: 1 is used up").isEqualTo("ACCEPTED");
    assertThat(calls.item(sku).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(3);
  }

  @Test
  void an_issue_forced_after_acceptance_leaves_the_listing_unchanged_until_cleared() {
    String sku = merchant.get(5);
    String other = merchant.get(6);
    assertThat(calls.forceIssue(new JsonObject().put("skus", new JsonArray().add(sku)).put("code", "18027")
        .put("message", "Listing suppressed after review").put("stage", "postAcceptance")).statusCode()).isEqualTo(200);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(calls.patchAnswer(sku, ListingsCalls.quantity(77)).getString("status")).isEqualTo("ACCEPTED");
      assertThat(calls.item(sku).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isNotEqualTo(77);
      assertThat(calls.issues(sku).getJsonObject(0).getString("code")).isEqualTo("18027");
    }
    assertThat(calls.patchAnswer(other, ListingsCalls.quantity(77)).getString("status")).isEqualTo("ACCEPTED");
    assertThat(calls.item(other).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(77);

    HttpResponse<Buffer> cleared = harness.client().deleteAbs(harness.sim().baseUrl() + "/_sim/sellers/" + calls.seller().sellerId()
        + "/listing-issues").send().await();
    assertThat(cleared.bodyAsJsonObject().getInteger("cleared")).isEqualTo(1);
    calls.patchAnswer(sku, ListingsCalls.quantity(77));
    assertThat(calls.item(sku).getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(77);
    assertThat(calls.issues(sku)).isEmpty();
  }

  @Test
  void a_warning_forced_after_acceptance_is_shown_but_the_change_applies() {
    String sku = merchant.get(7);
    calls.forceIssue(new JsonObject().put("skus", new JsonArray().add(sku)).put("code", "99300").put("message", "Image missing")
        .put("severity", "WARNING").put("category", "MISSING_IMAGE").put("stage", "postAcceptance").put("times", 1));
    assertThat(calls.patchAnswer(sku, ListingsCalls.quantity(12)).getString("status")).isEqualTo("ACCEPTED");
    JsonObject item = calls.item(sku);
    assertThat(item.getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(12);
    assertThat(item.getJsonArray("issues").getJsonObject(0).getString("severity")).isEqualTo("WARNING");
    assertThat(item.getJsonArray("issues").getJsonObject(0).getJsonArray("categories")).containsExactly("MISSING_IMAGE");
  }

  @Test
  void the_admin_call_refuses_an_incomplete_issue_and_an_unknown_seller() {
    assertThat(calls.forceIssue(new JsonObject().put("skus", new JsonArray().add("X")).put("message", "no code")).statusCode())
        .isEqualTo(400);
    assertThat(calls.forceIssue(new JsonObject().put("skus", new JsonArray().add("X")).put("code", "1").put("message", "m")
        .put("stage", "later")).statusCode()).isEqualTo(400);
    assertThat(calls.forceIssue(new JsonObject().put("skus", new JsonArray().add("X")).put("code", "1").put("message", "m")
        .put("severity", "FATAL")).statusCode()).isEqualTo(400);
    assertThat(harness.client().postAbs(harness.sim().baseUrl() + "/_sim/sellers/ANOBODY/listing-issues")
        .sendJsonObject(new JsonObject()).await().statusCode()).isEqualTo(404);
  }
}
