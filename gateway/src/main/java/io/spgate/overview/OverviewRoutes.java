package io.spgate.overview;

import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/overview}: a tenant's sellers by status and its SP-API calls, Amazon's throttles
 * and quota waits over the last hour, for the console. Its worker writes this instance's ended
 * activity slots every slot, and forgets old ones.
 */
public final class OverviewRoutes implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(OverviewRoutes.class);
  private static final long PURGE_EVERY_MILLIS = 10 * 60_000;

  private final Vertx vertx;
  private long slotTimer;
  private final ActivityLog log;
  private final ActivityStore store;
  private final Overview overview;

  public OverviewRoutes(Vertx vertx, Pool pool, SellerStore sellers, ActivityLog log) {
    this.vertx = vertx;
    this.log = log;
    this.store = new ActivityStore(pool, UUID.randomUUID());
    this.overview = new Overview(sellers, store, log, System::currentTimeMillis);
  }

  @Override
  public void mountApi(Router v1) {
    v1.get("/overview").handler(this::show);
  }

  @Override
  public Future<Void> startWorkers() {
    slotTimer = vertx.setPeriodic(log.slotMillis(), id -> writeEnded());
    vertx.setPeriodic(PURGE_EVERY_MILLIS, id -> store.purge(Instant.now())
        .onFailure(e -> LOG.warn("Could not forget old activity slots: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  /** The slots ended so far are written now: the pool closes next. */
  @Override
  public Future<Void> stopWorkers() {
    vertx.cancelTimer(slotTimer);
    return writeEnded().otherwiseEmpty();
  }

  private void show(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_READ);
    Json.respond(ctx, 200, overview.of(tenant));
  }

  /** What the store could not take now is kept, and written with the next slot. */
  private Future<Void> writeEnded() {
    List<SlotCounts> ended = log.takeEnded();
    return store.write(ended).onFailure(e -> {
      log.putBack(ended);
      LOG.warn("Could not write {} activity slot(s); keeping them for the next try: {}", ended.size(), e.getMessage());
    });
  }
}
