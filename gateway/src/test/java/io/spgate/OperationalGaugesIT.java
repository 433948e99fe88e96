package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.crypto.SecretBox;
import io.spgate.fanout.UpdateBacklog;
import io.spgate.reports.ReportBacklog;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerGauges;
import io.spgate.seller.SellerStore;
import io.spgate.store.JobBacklog;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gauges the deploy alerts read from Postgres count what they say, on every instance, from the start. */
class OperationalGaugesIT {

  private final MigratedDatabase db = new MigratedDatabase();
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void should_count_sellers_of_all_tenants_by_status() {
    Seller lost = StoredSeller.create(db.pool, "LOST1", "amzn1.sp.solution.a");
    StoredSeller.create(db.pool, "FINE1", "amzn1.sp.solution.b");
    StoredSeller.create(db.pool, "FINE2", "amzn1.sp.solution.c");
    await(db.pool.preparedQuery("UPDATE sellers SET status = 'reauth_required' WHERE id = $1").execute(Tuple.of(lost.id())));
    SellerStore store = new SellerStore(db.pool, new SecretBox(List.of(new SecretBox.Key("k1", new byte[32]))));
    SellerGauges gauges = new SellerGauges(db.vertx, store, registry);

    assertThat(sellers()).as("exported before the first count").containsOnlyKeys("active", "reauth_required", "disabled")
        .allSatisfy((status, count) -> assertThat(count).isZero());
    await(gauges.startWorkers());

    assertThat(Eventually.until(db.vertx, this::sellers, counts -> counts.get("active") > 0))
        .containsExactlyInAnyOrderEntriesOf(Map.of("active", 2.0, "reauth_required", 1.0, "disabled", 0.0));
  }

  @Test
  void should_measure_the_updates_due_that_no_instance_holds() {
    await(db.pool.query("INSERT INTO update_sellers (seller_id, due_at, lease_until) VALUES"
        + " ('" + UUID.randomUUID() + "', now() - interval '5 minutes', NULL),"
        + " ('" + UUID.randomUUID() + "', now() - interval '1 minute', now() - interval '1 second'),"
        + " ('" + UUID.randomUUID() + "', now() - interval '1 hour', now() + interval '1 minute'),"
        + " ('" + UUID.randomUUID() + "', now() + interval '1 minute', NULL),"
        + " ('" + UUID.randomUUID() + "', 'infinity', NULL)").execute());

    JobBacklog meters = UpdateBacklog.meters(db.vertx, db.pool, registry);
    Supplier<double[]> backlog = () -> backlog("updates");

    assertThat(backlog.get()).as("exported before the first reading").containsExactly(0, 0);
    await(meters.startWorkers());

    double[] measured = Eventually.until(db.vertx, backlog, b -> b[0] > 0);
    assertThat(measured[0]).as("due and unleased, or leased no longer").isEqualTo(2);
    assertThat(measured[1]).as("seconds the oldest has been due").isBetween(299.0, 400.0);
  }

  @Test
  void should_measure_the_report_jobs_due_that_no_instance_holds() {
    Seller seller = StoredSeller.create(db.pool, "REPORTS1", "amzn1.sp.solution.r");
    for (String status : List.of("IN_QUEUE", "DONE", "FATAL")) {
      await(db.pool.preparedQuery("INSERT INTO report_jobs (id, tenant_id, seller_id, report_type, marketplaces, status, next_step_at)"
          + " VALUES ($1, $2, $3, 'GET_MERCHANT_LISTINGS_ALL_DATA', '{ATVPDKIKX0DER}', $4, now() - interval '2 minutes')")
          .execute(Tuple.of(UUID.randomUUID(), seller.tenantId(), seller.id(), status)));
    }
    JobBacklog meters = ReportBacklog.meters(db.vertx, db.pool, registry);
    Supplier<double[]> backlog = () -> backlog("reports");

    assertThat(backlog.get()).as("exported before the first reading").containsExactly(0, 0);
    await(meters.startWorkers());

    double[] measured = Eventually.until(db.vertx, backlog, b -> b[0] > 0);
    assertThat(measured[0]).as("unfinished jobs due").isEqualTo(1);
    assertThat(measured[1]).isBetween(119.0, 200.0);
  }

  private Map<String, Double> sellers() {
    return registry.find("spgate.sellers").gauges().stream()
        .collect(Collectors.toMap(g -> g.getId().getTag("status"), g -> g.value()));
  }

  private double[] backlog(String jobs) {
    return Stream.of("spgate.jobs.backlog", "spgate.jobs.backlog.oldest")
        .mapToDouble(name -> registry.get(name).tag("jobs", jobs).gauge().value()).toArray();
  }
}
