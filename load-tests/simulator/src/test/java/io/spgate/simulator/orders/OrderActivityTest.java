package io.spgate.simulator.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.spgate.simulator.support.TestQueue;
import io.spgate.simulator.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order generator, the admin endpoints that place and move orders, and the log of every change. */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class OrderActivityTest {

  private static HttpResponse<Buffer> admin(SimHarness harness, String path, JsonObject body) {
    return harness.client().postAbs(harness.sim().baseUrl() + path).sendJsonObject(body).await();
  }

  private static List<JsonObject> allChanges(SimHarness harness) {
    List<JsonObject> changes = new ArrayList<>();
    String cursor = "";
    boolean more = true;
    while (more) {
      JsonObject page = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/orders/changes?limit=50&cursor=" + cursor).send().await()
          .bodyAsJsonObject();
      page.getJsonArray("changes").forEach(c -> changes.add((JsonObject) c));
      cursor = page.getString("cursor");
      more = page.getBoolean("hasMore");
    }
    return changes;
  }

  @Test
  void a_frozen_activity_places_nothing_more_and_moves_no_order_further(Vertx vertx) {
    SimulatorOptions options = new SimulatorOptions().sellers(5).ordersPerSeller(0).listingsPerSeller(20).timeScale(600).quotas(false);
    try (SimHarness harness = SimHarness.start(vertx, options)) {
      assertThat(admin(harness, "/_sim/orders/activity", new JsonObject().put("ratePerSecond", 0.2)).statusCode()).isEqualTo(200);
      Waits.until(vertx, () -> harness.sim().orderActivity().toJson().getLong("placed") >= 20, Duration.ofSeconds(20),
          () -> harness.sim().orderActivity().toJson().encode());
      JsonObject frozen = admin(harness, "/_sim/orders/activity", new JsonObject().put("freeze", true)).bodyAsJsonObject();
      assertThat(frozen.getInteger("pending")).isZero();
      assertThat(frozen.getDouble("ratePerSecond")).isZero();
      int logged = allChanges(harness).size();
      // Steps were due within 0.5 s (time scale 600); an order placed after the freeze would show in the log at once.
      harness.sim().placeOrder(harness.seller(0).sellerId());
      assertThat(allChanges(harness)).hasSize(logged + 1);
      assertThat(harness.sim().orderActivity().toJson().getLong("placed")).isEqualTo(frozen.getLong("placed"));
    }
  }

  @Test
  void generated_orders_move_from_pending_to_shipped_or_canceled_and_every_change_is_logged_and_notified(Vertx vertx) {
    SimulatorOptions options = new SimulatorOptions().sellers(5).ordersPerSeller(0).listingsPerSeller(20).timeScale(600)
        .elasticMq(true).quotas(false);
    try (SimHarness harness = SimHarness.start(vertx, options)) {
      TestQueue queue = TestQueue.create(harness, "activity");
      String destinationId = queue.destinationFor(harness.seller(0));
      for (Seller seller : harness.sim().sellers()) {
        queue.subscribe(seller, destinationId, "ORDER_CHANGE", null);
      }
      // 0.2 orders per simulated second at time scale 600: 120 a second; pending 50-500 ms, shipped 0.2-3 s later.
      assertThat(admin(harness, "/_sim/orders/activity", new JsonObject().put("ratePerSecond", 0.2)).statusCode()).isEqualTo(200);
      Waits.until(vertx, () -> harness.sim().orderActivity().toJson().getLong("placed") >= 100, Duration.ofSeconds(20),
          () -> harness.sim().orderActivity().toJson().encode());
      assertThat(admin(harness, "/_sim/orders/activity", new JsonObject().put("ratePerSecond", 0)).statusCode()).isEqualTo(200);
      Waits.until(vertx, () -> harness.sim().orderActivity().toJson().getInteger("pending") == 0, Duration.ofSeconds(20),
          () -> harness.sim().orderActivity().toJson().encode());

      List<JsonObject> changes = allChanges(harness);
      Map<String, List<JsonObject>> byOrder = new LinkedHashMap<>();
      changes.forEach(c -> byOrder.computeIfAbsent(c.getString("orderId"), k -> new ArrayList<>()).add(c));
      assertThat(byOrder).hasSizeGreaterThanOrEqualTo(100);
      int canceled = 0;
      Set<String> shippedBy = new HashSet<>();
      for (List<JsonObject> history : byOrder.values()) {
        List<String> statuses = history.stream().map(c -> c.getString("status")).toList();
        assertThat(statuses).isIn(List.of("PENDING", "UNSHIPPED", "SHIPPED"), List.of("PENDING", "CANCELLED"));
        for (int i = 1; i < history.size(); i++) {
          assertThat(Instant.parse(history.get(i).getString("lastUpdatedTime")))
              .isAfter(Instant.parse(history.get(i - 1).getString("lastUpdatedTime")));
        }
        canceled += statuses.contains("CANCELLED") ? 1 : 0;
        if (statuses.contains("SHIPPED")) {
          shippedBy.add(history.get(0).getString("fulfilledBy"));
        }
      }
      assertThat(canceled).isBetween(1, byOrder.size() / 5);
      assertThat(shippedBy).containsExactlyInAnyOrder("MERCHANT", "AMAZON");
      assertThat(changes.stream().map(c -> Instant.parse(c.getString("changedAt"))).toList()).isSorted();

      // What the 2026 API serves is the last change of each order; an MFN order the seller shipped has its package.
      String mfnShipped = byOrder.entrySet().stream()
          .filter(e -> e.getValue().get(0).getString("fulfilledBy").equals("MERCHANT")
              && e.getValue().get(e.getValue().size() - 1).getString("status").equals("SHIPPED"))
          .map(Map.Entry::getKey).findFirst().orElseThrow();
      List<JsonObject> history = byOrder.get(mfnShipped);
      Seller seller = harness.sim().seller(history.get(0).getString("sellerId")).orElseThrow();
      JsonObject served = harness.get("/orders/2026-01-01/orders/" + mfnShipped + "?includedData=FULFILLMENT,PACKAGES",
          harness.accessToken(seller)).bodyAsJsonObject().getJsonObject("order");
      assertThat(served.getString("lastUpdatedTime")).isEqualTo(history.get(history.size() - 1).getString("lastUpdatedTime"));
      assertThat(served.getJsonArray("packages")).hasSize(1);

      // Every change reached the subscribers, once each (no traps set).
      JsonObject counters = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/stats").send().await().bodyAsJsonObject()
          .getJsonObject("notifications");
      assertThat(counters.getLong("published")).isEqualTo(changes.size());
      List<JsonObject> messages = queue.receiveUntil(all -> all.size() >= changes.size(), Duration.ofSeconds(60));
      Set<String> notified = new HashSet<>();
      messages.forEach(m -> notified.add(TestQueue.orderId(m) + " " + m.getJsonObject("Payload").getJsonObject("OrderChangeNotification")
          .getJsonObject("Summary").getString("OrderStatus")));
      Set<String> logged = new HashSet<>();
      changes.forEach(c -> logged.add(c.getString("orderId") + " " + c.getString("orderStatus")));
      assertThat(notified).isEqualTo(logged);
      assertThat(messages).hasSize(changes.size());
    }
  }

  private static List<String> firstPlaced(Vertx vertx, long seed, int count) {
    SimulatorOptions options = new SimulatorOptions().sellers(20).ordersPerSeller(0).listingsPerSeller(5).seed(seed).timeScale(100)
        .orderRate(1);
    try (SimHarness harness = SimHarness.start(vertx, options)) {
      Waits.until(vertx, () -> harness.sim().orderActivity().toJson().getLong("placed") >= count, Duration.ofSeconds(20),
          () -> harness.sim().orderActivity().toJson().encode());
      harness.sim().orderActivity().setRate(0);
      return harness.sim().orderChanges().log().page(null, null, OrderChangeLog.MAX_PAGE).changes().stream()
          .filter(c -> c.orderStatus().equals("Pending")).limit(count).map(c -> c.sellerId() + " " + c.orderId() + " "
              + c.fulfillmentChannel()).toList();
    }
  }

  @Test
  void the_same_seed_places_the_same_orders_for_the_same_sellers(Vertx vertx) {
    List<String> first = firstPlaced(vertx, 7, 12);
    assertThat(first).hasSize(12);
    assertThat(firstPlaced(vertx, 7, 12)).isEqualTo(first);
    assertThat(firstPlaced(vertx, 8, 12)).isNotEqualTo(first);
  }

  @Test
  void admin_endpoints_place_and_move_orders_and_page_through_their_changes(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2).ordersPerSeller(0))) {
      Seller seller = harness.seller(0);
      HttpResponse<Buffer> placed = admin(harness, "/_sim/sellers/" + seller.sellerId() + "/orders",
          new JsonObject().put("status", "PENDING").put("fulfilledBy", "MERCHANT"));
      assertThat(placed.statusCode()).isEqualTo(201);
      JsonObject order = placed.bodyAsJsonObject();
      assertThat(order.getString("status")).isEqualTo("PENDING");
      assertThat(order.getString("fulfilledBy")).isEqualTo("MERCHANT");
      String orderId = order.getString("orderId");
      assertThat(order.getString("amazonOrderId")).isEqualTo(orderId);
      // Without a body, as before: Unshipped.
      HttpResponse<Buffer> plain = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/sellers/" + seller.sellerId() + "/orders")
          .send().await();
      assertThat(plain.statusCode()).isEqualTo(201);
      assertThat(plain.bodyAsJsonObject().getString("orderStatus")).isEqualTo("Unshipped");

      JsonObject unshipped = admin(harness, "/_sim/orders/" + orderId + "/status", new JsonObject().put("status", "UNSHIPPED"))
          .bodyAsJsonObject();
      assertThat(unshipped.getString("status")).isEqualTo("UNSHIPPED");
      assertThat(unshipped.getString("sellerId")).isEqualTo(seller.sellerId());
      assertThat(Instant.parse(unshipped.getString("lastUpdatedTime"))).isAfter(Instant.parse(order.getString("lastUpdatedTime")));
      JsonObject shipped = admin(harness, "/_sim/orders/" + orderId + "/status", new JsonObject().put("status", "Shipped"))
          .bodyAsJsonObject();
      assertThat(shipped.getString("status")).isEqualTo("SHIPPED");
      assertThat(admin(harness, "/_sim/orders/" + orderId + "/status", new JsonObject().put("status", "Lost")).statusCode()).isEqualTo(400);
      assertThat(admin(harness, "/_sim/orders/" + orderId + "/status", new JsonObject()).statusCode()).isEqualTo(400);
      assertThat(admin(harness, "/_sim/orders/000-0000000-0000000/status", new JsonObject().put("status", "Shipped")).statusCode())
          .isEqualTo(404);
      assertThat(admin(harness, "/_sim/sellers/" + seller.sellerId() + "/orders", new JsonObject().put("fulfilledBy", "ME"))
          .statusCode()).isEqualTo(400);

      String base = harness.sim().baseUrl() + "/_sim/orders/changes";
      JsonObject page1 = harness.client().getAbs(base + "?limit=2").send().await().bodyAsJsonObject();
      JsonArray first = page1.getJsonArray("changes");
      assertThat(first).hasSize(2);
      assertThat(page1.getBoolean("hasMore")).isTrue();
      assertThat(page1.getLong("total")).isEqualTo(4);
      assertThat(first.getJsonObject(0).getString("orderId")).isEqualTo(orderId);
      assertThat(first.getJsonObject(0).getString("sellerId")).isEqualTo(seller.sellerId());
      assertThat(first.getJsonObject(0).getString("changedAt")).isNotBlank();
      JsonObject page2 = harness.client().getAbs(base + "?limit=2&cursor=" + page1.getString("cursor")).send().await().bodyAsJsonObject();
      assertThat(page2.getJsonArray("changes")).hasSize(2);
      assertThat(page2.getBoolean("hasMore")).isFalse();
      assertThat(page2.getJsonArray("changes").getJsonObject(1).getString("status")).isEqualTo("SHIPPED");
      String later = Instant.now().plusSeconds(60).toString();
      assertThat(harness.client().getAbs(base + "?since=" + later).send().await().bodyAsJsonObject().getJsonArray("changes")).isEmpty();
      assertThat(harness.client().getAbs(base + "?limit=0").send().await().statusCode()).isEqualTo(400);
      assertThat(harness.client().getAbs(base + "?since=yesterday").send().await().statusCode()).isEqualTo(400);

      assertThat(admin(harness, "/_sim/orders/activity", new JsonObject().put("ratePerSecond", -1)).statusCode()).isEqualTo(400);
      JsonObject activity = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/orders/activity").send().await().bodyAsJsonObject();
      assertThat(activity.getDouble("ratePerSecond")).isZero();
    }
  }
}
