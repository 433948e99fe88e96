package io.spgate.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuotaMetricsTest {

  @Test
  void should_count_per_seller_and_operation_and_evict_idle_pairs() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong clock = new AtomicLong();
    QuotaMetrics metrics = new QuotaMetrics(registry, clock::get);
    Plan getOrders = new Plan("orders-v0", "getOrders", "GET", 0.0167, 20);
    Plan getOrdersNext = new Plan("orders-2026-01-01", "getOrders", "GET", 0.0167, 20);
    Plan getOrder = new Plan("orders-v0", "getOrder", "GET", 0.5, 30);

    metrics.granted("s1", getOrders, 120);
    metrics.granted("s1", getOrders, 0);
    metrics.granted("s1", getOrdersNext, 0);
    metrics.refused("s1", getOrders);
    metrics.throttledByAmazon("s2", getOrder);
    clock.addAndGet(Duration.ofMinutes(10).toNanos());
    metrics.granted("s2", getOrder, 5);

    assertThat(registry.get("spgate.quota.grants").tags("seller", "s1", "api", "orders-v0", "operation", "getOrders").counter().count())
        .isEqualTo(2);
    assertThat(registry.get("spgate.quota.grants").tags("seller", "s1", "api", "orders-2026-01-01", "operation", "getOrders").counter()
        .count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.deadline.refusals").tags("seller", "s1", "api", "orders-v0").counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.amazon.throttled").tags("seller", "s2").counter().count()).isEqualTo(1);
    assertThat(registry.get("spgate.quota.wait.ms").tags("seller", "s1", "api", "orders-v0").summary().max()).isEqualTo(120);
    assertThat(metrics.allWaits().count()).isEqualTo(4);

    clock.addAndGet(Duration.ofMinutes(6).toNanos());
    assertThat(metrics.evictIdle()).isEqualTo(2);
    assertThat(registry.find("spgate.quota.grants").tags("seller", "s1").counter()).isNull();
    assertThat(registry.find("spgate.quota.grants").tags("seller", "s2").counter()).isNotNull();
  }
}
