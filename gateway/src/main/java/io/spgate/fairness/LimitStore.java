package io.spgate.fairness;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Tenants' own limits in Postgres (tenant_limits). */
final class LimitStore {

  private final Pool pool;

  LimitStore(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's overrides; none when it has no row. */
  Future<LimitOverrides> overrides(UUID tenantId) {
    return pool.preparedQuery("SELECT max_concurrent, calls_per_second, burst FROM tenant_limits WHERE tenant_id = $1")
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() == 0 ? LimitOverrides.NONE : from(rows.iterator().next()));
  }

  Future<Boolean> exists(UUID tenantId) {
    return pool.preparedQuery("SELECT 1 FROM tenants WHERE id = $1").execute(Tuple.of(tenantId)).map(rows -> rows.size() == 1);
  }

  /** Replaces the tenant's overrides; false when there is no such tenant. */
  Future<Boolean> replace(UUID tenantId, LimitOverrides overrides) {
    return pool.preparedQuery("INSERT INTO tenant_limits (tenant_id, max_concurrent, calls_per_second, burst)"
            + " SELECT id, $2, $3, $4 FROM tenants WHERE id = $1"
            + " ON CONFLICT (tenant_id) DO UPDATE SET max_concurrent = EXCLUDED.max_concurrent,"
            + " calls_per_second = EXCLUDED.calls_per_second, burst = EXCLUDED.burst, updated_at = now()")
        .execute(Tuple.of(tenantId, overrides.maxConcurrent().orElse(null), overrides.callsPerSecond().orElse(null),
            overrides.burst().orElse(null)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static LimitOverrides from(Row row) {
    return new LimitOverrides(Optional.ofNullable(row.getInteger("max_concurrent")), Optional.ofNullable(row.getDouble("calls_per_second")),
        Optional.ofNullable(row.getInteger("burst")));
  }
}
