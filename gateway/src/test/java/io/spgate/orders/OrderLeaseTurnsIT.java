package io.spgate.orders;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.MigratedDatabase;
import io.spgate.TwoTenants;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order fetches and polls are leased in turn by tenant: one tenant's backlog keeps no other tenant's seller waiting. */
class OrderLeaseTurnsIT {

  private MigratedDatabase database;
  private TwoTenants tenants;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
    tenants = TwoTenants.create(database.pool);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_lease_order_fetches_in_turn_by_tenant() {
    String fetch = "INSERT INTO order_fetches (seller_id, amazon_order_id, announced_at, due_at) SELECT s, '111-' || g, now(), %s"
        + " FROM unnest($1::uuid[]) s, generate_series(1, 3) g";
    await(database.pool.preparedQuery(String.format(fetch, TwoTenants.LONG_DUE))
        .execute(Tuple.of(tenants.bigSellers().toArray(UUID[]::new))));
    await(database.pool.preparedQuery(String.format(fetch, TwoTenants.JUST_DUE))
        .execute(Tuple.of(new UUID[] {tenants.small().id()})));

    assertThat(await(new OrderFetches(database.pool).leaseDue(TwoTenants.LEASED, Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.sellerId()).isEqualTo(tenants.small().id()));
  }

  @Test
  void should_lease_order_polls_in_turn_by_tenant() {
    String poll = "INSERT INTO order_sync (seller_id, next_poll_at) SELECT s, %s FROM unnest($1::uuid[]) s";
    await(database.pool.preparedQuery(String.format(poll, TwoTenants.LONG_DUE))
        .execute(Tuple.of(tenants.bigSellers().toArray(UUID[]::new))));
    await(database.pool.preparedQuery(String.format(poll, TwoTenants.JUST_DUE))
        .execute(Tuple.of(new UUID[] {tenants.small().id()})));

    assertThat(await(new OrderSyncStore(database.pool).leaseDue(TwoTenants.LEASED, Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.sellerId()).isEqualTo(tenants.small().id()));
  }
}
