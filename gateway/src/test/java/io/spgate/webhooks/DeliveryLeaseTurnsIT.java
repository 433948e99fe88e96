package io.spgate.webhooks;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.MigratedDatabase;
import io.spgate.TwoTenants;
import io.spgate.events.Outbox;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook deliveries are leased in turn by tenant: one tenant's backlog of events keeps no other tenant's waiting. */
class DeliveryLeaseTurnsIT {

  private MigratedDatabase database;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_lease_deliveries_in_turn_by_tenant() {
    TwoTenants tenants = TwoTenants.create(database.pool);
    backlog(tenants.big().tenantId(), 100, TwoTenants.LONG_DUE);
    backlog(tenants.small().tenantId(), 1, TwoTenants.JUST_DUE);

    assertThat(await(new DeliveryStore(database.pool, new Outbox()).leaseDue(OffsetDateTime.now(), TwoTenants.LEASED,
        Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.tenantId()).isEqualTo(tenants.small().tenantId()));
  }

  /** The tenant's endpoint, with {@code events} pending deliveries, each of an order of its own, due since {@code due}. */
  private void backlog(UUID tenant, int events, String due) {
    UUID endpoint = UUID.randomUUID();
    await(database.pool.preparedQuery("INSERT INTO webhook_endpoints (id, tenant_id, url, event_types, secret_key_id, secret_sealed)"
        + " VALUES ($1, $2, 'https://hooks.example.com/spgate', '{order.changed}', 'k1', '\\x00')").execute(Tuple.of(endpoint, tenant)));
    await(database.pool.preparedQuery("WITH e AS (INSERT INTO events (tenant_id, type, resource_type, resource_id)"
        + " SELECT $1, 'order.changed', 'order', '111-' || g FROM generate_series(1, $3) g RETURNING id, resource_type, resource_id)"
        + " INSERT INTO webhook_deliveries (endpoint_id, event_id, resource_type, resource_id, next_attempt_at)"
        + " SELECT $2, id, resource_type, resource_id, " + due + " FROM e").execute(Tuple.of(tenant, endpoint, events)));
  }
}
