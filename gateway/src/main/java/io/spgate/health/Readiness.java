package io.spgate.health;

import io.spgate.store.SharedStores;
import io.spgate.store.StoreMode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether this instance should get traffic, and what works: DOWN until migrations are applied and
 * every verticle is deployed, and whenever Postgres stops answering or calls are refused. A
 * configured Redis that stops answering makes it DEGRADED (still serving, quotas decided and tokens
 * kept in process) or, with quota fallback switched off, DOWN. The checks {@code quotas} and
 * {@code tokens} say where each is kept now ({@link StoreMode}). Once the instance shuts down it is
 * DOWN for good, with {@code checks.draining}, so that load balancers stop sending to it first.
 */
public final class Readiness {

  static final long PROBE_TIMEOUT_MS = 2_000;

  private final Pool pool;
  private final SharedStores stores;
  private final AtomicBoolean migrated = new AtomicBoolean();
  private final AtomicBoolean deployed = new AtomicBoolean();
  private final AtomicBoolean draining = new AtomicBoolean();
  /** With a Redis fallback, a Redis outage degrades the instance instead of taking it out of service. */
  private final boolean redisFallback;
  private final Supplier<StoreMode> quotas;
  private final Supplier<StoreMode> tokens;

  public Readiness(Pool pool, SharedStores stores, boolean redisFallback, Supplier<StoreMode> quotas, Supplier<StoreMode> tokens) {
    this.pool = pool;
    this.stores = stores;
    this.redisFallback = redisFallback;
    this.quotas = quotas;
    this.tokens = tokens;
  }

  public void migrationsApplied() {
    migrated.set(true);
  }

  public void verticlesDeployed() {
    deployed.set(true);
  }

  /** The instance is shutting down: DOWN from now on, whatever its stores say. */
  public void draining() {
    draining.set(true);
  }

  public boolean isDraining() {
    return draining.get();
  }

  /**
   * {@code {"status":"UP|DEGRADED|DOWN","checks":{postgres, migrations, verticles: UP|DOWN; redis:
   * UP|DEGRADED|DOWN|NOT_CONFIGURED; quotas, tokens: redis|in_process|in_process_fallback|refusing}}}; while shutting
   * down {@code {"status":"DOWN","checks":{"draining":"DOWN"}}}.
   */
  public Future<JsonObject> check() {
    if (draining.get()) {
      // No probes: the stores are about to close, and the answer no longer depends on them.
      return Future.succeededFuture(new JsonObject().put("status", "DOWN").put("checks", new JsonObject().put("draining", "DOWN")));
    }
    Future<String> postgres = probe(pool.query("SELECT 1").execute().mapEmpty());
    Future<String> redis = stores.redisConfigured()
        ? probe(stores.ping()).map(state -> state.equals("DOWN") && redisFallback ? "DEGRADED" : state)
        : Future.succeededFuture("NOT_CONFIGURED");
    return Future.join(postgres, redis).transform(done -> {
      // A store that has not yet met the Redis the probe found silent goes on in process at its next call.
      boolean silent = !redis.result().equals("UP") && !redis.result().equals("NOT_CONFIGURED");
      StoreMode quotaMode = silent && quotas.get() == StoreMode.REDIS
          ? (redisFallback ? StoreMode.IN_PROCESS_FALLBACK : StoreMode.REFUSING) : quotas.get();
      StoreMode tokenMode = silent && tokens.get() == StoreMode.REDIS ? StoreMode.IN_PROCESS_FALLBACK : tokens.get();
      JsonObject checks = new JsonObject()
          .put("postgres", postgres.result())
          .put("migrations", migrated.get() ? "UP" : "DOWN")
          .put("verticles", deployed.get() ? "UP" : "DOWN")
          .put("redis", redis.result())
          .put("quotas", quotaMode.value())
          .put("tokens", tokenMode.value());
      List<String> states = List.of(postgres.result(), checks.getString("migrations"), checks.getString("verticles"), redis.result(),
          state(quotaMode), state(tokenMode));
      String status = states.contains("DOWN") ? "DOWN" : states.contains("DEGRADED") ? "DEGRADED" : "UP";
      return Future.succeededFuture(new JsonObject().put("status", status).put("checks", checks));
    });
  }

  private static String state(StoreMode mode) {
    return switch (mode) {
      case REDIS, IN_PROCESS -> "UP";
      case IN_PROCESS_FALLBACK -> "DEGRADED";
      case REFUSING -> "DOWN";
    };
  }

  private Future<String> probe(Future<Void> answer) {
    return answer.timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map("UP")
        .otherwise("DOWN");
  }
}
