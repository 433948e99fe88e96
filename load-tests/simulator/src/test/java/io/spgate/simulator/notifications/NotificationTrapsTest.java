package io.spgate.simulator.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.spgate.simulator.support.TestQueue;
import io.spgate.simulator.support.Waits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The delivery traps seen from a consumer of the queue: ten copies of one notification, a lost one, shuffled ones. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class NotificationTrapsTest {

  private static HttpResponse<Buffer> traps(SimHarness harness, JsonObject body) {
    return harness.client().postAbs(harness.sim().baseUrl() + "/_sim/notifications").sendJsonObject(body).await();
  }

  private static JsonObject notificationStats(SimHarness harness) {
    return harness.client().getAbs(harness.sim().baseUrl() + "/_sim/stats").send().await().bodyAsJsonObject()
        .getJsonObject("notifications");
  }

  @Test
  void a_duplicated_notification_arrives_ten_times_with_one_NotificationId_and_a_dropped_one_never(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).elasticMq(true))) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "traps");
      queue.subscribe(seller, queue.destinationFor(seller), "ORDER_CHANGE", null);

      assertThat(traps(harness, new JsonObject().put("duplicateNext", 10)).statusCode()).isEqualTo(200);
      String tenTimes = harness.sim().placeOrder(seller.sellerId()).amazonOrderId();
      JsonObject set = traps(harness, new JsonObject().put("dropNext", 1)).bodyAsJsonObject();
      assertThat(set.getJsonArray("forced")).hasSize(1);
      String lost = harness.sim().placeOrder(seller.sellerId()).amazonOrderId();
      String once = harness.sim().placeOrder(seller.sellerId()).amazonOrderId();

      Waits.until(vertx, () -> notificationStats(harness).getLong("sent") == 11, Duration.ofSeconds(20),
          () -> notificationStats(harness).encode());
      List<JsonObject> messages = queue.receiveUntil(all -> all.size() >= 11, Duration.ofSeconds(30));
      Map<String, List<JsonObject>> byOrder = messages.stream().collect(Collectors.groupingBy(TestQueue::orderId));
      assertThat(byOrder.keySet()).containsExactlyInAnyOrder(tenTimes, once);
      assertThat(byOrder.get(tenTimes)).hasSize(10);
      assertThat(new HashSet<>(byOrder.get(tenTimes).stream().map(TestQueue::notificationId).toList())).hasSize(1);
      assertThat(TestQueue.notificationId(byOrder.get(once).get(0))).isNotEqualTo(TestQueue.notificationId(byOrder.get(tenTimes).get(0)));
      assertThat(byOrder).doesNotContainKey(lost);

      JsonObject stats = notificationStats(harness);
      assertThat(stats.getLong("published")).isEqualTo(3);
      assertThat(stats.getLong("dropped")).isEqualTo(1);
      assertThat(stats.getLong("duplicated")).isEqualTo(9);
      assertThat(stats.getLong("sent")).isEqualTo(11);
      JsonObject settings = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/notifications").send().await().bodyAsJsonObject();
      assertThat(settings.getJsonArray("forced")).isEmpty();
      assertThat(settings.getJsonObject("counters").getLong("dropped")).isEqualTo(1);
      assertThat(traps(harness, new JsonObject().put("dropRate", 2)).statusCode()).isEqualTo(400);

      // The change log, a bench's ground truth, says what became of each change's notification.
      Map<String, JsonObject> logged = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/orders/changes").send().await()
          .bodyAsJsonObject().getJsonArray("changes").stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(c -> c.getString("orderId"), c -> c));
      assertThat(logged.get(tenTimes).getString("notification")).isEqualTo("sent");
      assertThat(logged.get(tenTimes).getInteger("copies")).isEqualTo(10);
      assertThat(logged.get(lost).getString("notification")).isEqualTo("dropped");
      assertThat(logged.get(once).getInteger("copies")).isEqualTo(1);
    }
  }

  @Test
  void with_a_delay_bound_notifications_arrive_out_of_order_but_all_arrive(Vertx vertx) {
    // Up to 3 s before the time scale of 10: up to 300 ms each.
    SimulatorOptions options = new SimulatorOptions().sellers(1).elasticMq(true).timeScale(10).notificationTraps(0, 3_000, 0);
    try (SimHarness harness = SimHarness.start(vertx, options)) {
      Seller seller = harness.seller(0);
      TestQueue queue = TestQueue.create(harness, "shuffled");
      queue.subscribe(seller, queue.destinationFor(seller), "ORDER_CHANGE", null);
      List<String> placed = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        placed.add(harness.sim().placeOrder(seller.sellerId()).amazonOrderId());
      }
      Waits.until(vertx, () -> notificationStats(harness).getLong("sent") == 20, Duration.ofSeconds(20),
          () -> notificationStats(harness).encode());
      List<String> received = new ArrayList<>();
      queue.receiveUntil(all -> all.size() >= 20, Duration.ofSeconds(30)).forEach(m -> received.add(TestQueue.orderId(m)));
      assertThat(received).containsExactlyInAnyOrderElementsOf(placed).isNotEqualTo(placed);
      assertThat(notificationStats(harness).getLong("delayed")).isPositive();
    }
  }
}
