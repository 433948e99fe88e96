package io.spgate.events;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestPostgres;
import io.spgate.store.Database;
import io.spgate.store.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events appended in a transaction are there exactly when it commits, and a tenant's ids follow commit order. */
class OutboxIT {

  private final Vertx vertx = Vertx.vertx();
  private final Outbox outbox = new Outbox();
  private TestPostgres postgres;
  private Pool pool;
  private UUID tenant;

  @BeforeEach
  void start() {
    postgres = TestPostgres.create();
    pool = Database.pool(vertx, postgres.url(), 4, Duration.ofSeconds(30));
    await(Migrations.bundled().apply(pool));
    tenant = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)").execute(Tuple.of(tenant, "Outbox " + tenant)));
  }

  @AfterEach
  void stop() {
    await(pool.close());
    postgres.close();
    await(vertx.close());
  }

  @Test
  void should_keep_nothing_of_a_rolled_back_transaction_and_everything_of_a_committed_one() {
    Throwable rolledBack = await(pool.withTransaction(tx -> outbox.append(tx, List.of(event("order-1")))
            .compose(appended -> Future.<Void>failedFuture(new IllegalStateException("the change failed"))))
        .transform(done -> Future.succeededFuture(done.cause())));
    List<Row> afterRollback = events();

    await(pool.withTransaction(tx -> outbox.append(tx, List.of(event("order-2"), event("order-3")))));
    List<Row> afterCommit = events();

    assertThat(rolledBack).hasMessage("the change failed");
    assertThat(afterRollback).isEmpty();
    assertThat(afterCommit).extracting(r -> r.getString("resource_id")).containsExactly("order-2", "order-3");
    assertThat(afterCommit.get(0).getString("type")).isEqualTo(EventTypes.ORDER_CREATED);
    assertThat(afterCommit.get(0).getUUID("tenant_id")).isEqualTo(tenant);
    assertThat(afterCommit.get(0).getJsonObject("data")).isEqualTo(new JsonObject().put("orderId", "order-2"));
  }

  @Test
  void should_give_a_later_committed_append_of_the_tenant_the_larger_id() {
    // The first transaction appends and stays open; the second appends too and must wait for it to end.
    SqlConnection first = await(pool.getConnection());
    SqlConnection second = await(pool.getConnection());
    await(first.query("BEGIN").execute());
    await(second.query("BEGIN").execute());
    await(outbox.append(first, List.of(event("first"))));
    int secondPid = await(second.query("SELECT pg_backend_pid()").execute()).iterator().next().getInteger(0);
    Promise<Void> secondAppended = Promise.promise();
    outbox.append(second, List.of(event("second"))).onComplete(secondAppended);

    boolean secondWaits = Eventually.holds(vertx, () -> waitsOnALock(secondPid));
    boolean appendedBeforeFirstEnded = secondAppended.future().isComplete();
    await(first.query("COMMIT").execute());
    await(secondAppended.future());
    await(second.query("COMMIT").execute());
    await(first.close());
    await(second.close());

    assertThat(secondWaits).isTrue();
    assertThat(appendedBeforeFirstEnded).isFalse();
    assertThat(events()).extracting(r -> r.getString("resource_id")).containsExactly("first", "second");
  }

  @Test
  void should_not_make_one_tenant_wait_for_another() {
    UUID other = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)").execute(Tuple.of(other, "Other " + other)));
    SqlConnection first = await(pool.getConnection());
    await(first.query("BEGIN").execute());
    await(outbox.append(first, List.of(event("first"))));

    // Another tenant's append commits while the first transaction is still open.
    await(pool.withTransaction(tx -> outbox.append(tx, List.of(new NewEvent(other, EventTypes.ORDER_CREATED, "order", "x", null)))));
    await(first.query("ROLLBACK").execute());
    await(first.close());

    assertThat(events()).isEmpty();
    assertThat(await(pool.preparedQuery("SELECT count(*) FROM events WHERE tenant_id = $1").execute(Tuple.of(other)))
        .iterator().next().getLong(0)).isOne();
  }

  @Test
  void should_owe_each_event_to_the_enabled_endpoints_of_its_tenant_that_want_its_type() {
    UUID other = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)").execute(Tuple.of(other, "Other " + other)));
    UUID all = endpoint(tenant, true, "*");
    UUID orders = endpoint(tenant, true, EventTypes.ORDER_CREATED, EventTypes.ORDER_SHIPPED);
    endpoint(tenant, false, "*");
    endpoint(other, true, "*");

    await(pool.withTransaction(tx -> outbox.append(tx, List.of(event("o-1"),
        new NewEvent(tenant, EventTypes.REPORT_READY, "report_job", "r-1", null),
        new NewEvent(tenant, EventTypes.TEST, "webhook_endpoint", all.toString(), null)))));
    long test = await(pool.withTransaction(tx -> outbox.appendFor(tx,
        new NewEvent(tenant, EventTypes.TEST, "webhook_endpoint", orders.toString(), new JsonObject().put("sent", true)), orders)));

    List<String> owed = new ArrayList<>();
    await(pool.query("SELECT d.endpoint_id, e.type, e.id FROM webhook_deliveries d JOIN events e ON e.id = d.event_id"
        + " ORDER BY e.id, d.endpoint_id").execute()).forEach(row -> owed.add((row.getUUID(0).equals(all) ? "all" : "orders")
            + " " + row.getString(1) + (row.getLong(2) == test ? " (sent)" : "")));
    assertThat(owed).containsExactlyInAnyOrder("all order.created", "orders order.created", "all report.ready", "orders test (sent)");
    assertThat(await(pool.preparedQuery("SELECT data FROM events WHERE id = $1").execute(Tuple.of(test))).iterator().next()
        .getJsonObject(0)).isEqualTo(new JsonObject().put("sent", true));
  }

  private UUID endpoint(UUID owner, boolean enabled, String... types) {
    UUID id = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO webhook_endpoints (id, tenant_id, url, event_types, secret_key_id, secret_sealed, enabled)"
        + " VALUES ($1, $2, 'https://hooks.example.com/', $3, 'k', '\\x00', $4)").execute(Tuple.of(id, owner, types, enabled)));
    return id;
  }

  private boolean waitsOnALock(int pid) {
    return "Lock".equals(await(pool.preparedQuery("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1").execute(Tuple.of(pid)))
        .iterator().next().getString(0));
  }

  private NewEvent event(String orderId) {
    return new NewEvent(tenant, EventTypes.ORDER_CREATED, "order", orderId, new JsonObject().put("orderId", orderId));
  }

  private List<Row> events() {
    List<Row> rows = new ArrayList<>();
    await(pool.preparedQuery("SELECT * FROM events WHERE tenant_id = $1 ORDER BY id").execute(Tuple.of(tenant))).forEach(rows::add);
    return rows;
  }
}
