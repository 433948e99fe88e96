package io.spgate.tenant;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants and their API keys in Postgres. */
public final class TenantStore {

  /** Postgres' SQLSTATE for a unique constraint violation. */
  private static final String UNIQUE_VIOLATION = "23505";
  /** Advisory lock serializing the first admin key's creation across instances. */
  private static final long ADMIN_BOOTSTRAP_LOCK = 0x5367617466L;

  private final Pool pool;

  public TenantStore(Pool pool) {
    this.pool = pool;
  }

  /** The new tenant, or empty when the name is taken. */
  public Future<Optional<Tenant>> createTenant(String name) {
    return pool.preparedQuery("INSERT INTO tenants (id, name) VALUES ($1, $2) RETURNING id, name, created_at")
        .execute(Tuple.of(UUID.randomUUID(), name))
        .map(rows -> Optional.of(Tenant.from(rows.iterator().next())))
        .recover(e -> isUniqueViolation(e) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(e));
  }

  public Future<Optional<Tenant>> tenant(UUID id) {
    return pool.preparedQuery("SELECT id, name, created_at FROM tenants WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Tenant.from(rows.iterator().next())));
  }

  /** A page of tenants in name order, starting after {@code afterName}. */
  public Future<List<Tenant>> tenants(Optional<String> afterName, int limit) {
    return pool.preparedQuery("SELECT id, name, created_at FROM tenants WHERE $1::text IS NULL OR name > $1 ORDER BY name LIMIT $2")
        .execute(Tuple.of(afterName.orElse(null), limit))
        .map(rows -> {
          List<Tenant> page = new ArrayList<>();
          rows.forEach(row -> page.add(Tenant.from(row)));
          return page;
        });
  }

  public Future<ApiKey> createKey(Optional<UUID> tenantId, String name, ApiKeySecret secret, List<Scope> scopes) {
    return insertKey(pool, tenantId, name, secret, scopes);
  }

  /**
   * Makes sure an admin key exists: the configured one, or else a new random one when there is no
   * active admin key. Answers the key created here, which must be shown once. Serialized by an
   * advisory lock so instances starting together create one key, not several.
   */
  public Future<Optional<ApiKeySecret>> ensureAdminKey(Optional<ApiKeySecret> configured) {
    return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + ADMIN_BOOTSTRAP_LOCK + ")").execute()
        .compose(locked -> {
          if (configured.isPresent()) {
            return conn.preparedQuery("SELECT 1 FROM api_keys WHERE key_hash = $1")
                .execute(Tuple.of(Buffer.buffer(configured.get().hash())))
                .compose(rows -> rows.size() > 0 ? Future.succeededFuture(Optional.<ApiKeySecret>empty())
                    : insertKey(conn, Optional.empty(), "SPGATE_ADMIN_KEY", configured.get(), List.of(Scope.ADMIN))
                        .map(key -> Optional.<ApiKeySecret>empty()));
          }
          return conn.query("SELECT 1 FROM api_keys WHERE tenant_id IS NULL AND revoked_at IS NULL LIMIT 1").execute()
              .compose(rows -> {
                if (rows.size() > 0) {
                  return Future.succeededFuture(Optional.<ApiKeySecret>empty());
                }
                ApiKeySecret created = ApiKeySecret.generate();
                return insertKey(conn, Optional.empty(), "first admin key", created, List.of(Scope.ADMIN))
                    .map(key -> Optional.of(created));
              });
        }));
  }

  private static Future<ApiKey> insertKey(SqlClient client, Optional<UUID> tenantId, String name, ApiKeySecret secret,
      List<Scope> scopes) {
    return client.preparedQuery("INSERT INTO api_keys (id, tenant_id, name, key_hash, prefix, scopes)"
            + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + ApiKey.COLUMNS)
        .execute(Tuple.of(UUID.randomUUID(), tenantId.orElse(null), name, Buffer.buffer(secret.hash()),
            secret.displayPrefix(), scopes.stream().map(Scope::value).toArray(String[]::new)))
        .map(rows -> ApiKey.from(rows.iterator().next()));
  }

  public Future<Optional<ApiKey>> activeKeyByHash(byte[] hash) {
    return pool.preparedQuery("SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(ApiKey.from(rows.iterator().next())));
  }

  /** Keys of a tenant, or the admin keys when {@code tenantId} is empty, newest first. */
  public Future<List<ApiKey>> keys(Optional<UUID> tenantId) {
    return pool.preparedQuery("SELECT " + ApiKey.COLUMNS + " FROM api_keys WHERE tenant_id IS NOT DISTINCT FROM $1"
            + " ORDER BY created_at DESC, id")
        .execute(Tuple.of(tenantId.orElse(null)))
        .map(rows -> {
          List<ApiKey> keys = new ArrayList<>();
          for (Row row : rows) {
            keys.add(ApiKey.from(row));
          }
          return keys;
        });
  }

  /** Revokes a key of that tenant (or an admin key); false when there is no such active key. */
  public Future<Boolean> revokeKey(Optional<UUID> tenantId, UUID keyId) {
    return pool.preparedQuery("UPDATE api_keys SET revoked_at = now()"
            + " WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND revoked_at IS NULL")
        .execute(Tuple.of(keyId, tenantId.orElse(null)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }
}
