package io.spgate.seller;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.http.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code spgate_sellers{status}}: sellers of all tenants by status, {@code reauth_required} being those whose
 * authorization Amazon no longer accepts. Counted in Postgres every {@link #EVERY} on each instance (one small
 * aggregate), so every instance reports the same numbers; every status is exported from the start, at 0 until counted.
 */
public final class SellerGauges implements Feature {

  static final Duration EVERY = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final SellerStore sellers;
  private final Map<Seller.Status, AtomicLong> counts = new EnumMap<>(Seller.Status.class);

  public SellerGauges(Vertx vertx, SellerStore sellers, MeterRegistry registry) {
    this.vertx = vertx;
    this.sellers = sellers;
    for (Seller.Status status : Seller.Status.values()) {
      AtomicLong count = new AtomicLong();
      counts.put(status, count);
      Gauge.builder("spgate.sellers", count, AtomicLong::get).description("Sellers of all tenants, by status")
          .tag("status", status.value()).register(registry);
    }
  }

  @Override
  public Future<Void> startWorkers() {
    count();
    vertx.setPeriodic(EVERY.toMillis(), id -> count());
    return Future.succeededFuture();
  }

  /** A failed count keeps the last one: readiness and the request errors already tell that Postgres fails. */
  private void count() {
    sellers.countsOfAllTenants().onSuccess(byStatus -> counts.forEach((status, count) -> count.set(byStatus.getOrDefault(status, 0L))));
  }
}
