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

  /** A gate whose operations catalog (the buckets its console view looks for) is {@code catalog}; calls bring their own plans. */
  public static QuotaGate gate(Vertx vertx, QuotaStore store, Plan... catalog) {
    return new QuotaGate(vertx, store, application -> List.of(catalog), new QuotaMetrics(new SimpleMeterRegistry(), 100), 0);
  }
}
