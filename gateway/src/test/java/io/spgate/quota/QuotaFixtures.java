package io.spgate.quota;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;

/** Quota test helpers: fresh buckets and a gate over a given store. */
public final class QuotaFixtures {

  private QuotaFixtures() {}

  /** A selling partner's buckets that no other test touches. */
  public static QuotaOwner freshOwner() {
    return QuotaOwner.sellingPartner("A" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(), "main", "na");
  }

  /**
   * How many grants the busiest window of the sorted grant times holds beyond burst + rate · window
   * (0 or less: never beyond). A window is {@code slackMillis} longer than its grants lie apart: the
   * times are taken where the grants are seen, some later than others on a busy machine.
   */
  public static int mostGrantsBeyondQuota(List<Long> sortedNanos, Plan plan, long slackMillis) {
    int most = Integer.MIN_VALUE;
    for (int i = 0; i < sortedNanos.size(); i++) {
      for (int j = i; j < sortedNanos.size(); j++) {
        double windowSeconds = (sortedNanos.get(j) - sortedNanos.get(i) + slackMillis * 1_000_000) / 1e9;
        most = Math.max(most, j - i + 1 - (int) (plan.burst() + plan.ratePerSecond() * windowSeconds));
      }
    }
    return most;
  }

  /** A gate whose operations catalog (the buckets its console view looks for) is {@code catalog}; calls bring their own plans. */
  public static QuotaGate gate(Vertx vertx, QuotaStore store, Plan... catalog) {
    return new QuotaGate(vertx, store, application -> List.of(catalog), new QuotaMetrics(new SimpleMeterRegistry(), 100), 0);
  }
}
