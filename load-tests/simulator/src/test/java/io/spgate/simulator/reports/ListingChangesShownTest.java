package io.spgate.simulator.reports;

import static io.spgate.simulator.support.ListingsCalls.patchMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A price and quantity changed by a patch and by a feed are what getListingsItem shows back and what the listings
 * reports list, as Amazon's do once a change is applied; FBA stock counted again shows in the FBA inventory report.
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ListingChangesShownTest {
  private static SimHarness harness;
  private static ListingsCalls calls;
  private static ReportCalls reports;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).listingsPerSeller(40).timeScale(1000).quotas(false));
    calls = new ListingsCalls(harness, harness.sellerIn("na"));
    reports = new ReportCalls(harness, calls.token());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** The report's rows by their first column named {@code key}. */
  private static Map<String, String[]> rows(String reportType, String key) {
    JsonObject document = reports.doneDocument(reportType, calls.marketplace().id(), null);
    String text = new String(ReportCalls.gunzip(reports.download(document.getString("url")).body()), StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    int column = Arrays.asList(lines.get(0).split("\t", -1)).indexOf(key);
    return lines.stream().skip(1).map(l -> l.split("\t", -1)).collect(Collectors.toMap(f -> f[column], Function.identity()));
  }

  @Test
  void a_patch_and_a_feed_change_what_getListingsItem_and_the_listings_reports_show() {
    List<String> skus = calls.merchantSkus(2);
    String patched = skus.get(0);
    String fed = skus.get(1);
    BigDecimal patchedPrice = calls.price(patched).add(new BigDecimal("1.25"));
    BigDecimal fedPrice = calls.price(fed).add(new BigDecimal("2.50"));
    String updatedBefore = calls.item(patched).getJsonArray("summaries").getJsonObject(0).getString("lastUpdatedDate");

    assertThat(calls.patchAnswer(patched, calls.price(patchedPrice), ListingsCalls.quantity(31)).getString("status"))
        .isEqualTo("ACCEPTED");
    JsonObject report = calls.process(calls.feed(List.of(), patchMessage(1, fed, calls.price(fedPrice), ListingsCalls.quantity(42))));
    assertThat(report.getJsonObject("summary").getInteger("messagesAccepted")).isEqualTo(1);

    for (Map.Entry<String, Object[]> expected : Map.of(patched, new Object[] {patchedPrice, 31}, fed, new Object[] {fedPrice, 42})
        .entrySet()) {
      JsonObject item = calls.item(expected.getKey());
      BigDecimal price = (BigDecimal) expected.getValue()[0];
      int quantity = (Integer) expected.getValue()[1];
      JsonObject offer = item.getJsonArray("offers").getJsonObject(0);
      assertThat(new BigDecimal(offer.getJsonObject("price").getString("amount"))).isEqualByComparingTo(price);
      assertThat(offer.getJsonObject("price").getString("currencyCode")).isEqualTo(calls.marketplace().currency());
      assertThat(item.getJsonArray("fulfillmentAvailability").getJsonObject(0).getInteger("quantity")).isEqualTo(quantity);
      assertThat(item.getJsonObject("attributes").getJsonArray("fulfillment_availability").getJsonObject(0).getInteger("quantity"))
          .isEqualTo(quantity);
      assertThat(item.getJsonArray("issues")).isEmpty();
    }
    assertThat(calls.item(patched).getJsonArray("summaries").getJsonObject(0).getString("lastUpdatedDate")).isNotEqualTo(updatedBefore);

    for (String type : List.of("GET_MERCHANT_LISTINGS_ALL_DATA", "GET_FLAT_FILE_OPEN_LISTINGS_DATA")) {
      Map<String, String[]> rows = rows(type, "seller-sku");
      assertThat(new BigDecimal(rows.get(patched)[3])).as(type).isEqualByComparingTo(patchedPrice);
      assertThat(rows.get(patched)[4]).as(type).isEqualTo("31");
      assertThat(new BigDecimal(rows.get(fed)[3])).as(type).isEqualByComparingTo(fedPrice);
      assertThat(rows.get(fed)[4]).as(type).isEqualTo("42");
    }
  }

  @Test
  void fba_stock_counted_again_shows_in_the_fba_inventory_report() {
    String sku = calls.fbaSkus(1).get(0);
    assertThat(harness.sim().setFulfillableQuantity(calls.seller().sellerId(), sku, 4321)).isPresent();
    Map<String, String[]> rows = rows("GET_AFN_INVENTORY_DATA", "seller-sku");
    assertThat(rows.get(sku)[5]).isEqualTo("4321");
  }
}
