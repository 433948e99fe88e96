package io.spgate.simulator.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Orders API 2026-01-01 over the simulator's orders: the search rules, pages, filters, includedData and shipment. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class SearchOrdersTest {
  private static final String SEARCH = "/orders/2026-01-01/orders?";
  private static final String ALL_BLOCKS = "includedData=BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES";
  private static SimHarness harness;
  private static Seller seller;
  private static String token;
  /** A seller no test places orders for: its 60 seeded orders are all there is. */
  private static Seller seeded;
  private static String seededToken;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).ordersPerSeller(60).quotas(false));
    seller = harness.seller(0);
    token = harness.accessToken(seller);
    seeded = harness.seller(1);
    seededToken = harness.accessToken(seeded);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String errorMessage(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("code")).isEqualTo("InvalidInput");
    return error.getString("message");
  }

  /** Every order of every page, following nextToken with paginationToken. */
  private static List<JsonObject> allPages(String firstQuery, String accessToken) {
    List<JsonObject> orders = new ArrayList<>();
    String query = firstQuery;
    while (true) {
      HttpResponse<Buffer> response = harness.get(SEARCH + query, accessToken);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      body.getJsonArray("orders").forEach(o -> orders.add((JsonObject) o));
      JsonObject pagination = body.getJsonObject("pagination");
      if (pagination == null) {
        return orders;
      }
      query = "paginationToken=" + enc(pagination.getString("nextToken"));
    }
  }

  private static List<String> ids(List<JsonObject> orders) {
    return orders.stream().map(o -> o.getString("orderId")).toList();
  }

  @Test
  void exactly_one_of_createdAfter_and_lastUpdatedAfter_and_before_at_least_two_minutes_ago() {
    assertThat(errorMessage(harness.get(SEARCH + "maxResultsPerPage=5", token))).contains("Exactly one of");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2020-01-01T00:00:00Z&lastUpdatedAfter=2020-01-01T00:00:00Z", token)))
        .contains("Exactly one of");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2020-01-01T00:00:00Z&lastUpdatedBefore=2021-01-01T00:00:00Z", token)))
        .contains("lastUpdatedBefore");
    assertThat(errorMessage(harness.get(SEARCH + "lastUpdatedAfter=2020-01-01T00:00:00Z&createdBefore=2021-01-01T00:00:00Z", token)))
        .contains("createdBefore");
    // The simulator's clock, which another test may have moved on.
    String oneMinuteAgo = harness.sim().clock().now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(errorMessage(harness.get(SEARCH + "lastUpdatedAfter=2020-01-01T00:00:00Z&lastUpdatedBefore=" + oneMinuteAgo, token)))
        .contains("two minutes");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2021-01-01T00:00:00Z&createdBefore=2020-01-01T00:00:00Z", token)))
        .contains("equal to or after");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2020-01-01T00:00:00Z&maxResultsPerPage=0", token))).contains("1 and 100");

    Instant asked = harness.sim().clock().now();
    JsonObject body = harness.get(SEARCH + "lastUpdatedAfter=2020-01-01T00:00:00Z&maxResultsPerPage=1", token).bodyAsJsonObject();
    Instant before = Instant.parse(body.getString("lastUpdatedBefore"));
    assertThat(before).isBetween(asked.minus(Duration.ofMinutes(2)), harness.sim().clock().now().minus(Duration.ofMinutes(2)));
    assertThat(body.containsKey("createdBefore")).isFalse();
    assertThat(harness.get(SEARCH + "createdAfter=2020-01-01T00:00:00Z&maxResultsPerPage=1", token).bodyAsJsonObject()
        .getString("createdBefore")).isNotBlank();
  }

  @Test
  void dates_must_be_utc_written_with_Z() {
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=" + enc("2020-01-01T09:00:00+09:00"), token))).contains("UTC");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=" + enc("2020-01-01T00:00:00+00:00"), token))).contains("UTC");
    // An unencoded '+' arrives as a space: not a date at all, refused as well.
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2020-01-01T09:00:00+09:00", token))).contains("createdAfter");
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2020-01-01", token))).contains("createdAfter");
    assertThat(harness.get(SEARCH + "createdAfter=2020-01-01T00:00:00.000Z&maxResultsPerPage=1", token).statusCode()).isEqualTo(200);
  }

  @Test
  void pages_cover_every_order_once_and_filters_select_by_status_channel_and_marketplace() {
    List<JsonObject> whole = allPages("createdAfter=2000-01-01T00:00:00Z&includedData=FULFILLMENT", seededToken);
    List<JsonObject> paged = allPages("createdAfter=2000-01-01T00:00:00Z&maxResultsPerPage=7&includedData=FULFILLMENT", seededToken);
    assertThat(whole).hasSize(60);
    assertThat(ids(paged)).containsExactlyElementsOf(ids(whole));
    // Pages asked without includedData keep what the first page asked for.
    assertThat(paged).allSatisfy(o -> assertThat(o.getJsonObject("fulfillment")).isNotNull());
    List<Instant> created = whole.stream().map(o -> Instant.parse(o.getString("createdTime"))).toList();
    assertThat(created).isSorted();

    List<JsonObject> shipped = allPages("createdAfter=2000-01-01T00:00:00Z&fulfillmentStatuses=SHIPPED&includedData=FULFILLMENT",
        seededToken);
    assertThat(shipped).isNotEmpty().allSatisfy(o ->
        assertThat(o.getJsonObject("fulfillment").getString("fulfillmentStatus")).isEqualTo("SHIPPED"));
    assertThat(shipped).hasSize((int) whole.stream()
        .filter(o -> o.getJsonObject("fulfillment").getString("fulfillmentStatus").equals("SHIPPED")).count());
    List<JsonObject> byAmazon = allPages("createdAfter=2000-01-01T00:00:00Z&fulfilledBy=AMAZON&includedData=FULFILLMENT", seededToken);
    assertThat(byAmazon).isNotEmpty().hasSizeLessThan(60).allSatisfy(o ->
        assertThat(o.getJsonObject("fulfillment").getString("fulfilledBy")).isEqualTo("AMAZON"));
    String home = seeded.homeMarketplace().id();
    List<JsonObject> inHome = allPages("createdAfter=2000-01-01T00:00:00Z&marketplaceIds=" + home, seededToken);
    assertThat(inHome).isNotEmpty().allSatisfy(o -> assertThat(o.getJsonObject("salesChannel").getString("marketplaceId")).isEqualTo(home));
    assertThat(harness.get(SEARCH + "createdAfter=2000-01-01T00:00:00Z&fulfillmentStatuses=LOST", seededToken).statusCode())
        .isEqualTo(400);
    assertThat(errorMessage(harness.get(SEARCH + "createdAfter=2000-01-01T00:00:00Z&marketplaceIds=A1VC38T7YXB528X", seededToken)))
        .contains("marketplace");
  }

  @Test
  void included_data_adds_only_the_blocks_asked_for() {
    Order order = harness.sim().placeOrder(seller.sellerId(), "Shipped", "MFN");
    String path = "/orders/2026-01-01/orders/" + order.amazonOrderId();
    JsonObject bare = harness.get(path, token).bodyAsJsonObject().getJsonObject("order");
    assertThat(bare.fieldNames()).doesNotContain("buyer", "recipient", "proceeds", "fulfillment", "packages");
    assertThat(bare.getString("orderId")).isEqualTo(order.amazonOrderId());
    assertThat(bare.getString("lastUpdatedTime")).isEqualTo(order.lastUpdateDate().toString());
    assertThat(bare.getJsonObject("salesChannel").getString("channelName")).isEqualTo("AMAZON");
    JsonObject item = bare.getJsonArray("orderItems").getJsonObject(0);
    assertThat(item.getJsonObject("product").getString("asin")).isEqualTo(order.items().get(0).asin());
    assertThat(item.getJsonObject("product").getString("sellerSku")).isEqualTo(order.items().get(0).sku());
    assertThat(item.getJsonObject("product").getJsonObject("price").getJsonObject("unitPrice").getString("amount")).isNotBlank();
    assertThat(item.containsKey("fulfillment")).isFalse();

    JsonObject buyerOnly = harness.get(path + "?includedData=BUYER", token).bodyAsJsonObject().getJsonObject("order");
    assertThat(buyerOnly.getJsonObject("buyer").getString("buyerEmail")).contains("@");
    assertThat(buyerOnly.fieldNames()).doesNotContain("recipient", "proceeds", "fulfillment", "packages");

    JsonObject full = harness.get(path + "?" + ALL_BLOCKS, token).bodyAsJsonObject().getJsonObject("order");
    assertThat(full.getJsonObject("recipient").getJsonObject("deliveryAddress").getString("postalCode")).isNotBlank();
    assertThat(full.getJsonObject("proceeds").getJsonObject("grandTotal").getString("amount"))
        .isEqualTo(order.total().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    JsonObject fulfillment = full.getJsonObject("fulfillment");
    assertThat(fulfillment.getString("fulfillmentStatus")).isEqualTo("SHIPPED");
    assertThat(fulfillment.getString("fulfilledBy")).isEqualTo("MERCHANT");
    assertThat(fulfillment.getJsonObject("shipByWindow").getString("latestDateTime")).isNotBlank();
    JsonObject fullItem = full.getJsonArray("orderItems").getJsonObject(0);
    assertThat(fullItem.getJsonObject("fulfillment").getInteger("quantityUnfulfilled")).isZero();
    assertThat(fullItem.getJsonObject("fulfillment").getInteger("quantityFulfilled")).isEqualTo(order.items().get(0).quantityOrdered());
    JsonArray packages = full.getJsonArray("packages");
    assertThat(packages).hasSize(1);
    assertThat(packages.getJsonObject(0).getJsonArray("packageItems")).hasSize(order.items().size());

    Order byAmazon = harness.sim().placeOrder(seller.sellerId(), "Unshipped", "AFN");
    JsonObject afn = harness.get("/orders/2026-01-01/orders/" + byAmazon.amazonOrderId() + "?" + ALL_BLOCKS, token).bodyAsJsonObject()
        .getJsonObject("order");
    assertThat(afn.getJsonObject("fulfillment").getString("fulfilledBy")).isEqualTo("AMAZON");
    assertThat(afn.getJsonObject("fulfillment").getString("fulfillmentStatus")).isEqualTo("UNSHIPPED");
    // The model: buyer email and packages are for merchant-fulfilled orders only.
    assertThat(afn.getJsonObject("buyer").containsKey("buyerEmail")).isFalse();
    assertThat(afn.containsKey("packages")).isFalse();

    assertThat(harness.get("/orders/2026-01-01/orders/000-0000000-0000000", token).statusCode()).isEqualTo(404);
    assertThat(harness.get(path, seededToken).statusCode()).as("another seller's order").isEqualTo(404);
  }

  @Test
  void a_v0_shipment_confirmation_moves_the_order_on_in_the_2026_view() {
    Order order = harness.sim().placeOrder(seller.sellerId(), "Unshipped", "MFN");
    String path = "/orders/2026-01-01/orders/" + order.amazonOrderId() + "?includedData=FULFILLMENT,PACKAGES";
    JsonObject before = harness.get(path, token).bodyAsJsonObject().getJsonObject("order");
    assertThat(before.getJsonObject("fulfillment").getString("fulfillmentStatus")).isEqualTo("UNSHIPPED");
    assertThat(before.getJsonArray("packages")).isEmpty();
    long changesBefore = harness.sim().orderChanges().log().size();

    JsonArray items = new JsonArray();
    order.items().forEach(i -> items.add(new JsonObject().put("orderItemId", i.orderItemId()).put("quantity", i.quantityOrdered())));
    JsonObject confirm = new JsonObject().put("marketplaceId", order.marketplace().id()).put("packageDetail", new JsonObject()
        .put("packageReferenceId", "1").put("carrierCode", "Other").put("carrierName", "Speedy Post").put("trackingNumber", "SP123")
        .put("shipDate", "2026-01-02T10:00:00Z").put("orderItems", items));
    assertThat(harness.send(HttpMethod.POST, "/orders/v0/orders/" + order.amazonOrderId() + "/shipmentConfirmation", token, confirm)
        .statusCode()).isEqualTo(204);

    JsonObject after = harness.get(path, token).bodyAsJsonObject().getJsonObject("order");
    assertThat(after.getJsonObject("fulfillment").getString("fulfillmentStatus")).isEqualTo("SHIPPED");
    assertThat(Instant.parse(after.getString("lastUpdatedTime"))).isAfter(Instant.parse(before.getString("lastUpdatedTime")));
    JsonObject shipped = after.getJsonArray("packages").getJsonObject(0);
    assertThat(shipped.getString("carrier")).isEqualTo("Speedy Post");
    assertThat(shipped.getString("trackingNumber")).isEqualTo("SP123");
    assertThat(shipped.getString("shipTime")).isEqualTo("2026-01-02T10:00:00Z");
    assertThat(harness.sim().orderChanges().log().size()).isEqualTo(changesBefore + 1);

    // Once two minutes have passed, a lastUpdatedAfter search finds it in its new state.
    harness.sim().clock().advance(Duration.ofMinutes(3));
    List<JsonObject> changed = allPages("lastUpdatedAfter=" + before.getString("lastUpdatedTime") + "&includedData=FULFILLMENT", token);
    assertThat(changed).anySatisfy(o -> {
      assertThat(o.getString("orderId")).isEqualTo(order.amazonOrderId());
      assertThat(o.getJsonObject("fulfillment").getString("fulfillmentStatus")).isEqualTo("SHIPPED");
    });
  }
}
