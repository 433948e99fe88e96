package io.spgate.quota;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.seller.Region;
import io.spgate.seller.Seller;
import io.vertx.core.Vertx;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Quota test helpers: a fresh seller (only its id and region matter) and a gate over a given store. */
public final class QuotaFixtures {

  private QuotaFixtures() {}

  public static Seller freshSeller() {
    return new Seller(UUID.randomUUID(), UUID.randomUUID(), "A1QUOTA", "main", Region.NA, List.of("ATVPDKIKX0DER"),
        Seller.Status.ACTIVE, new Seller.TokenHealth(Optional.empty(), Optional.empty(), Optional.empty()),
        OffsetDateTime.now(), OffsetDateTime.now());
  }

  /** A gate whose console view plans every bucket at {@code rate}/{@code burst}; calls bring their own plans. */
  public static QuotaGate gate(Vertx vertx, QuotaStore store, double rate, int burst) {
    return new QuotaGate(vertx, store, (seller, api, method, operationId) -> new Plan(api, operationId, method, rate, burst),
        new QuotaMetrics(new SimpleMeterRegistry(), System::nanoTime), 0);
  }
}
