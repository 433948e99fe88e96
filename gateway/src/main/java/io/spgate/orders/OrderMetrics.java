package io.spgate.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code spgate_orders_stored_total{change}} (created, changed, restamped, stale: what storing each state Amazon showed
 * did) and {@code spgate_orders_sellers_notifications_unhealthy}: the sellers whose notifications polling found missing
 * changes, counted across all instances (every instance reports the same number).
 */
final class OrderMetrics {

  private final Map<OrderStore.Change, Counter> stored = new EnumMap<>(OrderStore.Change.class);
  private final AtomicLong unhealthy = new AtomicLong();

  OrderMetrics(MeterRegistry registry) {
    for (OrderStore.Change change : OrderStore.Change.values()) {
      stored.put(change, Counter.builder("spgate.orders.stored").description("Order states Amazon showed, by what storing them did")
          .tag("change", change.name().toLowerCase(Locale.ROOT)).register(registry));
    }
    Gauge.builder("spgate.orders.sellers.notifications.unhealthy", unhealthy, AtomicLong::get)
        .description("Sellers whose notifications miss order changes polling found").register(registry);
  }

  void stored(OrderStore.Change change) {
    stored.get(change).increment();
  }

  void unhealthySellers(long count) {
    unhealthy.set(count);
  }
}
