package io.spgate.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Quota meters per seller × operation (grants, waits, deadline refusals, Amazon's 429s), plus one
 * wait timer over all sellers for percentiles. Meters of a seller × operation idle for
 * {@link #IDLE_AFTER} are removed, so thousands of sellers do not pile up series.
 */
public final class QuotaMetrics {

  static final Duration IDLE_AFTER = Duration.ofMinutes(15);
  private static final double[] WAIT_SLO_MS = {1, 10, 50, 100, 500, 1000, 5000, 10000};

  private final MeterRegistry registry;
  private final LongSupplier nanoClock;
  private final Timer allWaits;
  private final Map<SeriesId, Series> series = new ConcurrentHashMap<>();

  /** API versions reuse operationIds (getOrders is in Orders v0 and 2026-01-01), so the API names the series too. */
  private record SeriesId(String seller, String api, String operationId) {}

  private record Series(Counter grants, DistributionSummary waitMs, Counter refusals, Counter amazon429, List<Meter> meters,
      long[] lastUsed) {}

  public QuotaMetrics(MeterRegistry registry, LongSupplier nanoClock) {
    this.registry = registry;
    this.nanoClock = nanoClock;
    this.allWaits = Timer.builder("spgate.quota.wait").description("Time calls waited for their quota slot, all sellers")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  void granted(String seller, Plan plan, long waitMillis) {
    Series s = series(seller, plan);
    s.grants().increment();
    s.waitMs().record(waitMillis);
    allWaits.record(waitMillis, TimeUnit.MILLISECONDS);
  }

  void refused(String seller, Plan plan) {
    series(seller, plan).refusals().increment();
  }

  void throttledByAmazon(String seller, Plan plan) {
    series(seller, plan).amazon429().increment();
  }

  /** The wait percentiles over all sellers, for benchmarks and the console. */
  public Timer allWaits() {
    return allWaits;
  }

  /** Removes the meters of seller × operation pairs idle for longer than {@link #IDLE_AFTER}; answers how many pairs went. */
  public int evictIdle() {
    long cutoff = nanoClock.getAsLong() - IDLE_AFTER.toNanos();
    int[] evicted = {0};
    series.entrySet().removeIf(entry -> {
      if (entry.getValue().lastUsed()[0] - cutoff >= 0) {
        return false;
      }
      entry.getValue().meters().forEach(registry::remove);
      evicted[0]++;
      return true;
    });
    return evicted[0];
  }

  /** Looked up by a record of the names, not a string joined of them: no string is built per call. */
  private Series series(String seller, Plan plan) {
    Series s = series.computeIfAbsent(new SeriesId(seller, plan.api(), plan.operationId()), k -> {
      Tags tags = Tags.of("seller", seller, "api", plan.api(), "operation", plan.operationId());
      Counter grants = Counter.builder("spgate.quota.grants").tags(tags).register(registry);
      DistributionSummary wait = DistributionSummary.builder("spgate.quota.wait.ms").tags(tags).serviceLevelObjectives(WAIT_SLO_MS)
          .register(registry);
      Counter refusals = Counter.builder("spgate.quota.deadline.refusals").tags(tags).register(registry);
      Counter amazon = Counter.builder("spgate.quota.amazon.throttled").tags(tags).register(registry);
      return new Series(grants, wait, refusals, amazon, List.of(grants, wait, refusals, amazon), new long[1]);
    });
    s.lastUsed()[0] = nanoClock.getAsLong();
    return s;
  }
}
