package io.spgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreModeGaugeTest {

  @Test
  void should_be_one_only_while_a_store_goes_on_without_the_redis_that_failed() {
    MeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<StoreMode> mode = new AtomicReference<>(StoreMode.REDIS);
    StoreModeGauge.register(registry, "quotas", mode::get);

    for (StoreMode each : StoreMode.values()) {
      mode.set(each);
      boolean withoutRedis = each == StoreMode.IN_PROCESS_FALLBACK || each == StoreMode.REFUSING;
      assertThat(registry.get("spgate.redis.fallback").tag("store", "quotas").gauge().value()).as("%s", each)
          .isEqualTo(withoutRedis ? 1.0 : 0.0);
    }
  }
}
