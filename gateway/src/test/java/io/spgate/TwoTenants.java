package io.spgate;

import static io.spgate.TestPostgres.await;

import io.spgate.seller.Seller;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Two tenants for a lease that must take turns by tenant ({@link io.spgate.store.TurnsByTenant}): a big one with a
 * hundred sellers and a small one with one. A test gives the big tenant's sellers work due for an hour
 * ({@link #LONG_DUE}) and the small one's work due a minute ({@link #JUST_DUE}): a lease of a few rows in due order would
 * take only the big tenant's.
 */
public record TwoTenants(Seller big, List<UUID> bigSellers, Seller small) {

  public static final String LONG_DUE = "now() - interval '1 hour'";
  public static final String JUST_DUE = "now() - interval '1 minute'";
  /** Rows a test leases at once: far fewer than the big tenant's backlog. */
  public static final int LEASED = 4;

  public static TwoTenants create(Pool pool) {
    Seller big = StoredSeller.create(pool, "A1BIG", "amzn1.sp.solution.big-" + UUID.randomUUID());
    await(pool.preparedQuery("INSERT INTO sellers (id, tenant_id, selling_partner_id, application, region, marketplaces, status,"
        + " refresh_token_key_id, refresh_token) SELECT gen_random_uuid(), $1, 'A' || g, $2, 'na', '{ATVPDKIKX0DER}', 'active', 'k1',"
        + " '\\x00' FROM generate_series(2, 100) g").execute(Tuple.of(big.tenantId(), big.application())));
    Seller small = StoredSeller.create(pool, "B1SMALL", "amzn1.sp.solution.small-" + UUID.randomUUID());
    List<UUID> bigSellers = new ArrayList<>();
    await(pool.preparedQuery("SELECT id FROM sellers WHERE tenant_id = $1").execute(Tuple.of(big.tenantId())))
        .forEach(row -> bigSellers.add(row.getUUID(0)));
    return new TwoTenants(big, List.copyOf(bigSellers), small);
  }
}
