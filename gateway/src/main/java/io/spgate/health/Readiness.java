package io.spgate.health;

import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this instance should get traffic: DOWN until migrations are applied and every verticle
 * is deployed, and whenever Postgres stops answering. A configured Redis that stops answering
 * makes it DEGRADED (still serving, quotas decided in process) or, without that fallback, DOWN.
 */
public final class Readiness {

  static final long PROBE_TIMEOUT_MS = 2_000;

  private final Pool pool;
  private final SharedStores stores;
  private final AtomicBoolean migrated = new AtomicBoolean();
  private final AtomicBoolean deployed = new AtomicBoolean();

  /** With a Redis fallback, a Redis outage degrades the instance instead of taking it out of service. */
  private final boolean redisFallback;

  public Readiness(Pool pool, SharedStores stores, boolean redisFallback) {
    this.redisFallback = redisFallback;
    this.pool = pool;
    this.stores = stores;
  }

  public void migrationsApplied() {
    migrated.set(true);
  }

  public void verticlesDeployed() {
    deployed.set(true);
  }

  /** {@code {"status":"UP|DEGRADED|DOWN","checks":{name: UP|DEGRADED|DOWN|NOT_CONFIGURED}}}. */
  public Future<JsonObject> check() {
    Future<String> postgres = probe(pool.query("SELECT 1").execute().mapEmpty());
    Future<String> redis = stores.redisConfigured()
        ? probe(stores.ping()).map(state -> state.equals("DOWN") && redisFallback ? "DEGRADED" : state)
        : Future.succeededFuture("NOT_CONFIGURED");
    return Future.join(postgres, redis).transform(done -> {
      JsonObject checks = new JsonObject()
          .put("postgres", postgres.result())
          .put("migrations", migrated.get() ? "UP" : "DOWN")
          .put("verticles", deployed.get() ? "UP" : "DOWN")
          .put("redis", redis.result());
      boolean up = checks.stream().noneMatch(e -> "DOWN".equals(e.getValue()));
      boolean degraded = checks.stream().anyMatch(e -> "DEGRADED".equals(e.getValue()));
      String status = !up ? "DOWN" : degraded ? "DEGRADED" : "UP";
      return Future.succeededFuture(new JsonObject().put("status", status).put("checks", checks));
    });
  }

  private Future<String> probe(Future<Void> answer) {
    return answer.timeout(PROBE_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .map("UP")
        .otherwise("DOWN");
  }
}
