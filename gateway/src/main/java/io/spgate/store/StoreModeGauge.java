package io.spgate.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * {@code spgate_redis_fallback{store}}: 1 while a store that shares its state through Redis works without it because
 * Redis failed (in process at a share of each quota, or refusing calls), 0 otherwise, and always 0 without Redis
 * configured. It turns 0 again at the first call Redis answers. Readiness says DEGRADED (or DOWN) at the same time.
 */
public final class StoreModeGauge {

  private StoreModeGauge() {}

  /** @param store what the store keeps ("quotas", "tokens") */
  public static void register(MeterRegistry registry, String store, Supplier<StoreMode> mode) {
    Gauge.builder("spgate.redis.fallback", mode, m -> switch (m.get()) {
      case REDIS, IN_PROCESS -> 0;
      case IN_PROCESS_FALLBACK, REFUSING -> 1;
    }).description("1 while the store goes on without Redis because Redis failed").tag("store", store).register(registry);
  }
}
