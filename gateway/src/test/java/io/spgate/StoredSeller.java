package io.spgate;

import static io.spgate.TestPostgres.await;

import io.spgate.seller.Region;
import io.spgate.seller.Seller;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant, an application and one active seller written straight into a migrated database, for tests of a store that
 * need a seller's rows and no gateway (the refresh token is a placeholder: nothing calls Amazon for it).
 */
public final class StoredSeller {

  private StoredSeller() {}

  public static Seller create(Pool pool, String sellingPartnerId, String amazonApplicationId) {
    UUID tenant = UUID.randomUUID();
    UUID sellerId = UUID.randomUUID();
    String application = "app-" + sellerId;
    await(pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2)").execute(Tuple.of(tenant, "Tenant " + tenant)));
    await(pool.preparedQuery("INSERT INTO applications (id, application_id, client_id, client_secret_key_id, client_secret)"
        + " VALUES ($1, $2, 'client', 'k1', '\\x00')").execute(Tuple.of(application, amazonApplicationId)));
    await(pool.preparedQuery("INSERT INTO sellers (id, tenant_id, selling_partner_id, application, region, marketplaces, status,"
        + " refresh_token_key_id, refresh_token) VALUES ($1, $2, $3, $4, 'na', '{ATVPDKIKX0DER}', 'active', 'k1', '\\x00')")
        .execute(Tuple.of(sellerId, tenant, sellingPartnerId, application)));
    return new Seller(sellerId, tenant, sellingPartnerId, application, Region.parse("na").orElseThrow(), List.of("ATVPDKIKX0DER"),
        Seller.Status.ACTIVE, new Seller.TokenHealth(Optional.empty(), Optional.empty(), Optional.empty()), OffsetDateTime.now(),
        OffsetDateTime.now());
  }
}
