package io.spgate.orders;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.notifications.NotificationsFeature;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Orders kept in sync from the simulator's notifications (ElasticMQ) and polling: duplicated, late, shuffled and dropped
 * notifications for one order end in one order in its final state; a change whose notification was dropped is found by
 * polling, which marks the seller's notifications unhealthy until they arrive again; a restart loses nothing; a shipment
 * is confirmed at Amazon once per Idempotency-Key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSyncIT {

  private static final String QUEUE = "spgate-orders-it";

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private Map<String, String> settings;
  private WebClient admin;
  private Seller seller;
  private String tenant;
  private String history;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(2).elasticMq(true));
    postgres = TestPostgres.create();
    String queueUrl;
    try (SqsClient sqs = NotificationsFeature.sqsClient(URI.create(amazon.simulator.sqsEndpoint() + "/"), "us-east-1")) {
      queueUrl = sqs.createQueue(r -> r.queueName(QUEUE)).queueUrl();
    }
    admin = WebClient.create(amazon.vertx);
    // An order of the seller's history, from before spgate knew the seller: stamped ten minutes ago, so that polling (two
    // minutes behind Amazon's now) sees it.
    amazon.simulator.clock().advance(Duration.ofMinutes(-10));
    history = placeOrder(amazon.simulator.sellers().get(0).sellerId());
    amazon.simulator.clock().advance(Duration.ofMinutes(10));
    settings = amazon.gatewaySettings(postgres, Map.of("SPGATE_NOTIFICATIONS_QUEUE_URL", queueUrl));
    gw = TestGateway.start(settings);
    tenant = amazon.createTenant(gw, "Orders");
    SimulatedAmazon.share(gw, "main", tenant);
    seller = amazon.registerSeller(gw, tenant, 0);
    assertThat(call("POST", "/v1/sellers/" + seller.id() + "/notifications", null).statusCode()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void should_import_the_sellers_orders_on_its_first_poll_without_calling_anything_missed() {
    call("POST", "/v1/sellers/" + seller.id() + "/orders/sync", null);

    JsonObject sync = Eventually.until(gw.gateway.vertx(), this::health, s -> s.getString("checkpoint") != null);

    assertThat(order(history)).isNotNull();
    assertThat(order(history).getString("status")).isEqualTo("unshipped");
    assertThat(sync.getString("notifications")).isEqualTo("unknown");
    assertThat(sync.getInteger("missedChanges")).isZero();
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void should_end_in_the_final_state_whatever_becomes_of_the_notifications_of_one_order() {
    String orderId = placeOrder();
    simulator("POST", "/_sim/notifications", new JsonObject().put("duplicateNext", 10));
    simulator("POST", "/_sim/notifications", new JsonObject().put("delayNextMillis", 1500));
    setStatus(orderId, "Shipped");

    JsonObject order = Eventually.until(gw.gateway.vertx(), () -> order(orderId), o -> o != null && "shipped".equals(o.getString("status")));

    assertThat(orders().stream().filter(o -> orderId.equals(((JsonObject) o).getString("amazonOrderId")))).hasSize(1);
    assertThat(order.getInteger("version")).isBetween(1, 2);
    assertThat(order.getString("fulfillment")).isEqualTo("MFN");
    JsonArray events = await(gw.client.get("/v1/events").addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send()).bodyAsJsonObject().getJsonArray("items");
    long created = events.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("type").equals("order.created") && e.getString("resourceId").equals(order.getString("id"))).count();
    assertThat(created).isEqualTo(1);
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void should_find_by_polling_a_change_whose_notification_was_dropped_and_mark_the_notifications_unhealthy_then_healthy_again() {
    // The order and its change are stamped three minutes ago: past the two minutes polling stays behind Amazon's now, and
    // within the five minutes a poll reads back before its checkpoint.
    amazon.simulator.clock().advance(Duration.ofMinutes(-3));
    String missed = placeOrder();
    Eventually.until(gw.gateway.vertx(), () -> order(missed), o -> o != null);
    simulator("POST", "/_sim/notifications", new JsonObject().put("dropNext", 1));
    setStatus(missed, "Shipped");
    amazon.simulator.clock().advance(Duration.ofMinutes(3));

    call("POST", "/v1/sellers/" + seller.id() + "/orders/sync", null);
    JsonObject unhealthy = Eventually.until(gw.gateway.vertx(), this::health, s -> "unhealthy".equals(s.getString("notifications")));

    assertThat(unhealthy.getInteger("missedChanges")).isEqualTo(1);
    assertThat(order(missed).getString("status")).isEqualTo("shipped");
    assertThat(Duration.between(java.time.Instant.now(), java.time.Instant.parse(unhealthy.getString("nextPollAt"))))
        .isLessThanOrEqualTo(Duration.ofMinutes(3));

    String recovered = placeOrder();
    Eventually.until(gw.gateway.vertx(), () -> order(recovered), o -> o != null);
    call("POST", "/v1/sellers/" + seller.id() + "/orders/sync", null);
    JsonObject healthy = Eventually.until(gw.gateway.vertx(), this::health, s -> "healthy".equals(s.getString("notifications")));
    assertThat(healthy.getInteger("missedChanges")).isZero();
  }

  @Test
  @org.junit.jupiter.api.Order(4)
  void should_lose_nothing_and_duplicate_nothing_across_a_restart() {
    gw.close();
    String whileDown = placeOrder();
    TestGateway restarted = TestGateway.start(settings);
    gw = restarted;

    JsonObject order = Eventually.until(gw.gateway.vertx(), () -> order(whileDown), o -> o != null);

    assertThat(order.getString("status")).isEqualTo("unshipped");
    long copies = orders().stream().filter(o -> whileDown.equals(((JsonObject) o).getString("amazonOrderId"))).count();
    assertThat(copies).isEqualTo(1);
    // Pages of one, followed by their cursors, give every order once, in the list's order.
    java.util.List<String> paged = new java.util.ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = call("GET", "/v1/orders?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), null).bodyAsJsonObject();
      page.getJsonArray("items").forEach(o -> paged.add(((JsonObject) o).getString("id")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(orders().stream().map(o -> ((JsonObject) o).getString("id")).toList());
  }

  @Test
  @org.junit.jupiter.api.Order(5)
  void should_confirm_a_shipment_once_per_key_and_refuse_a_carrier_amazon_does_not_list() {
    String orderId = placeOrder();
    JsonObject order = Eventually.until(gw.gateway.vertx(), () -> order(orderId), o -> o != null);
    String path = "/v1/orders/" + order.getString("id") + "/shipments";
    JsonObject shipment = new JsonObject().put("carrierCode", "UPS").put("trackingNumber", "1Z999AA10123456784");

    HttpResponse<Buffer> keyless = call("POST", path, shipment);
    assertThat(keyless.statusCode()).isEqualTo(400);
    assertThat(keyless.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_required");
    HttpResponse<Buffer> unknownCarrier = call("POST", path, new JsonObject().put("carrierCode", "Speedy Parcels")
        .put("trackingNumber", "SP1"), java.util.UUID.randomUUID().toString());
    assertThat(unknownCarrier.statusCode()).isEqualTo(400);
    assertThat(unknownCarrier.bodyAsJsonObject().getString("code")).isEqualTo("carrier_code_unknown");

    String key = java.util.UUID.randomUUID().toString();
    HttpResponse<Buffer> first = call("POST", path, shipment, key);
    HttpResponse<Buffer> retry = call("POST", path, shipment, key);
    HttpResponse<Buffer> otherBody = call("POST", path, shipment.copy().put("trackingNumber", "1Z999AA10123456785"), key);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("status")).isEqualTo("confirmed");
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(otherBody.statusCode()).isEqualTo(409);
    assertThat(otherBody.bodyAsJsonObject().getString("code")).isEqualTo("idempotency_key_reused");
    // Amazon was asked once, and the order's state follows.
    JsonObject calls = simulator("GET", "/_sim/stats", null).getJsonObject("sellers").getJsonObject(seller.sellingPartnerId())
        .getJsonObject("confirmShipment");
    assertThat(calls.getLong("2xx")).isEqualTo(1);
    assertThat(calls.getLong("other", 0L)).isZero();
    Eventually.until(gw.gateway.vertx(), () -> order(orderId), o -> "shipped".equals(o.getString("status")));
  }

  @Test
  @org.junit.jupiter.api.Order(6)
  void should_narrow_order_and_offer_notifications_with_amazons_event_filter() {
    Seller other = amazon.registerSeller(gw, tenant, 1);
    String marketplace = other.marketplaces().get(0);
    String path = "/v1/sellers/" + other.id() + "/notifications";

    HttpResponse<Buffer> badPeriod = call("POST", path, new JsonObject().put("offerAggregation", "Weekly"));
    HttpResponse<Buffer> notHis = call("POST", path, new JsonObject().put("marketplaceIds", new JsonArray().add("A1NOTHISMARKET")));
    HttpResponse<Buffer> made = call("POST", path, new JsonObject()
        .put("types", new JsonArray().add("ORDER_CHANGE").add("ANY_OFFER_CHANGED").add("REPORT_PROCESSING_FINISHED"))
        .put("marketplaceIds", new JsonArray().add(marketplace)).put("orderChangeTypes", new JsonArray().add("OrderStatusChange"))
        .put("offerAggregation", "FiveMinutes"));

    assertThat(badPeriod.statusCode()).isEqualTo(400);
    assertThat(notHis.statusCode()).isEqualTo(400);
    assertThat(notHis.bodyAsJsonObject().getString("detail")).contains("A1NOTHISMARKET");
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(200);
    Map<String, Object> byType = new java.util.HashMap<>();
    made.bodyAsJsonObject().getJsonArray("items").forEach(i -> byType.put(((JsonObject) i).getString("type"),
        ((JsonObject) i).getValue("processingDirective")));
    // As Amazon holds them (the simulator answers the directive it validated and keeps).
    assertThat(byType.get("ORDER_CHANGE")).isEqualTo(new JsonObject().put("eventFilter", new JsonObject()
        .put("eventFilterType", "ORDER_CHANGE").put("marketplaceIds", new JsonArray().add(marketplace))
        .put("orderChangeTypes", new JsonArray().add("OrderStatusChange"))));
    assertThat(byType.get("ANY_OFFER_CHANGED")).isEqualTo(new JsonObject().put("eventFilter", new JsonObject()
        .put("eventFilterType", "ANY_OFFER_CHANGED").put("marketplaceIds", new JsonArray().add(marketplace))
        .put("aggregationSettings", new JsonObject().put("aggregationTimePeriod", "FiveMinutes"))));
    assertThat(byType).containsKey("REPORT_PROCESSING_FINISHED");
    assertThat(byType.get("REPORT_PROCESSING_FINISHED")).isNull();
  }

  private String placeOrder() {
    return placeOrder(seller.sellingPartnerId());
  }

  private String placeOrder(String sellingPartnerId) {
    return simulator("POST", "/_sim/sellers/" + sellingPartnerId + "/orders",
        new JsonObject().put("status", "Unshipped").put("fulfilledBy", "MERCHANT")).getString("amazonOrderId");
  }

  private void setStatus(String orderId, String status) {
    simulator("POST", "/_sim/orders/" + orderId + "/status", new JsonObject().put("status", status));
  }

  private JsonObject simulator(String method, String path, JsonObject body) {
    var request = admin.requestAbs(io.vertx.core.http.HttpMethod.valueOf(method), amazon.simulator.baseUrl() + path);
    HttpResponse<Buffer> response = await(body == null ? request.send() : request.sendJsonObject(body));
    assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> call(String method, String path, JsonObject body) {
    return call(method, path, body, null);
  }

  private HttpResponse<Buffer> call(String method, String path, JsonObject body, String idempotencyKey) {
    var request = gw.client.request(io.vertx.core.http.HttpMethod.valueOf(method), path).addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private JsonArray orders() {
    return call("GET", "/v1/orders?limit=500", null).bodyAsJsonObject().getJsonArray("items");
  }

  private JsonObject order(String amazonOrderId) {
    Optional<Object> found = orders().stream().filter(o -> amazonOrderId.equals(((JsonObject) o).getString("amazonOrderId"))).findFirst();
    return (JsonObject) found.orElse(null);
  }

  private JsonObject health() {
    return call("GET", "/v1/notifications/health?sellerId=" + seller.id(), null).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
  }
}
