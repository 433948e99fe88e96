package io.spgate.channels;

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

/** Channels' inventory syncs are leased in turn by tenant: one tenant's thousand channels keep no other tenant's waiting. */
class InventorySyncTurnsIT {

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
  void should_lease_inventory_syncs_in_turn_by_tenant() {
    TwoTenants tenants = TwoTenants.create(database.pool);
    String sync = "INSERT INTO channel_inventory_syncs (seller_id, marketplace_id, tenant_id, next_sync_at)"
        + " SELECT s, m, $2, %s FROM unnest($1::uuid[]) s, unnest(ARRAY['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']) m";
    await(database.pool.preparedQuery(String.format(sync, TwoTenants.LONG_DUE))
        .execute(Tuple.of(tenants.bigSellers().toArray(UUID[]::new), tenants.big().tenantId())));
    await(database.pool.preparedQuery(String.format(sync, TwoTenants.JUST_DUE))
        .execute(Tuple.of(new UUID[] {tenants.small().id()}, tenants.small().tenantId())));

    assertThat(await(new InventorySyncStore(database.pool).leaseDue(TwoTenants.LEASED, Duration.ofMinutes(1))))
        .hasSize(TwoTenants.LEASED)
        .anySatisfy(leased -> assertThat(leased.tenantId()).isEqualTo(tenants.small().tenantId()));
  }
}
