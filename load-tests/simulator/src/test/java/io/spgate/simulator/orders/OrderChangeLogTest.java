package io.spgate.simulator.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.notifications.NotificationPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderChangeLogTest {

  @Test
  void a_hundred_thousand_changes_read_in_pages_each_once_and_since_starts_at_the_right_one() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    DemoWorld world = new DemoWorld(1, 1, 1, 1, 3, start);
    Order order = world.store(world.sellers().get(0)).orders().iterator().next();
    OrderChangeLog log = new OrderChangeLog();
    for (int i = 0; i < 100_000; i++) {
      // Ten changes per millisecond, as a busy generator makes them.
      log.record("A1", order, start.plusMillis(i / 10));
    }

    Set<Long> seen = new HashSet<>();
    int pages = 0;
    Long cursor = null;
    OrderChangeLog.Page page;
    do {
      page = log.page(null, cursor, OrderChangeLog.MAX_PAGE);
      page.changes().forEach(c -> assertThat(seen.add(c.sequence())).isTrue());
      cursor = page.cursor();
      pages++;
    } while (page.hasMore());
    assertThat(seen).hasSize(100_000);
    assertThat(pages).isEqualTo(10);
    assertThat(page.total()).isEqualTo(100_000);

    OrderChangeLog.Page since = log.page(start.plusMillis(5_000), null, 3);
    assertThat(since.changes()).extracting(OrderChangeLog.Change::sequence).containsExactly(50_000L, 50_001L, 50_002L);
    assertThat(log.page(start.plusSeconds(3_600), null, 10).changes()).isEmpty();
    // A cursor past the end gives nothing, and a later look from it gives what came since.
    OrderChangeLog.Page end = log.page(null, 100_000L, 10);
    assertThat(end.changes()).isEmpty();
    assertThat(end.hasMore()).isFalse();
    log.record("A1", order, start.plusSeconds(1));
    assertThat(log.page(null, end.cursor(), 10).changes()).extracting(OrderChangeLog.Change::sequence).containsExactly(100_000L);
  }

  @Test
  void the_wall_clock_of_a_change_never_goes_back_so_since_stays_exact() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    DemoWorld world = new DemoWorld(1, 1, 1, 1, 1, start);
    Order order = world.store(world.sellers().get(0)).orders().iterator().next();
    OrderChangeLog log = new OrderChangeLog();
    log.record("A1", order, start.plusSeconds(10));
    // The clock stepped back (NTP): recorded at the last instant, not before it.
    OrderChangeLog.Change stepped = log.record("A1", order, start.plusSeconds(5));
    assertThat(stepped.changedAt()).isEqualTo(start.plusSeconds(10));
    List<Long> fromTen = new ArrayList<>();
    log.page(start.plusSeconds(10), null, 10).changes().forEach(c -> fromTen.add(c.sequence()));
    assertThat(fromTen).containsExactly(0L, 1L);
    assertThat(stepped.toJson().getString("status")).isEqualTo(OrderStatuses.fulfillmentStatus(order.orderStatus()));
  }

  @Test
  void a_page_tells_what_became_of_each_changes_notification() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    DemoWorld world = new DemoWorld(1, 1, 1, 1, 1, start);
    Order order = world.store(world.sellers().get(0)).orders().iterator().next();
    OrderChangeLog log = new OrderChangeLog();
    List<OrderChangeLog.Change> changes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      changes.add(log.record("A1", order, start.plusSeconds(i)));
    }
    log.notified(changes.get(0), new NotificationPublisher.Sent(3, 1200));
    log.notified(changes.get(1), new NotificationPublisher.Sent(0, 0));
    log.notified(changes.get(2), new NotificationPublisher.Sent(-1, 0));
    List<String> fates = new ArrayList<>();
    log.page(null, null, 10).toJson().getJsonArray("changes").forEach(c -> fates.add(((io.vertx.core.json.JsonObject) c)
        .getString("notification") + ":" + ((io.vertx.core.json.JsonObject) c).getInteger("copies")));
    assertThat(fates).containsExactly("sent:3", "dropped:0", "none:0", "pending:0");
    assertThat(log.page(null, null, 1).toJson().getJsonArray("changes").getJsonObject(0).getLong("firstCopyDelayMillis")).isEqualTo(1200);
  }
}
