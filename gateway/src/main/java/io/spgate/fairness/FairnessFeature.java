package io.spgate.fairness;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.http.Feature;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;

/** Tenants' own limits on the gateway: their admission to every call ({@link TenantAdmission}) and the routes that set them. */
public final class FairnessFeature implements Feature {

  private final TenantAdmission admission;
  private final LimitRoutes routes;

  /**
   * @param spApiConnections SPGATE_SPAPI_CONNECTIONS: one tenant's calls in flight stay below it
   * @param pgPoolSize SPGATE_PG_POOL_SIZE: one tenant's API calls in flight (other than the pass-through) stay within three
   *     quarters of it
   */
  public FairnessFeature(Pool pool, TenantLimits defaults, int spApiConnections, int pgPoolSize, MeterRegistry metrics) {
    LimitStore store = new LimitStore(pool);
    this.admission = new TenantAdmission(defaults, ceiling(spApiConnections), apiCeiling(pgPoolSize), store::overrides, metrics,
        System::nanoTime);
    this.routes = new LimitRoutes(store, admission);
  }

  /** The most calls one tenant may have in flight on an instance: all but one of an event loop's connections to a host. */
  public static int ceiling(int spApiConnections) {
    return Math.max(1, spApiConnections - 1);
  }

  /**
   * The most API calls (other than the pass-through) one tenant may have in flight: three quarters of the Postgres pool (12
   * of the default 16), a quarter left for other tenants and the workers. Half refused a client importing 1,000 sellers'
   * mappings 32 at a time over three instances.
   */
  public static int apiCeiling(int pgPoolSize) {
    return Math.max(1, pgPoolSize - pgPoolSize / 4);
  }

  public TenantAdmission admission() {
    return admission;
  }

  @Override
  public void mountApi(Router v1) {
    routes.mountApi(v1);
  }
}
