package io.spgate.fanout;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.StoredSeller;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.store.Migrations;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rounds' leases in a database of their own (no gateway leasing beside the test): a seller's first round is due
 * when the intake says, and items that come while a round runs are not left asleep by that round's release.
 */
class SellerWakeupIT {

  private final Vertx vertx = Vertx.vertx();
  private TestPostgres postgres;
  private Pool pool;
  private WorkStore work;
  private UpdateJobStore jobs;

  @BeforeEach
  void start() {
    postgres = TestPostgres.create();
    pool = postgres.pool(vertx, 2);
    await(Migrations.bundled().apply(pool));
    work = new WorkStore(pool, new JobEvents(new io.spgate.events.Outbox()));
    jobs = new UpdateJobStore(pool, new JobEvents(new io.spgate.events.Outbox()));
  }

  @AfterEach
  void stop() {
    await(pool.close());
    postgres.close();
    await(vertx.close());
  }

  @Test
  void should_lease_sellers_in_turn_by_tenant_so_that_a_big_job_keeps_no_other_tenants_seller_waiting() {
    Seller big = StoredSeller.create(pool, "A1", "amzn1.sp.solution.big");
    await(pool.preparedQuery("INSERT INTO sellers (id, tenant_id, selling_partner_id, application, region, marketplaces, status,"
        + " refresh_token_key_id, refresh_token) SELECT gen_random_uuid(), $1, 'A' || g, $2, 'na', '{ATVPDKIKX0DER}', 'active', 'k1',"
        + " '\\x00' FROM generate_series(2, 100) g").execute(Tuple.of(big.tenantId(), big.application())));
    await(pool.preparedQuery("INSERT INTO update_sellers (seller_id, due_at) SELECT id, now() - interval '1 hour' FROM sellers"
        + " WHERE tenant_id = $1").execute(Tuple.of(big.tenantId())));
    Seller small = StoredSeller.create(pool, "B1", "amzn1.sp.solution.small");
    await(pool.preparedQuery("INSERT INTO update_sellers (seller_id, due_at) VALUES ($1, now() - interval '1 minute')")
        .execute(Tuple.of(small.id())));

    List<UUID> leased = await(work.leaseDue(4, Duration.ofMinutes(1)));

    assertThat(leased).hasSize(4).contains(small.id());
  }

  @Test
  void should_make_a_seller_due_again_when_items_came_during_its_round_that_found_nothing_to_send() {
    UUID seller = UUID.randomUUID();
    intake(seller, 0);
    assertThat(await(work.leaseDue(10, Duration.ofMinutes(1)))).containsExactly(seller);

    intake(seller, 0); // a second job's items, committed while the round runs
    await(work.release(seller, Optional.empty())); // the round had read its open items before they came

    assertThat(dueAt(seller)).isBeforeOrEqualTo(now());
    assertThat(await(work.leaseDue(10, Duration.ofMinutes(1)))).containsExactly(seller);
  }

  @Test
  void should_let_a_seller_sleep_when_nothing_came_during_its_round() {
    UUID seller = UUID.randomUUID();
    intake(seller, 0);
    assertThat(await(work.leaseDue(10, Duration.ofMinutes(1)))).containsExactly(seller);

    await(work.release(seller, Optional.empty()));

    assertThat(await(work.leaseDue(10, Duration.ofMinutes(1)))).isEmpty();
    assertThat(dueAt(seller)).isAfter(now().plusYears(100));
  }

  @Test
  void should_hold_back_a_deferred_seller_until_its_time() {
    UUID longest = UUID.randomUUID();
    UUID quick = UUID.randomUUID();
    await(pool.withTransaction(tx -> jobs.accepted(tx, UUID.randomUUID(), new byte[32], new JsonObject(), 2, 0, Optional.empty(),
        Map.of(longest, -150.0, quick, 14_300.0), Optional.empty())));

    assertThat(await(work.leaseDue(10, Duration.ofMinutes(1)))).containsExactly(longest);
    assertThat(dueAt(quick)).isAfter(now().plusSeconds(10));
  }

  private void intake(UUID seller, double offsetMillis) {
    await(pool.withTransaction(tx -> jobs.accepted(tx, UUID.randomUUID(), new byte[32], new JsonObject(), 1, 0, Optional.empty(),
        Map.of(seller, offsetMillis), Optional.empty())));
  }

  private OffsetDateTime dueAt(UUID seller) {
    return await(pool.preparedQuery("SELECT due_at FROM update_sellers WHERE seller_id = $1").execute(Tuple.of(seller)))
        .iterator().next().getOffsetDateTime(0);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
