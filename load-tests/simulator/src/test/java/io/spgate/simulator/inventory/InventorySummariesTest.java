package io.spgate.simulator.inventory;

import static io.spgate.simulator.support.ListingsCalls.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * getInventorySummaries as FACTS.md part 2, section 7 describes it: pages of 50 with a nextToken that must be
 * URL-encoded, expires after 30 seconds and needs startDateTime sent again; startDateTime as changed-since, within 18
 * months; the stock a sync sees changes when Amazon counts it again (the admin API).
 */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class InventorySummariesTest {
  private static final String SUMMARIES = "/fba/inventory/v1/summaries";
  private static SimHarness harness;
  private static Seller seller;
  private static String token;
  private static String mp;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).listingsPerSeller(400).quotas(false));
    seller = harness.sellerIn("na");
    token = harness.accessToken(seller);
    mp = seller.homeMarketplace().id();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static HttpResponse<Buffer> summaries(String extra) {
    return harness.get(SUMMARIES + "?details=true&granularityType=Marketplace&granularityId=" + mp + "&marketplaceIds=" + mp + extra,
        token);
  }

  private static JsonObject page(String extra) {
    HttpResponse<Buffer> response = summaries(extra);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static String nextToken(JsonObject page) {
    JsonObject pagination = page.getJsonObject("pagination");
    return pagination == null ? null : pagination.getString("nextToken");
  }

  private static List<String> skus(JsonObject page) {
    return page.getJsonObject("payload").getJsonArray("inventorySummaries").stream()
        .map(s -> ((JsonObject) s).getString("sellerSku")).toList();
  }

  private static String errorMessage(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message");
  }

  private static String since(Instant t) {
    return "&startDateTime=" + enc(t.toString());
  }

  /** The seller's FBA SKUs as searchListingsItems lists them, in SKU order. */
  private static List<String> fbaSkusBySearch() {
    List<String> fba = new ArrayList<>();
    String pageToken = null;
    do {
      JsonObject page = harness.get("/listings/2021-08-01/items/" + seller.sellerId() + "?marketplaceIds=" + mp
          + "&includedData=fulfillmentAvailability&sortBy=sku&sortOrder=ASC&pageSize=20"
          + (pageToken == null ? "" : "&pageToken=" + enc(pageToken)), token).bodyAsJsonObject();
      page.getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(i -> i.getJsonArray("fulfillmentAvailability").getJsonObject(0).getString("fulfillmentChannelCode").startsWith("AMAZON"))
          .forEach(i -> fba.add(i.getString("sku")));
      pageToken = page.getJsonObject("pagination").getString("nextToken");
    } while (pageToken != null);
    return fba;
  }

  @Test
  void every_fba_listing_comes_once_in_sku_order_over_pages_of_50_with_a_token_that_needs_url_encoding() {
    List<String> all = new ArrayList<>();
    JsonObject page = page("");
    all.addAll(skus(page));
    assertThat(skus(page)).hasSize(50);
    String token = nextToken(page);
    assertThat(token).contains("+", "/", "=");
    while (token != null) {
      page = page("&nextToken=" + enc(token));
      all.addAll(skus(page));
      token = nextToken(page);
    }
    assertThat(all).doesNotHaveDuplicates().isSorted().containsExactlyElementsOf(fbaSkusBySearch());

    String raw = nextToken(page(""));
    assertThat(errorMessage(summaries("&nextToken=" + raw))).as("a '+' sent raw reads as a space")
        .isEqualTo("Next token is invalid or expired");
  }

  @Test
  void a_token_older_than_30_seconds_is_refused() {
    String token = nextToken(page(""));
    harness.sim().clock().advance(Duration.ofSeconds(29));
    assertThat(nextToken(page("&nextToken=" + enc(token)))).isNotNull();
    harness.sim().clock().advance(Duration.ofSeconds(2));
    assertThat(errorMessage(summaries("&nextToken=" + enc(token)))).isEqualTo("Next token is invalid or expired");
  }

  @Test
  void startDateTime_selects_the_stock_changed_since_and_must_come_back_with_the_token() {
    Instant now = harness.sim().clock().now();
    assertThat(skus(page(since(now.minusSeconds(300))))).as("nothing changed in the last 5 minutes").isEmpty();

    String sku = skus(page("")).get(7);
    HttpResponse<Buffer> counted = harness.client().putAbs(harness.sim().baseUrl() + "/_sim/sellers/" + seller.sellerId()
        + "/inventory/" + enc(sku)).sendJsonObject(new JsonObject().put("fulfillableQuantity", 1234)).await();
    assertThat(counted.statusCode()).as(counted.bodyAsString()).isEqualTo(200);

    JsonObject changed = page(since(now.minusSeconds(300)));
    assertThat(skus(changed)).containsExactly(sku);
    JsonObject summary = changed.getJsonObject("payload").getJsonArray("inventorySummaries").getJsonObject(0);
    assertThat(summary.getJsonObject("inventoryDetails").getInteger("fulfillableQuantity")).isEqualTo(1234);
    assertThat(Instant.parse(summary.getString("lastUpdatedTime"))).isAfterOrEqualTo(now);
    assertThat(nextToken(changed)).isNull();

    String longAgo = since(now.atOffset(ZoneOffset.UTC).minusMonths(17).toInstant());
    JsonObject first = page(longAgo);
    assertThat(skus(first)).hasSize(50);
    String token = nextToken(first);
    assertThat(errorMessage(summaries("&nextToken=" + enc(token)))).isEqualTo("Next token is invalid or expired");
    assertThat(errorMessage(summaries("&nextToken=" + enc(token) + since(now)))).isEqualTo("Next token is invalid or expired");
    assertThat(skus(page("&nextToken=" + enc(token) + longAgo))).hasSize(50);
  }

  @Test
  void a_startDateTime_more_than_18_months_ago_is_refused() {
    Instant now = harness.sim().clock().now();
    assertThat(errorMessage(summaries(since(now.atOffset(ZoneOffset.UTC).minusMonths(19).toInstant())))).contains("startDateTime");
    assertThat(summaries(since(now.atOffset(ZoneOffset.UTC).minusMonths(18).plusDays(1).toInstant())).statusCode()).isEqualTo(200);
  }

  @Test
  void one_marketplace_only_and_granularityId_must_be_it() {
    String other = seller.marketplaceIds().stream().filter(id -> !id.equals(mp)).findFirst().orElse("A2EUQ1WTGCTBG2");
    assertThat(harness.get(SUMMARIES + "?granularityType=Marketplace&granularityId=" + mp + "&marketplaceIds=" + mp + "," + other,
        token).statusCode()).isEqualTo(400);
    assertThat(harness.get(SUMMARIES + "?granularityType=Marketplace&granularityId=" + other + "&marketplaceIds=" + mp, token)
        .statusCode()).isEqualTo(400);
  }

  @Test
  void the_admin_call_counts_only_fba_skus() {
    String base = harness.sim().baseUrl() + "/_sim/sellers/" + seller.sellerId() + "/inventory/";
    String merchantSku = new ListingsCalls(harness, seller).merchantSkus(1).get(0);
    assertThat(harness.client().putAbs(base + enc(merchantSku)).sendJsonObject(new JsonObject().put("fulfillableQuantity", 1)).await()
        .statusCode()).isEqualTo(404);
    String fbaSku = skus(page("")).get(0);
    assertThat(harness.client().putAbs(base + enc(fbaSku)).sendJsonObject(new JsonObject().put("fulfillableQuantity", -1)).await()
        .statusCode()).isEqualTo(400);
    assertThat(harness.client().putAbs(base + enc(fbaSku)).sendBuffer(Buffer.buffer("[]")).await().statusCode()).isEqualTo(400);
  }
}
