package io.spgate;

import io.spgate.config.GatewayConfig;
import io.spgate.health.Readiness;
import io.spgate.http.Feature;
import io.spgate.lwa.SellerTokens;
import io.spgate.store.EmbeddedPostgresServer;
import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order a gateway stops in, so that a rolling restart loses nothing: readiness turns DOWN while the instance still
 * serves (SPGATE_SHUTDOWN_DELAY, for load balancers to turn away); then the API port takes no new connections while
 * the requests in progress are answered, and the workers take no new work while the work in hand is recorded and its
 * leases let go (and token refreshes not yet recorded are written), both within SPGATE_SHUTDOWN_GRACE; then the
 * Postgres and Redis pools close, and Vert.x last. Work still in hand when the grace ran out is abandoned after the
 * pool closed, so nothing it records late can hand an item sent to Amazon back as unsent: its lease runs out and the
 * next instance reads such items back.
 * The management port answers probes (readiness DOWN, liveness UP) until the end.
 */
final class Shutdown {

  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  private final Vertx vertx;
  private final Duration delay;
  private final Duration grace;
  private final Readiness readiness;
  private final List<ApiVerticle> apiVerticles;
  private final List<Feature> features;
  private final SellerTokens sellerTokens;
  private final Pool pool;
  private final SharedStores stores;
  private final Optional<EmbeddedPostgresServer> embedded;
  private final AtomicReference<Future<Void>> running = new AtomicReference<>();

  Shutdown(Vertx vertx, GatewayConfig config, Readiness readiness, List<ApiVerticle> apiVerticles, List<Feature> features,
      SellerTokens sellerTokens, Pool pool, SharedStores stores, Optional<EmbeddedPostgresServer> embedded) {
    this.vertx = vertx;
    this.delay = config.shutdownDelay();
    this.grace = config.shutdownGrace();
    this.readiness = readiness;
    this.apiVerticles = apiVerticles;
    this.features = features;
    this.sellerTokens = sellerTokens;
    this.pool = pool;
    this.stores = stores;
    this.embedded = embedded;
  }

  /** Runs the shutdown once; a second call (a second SIGTERM) answers the first one's future. */
  Future<Void> run() {
    Promise<Void> done = Promise.promise();
    if (!running.compareAndSet(null, done.future())) {
      LOG.info("Shutdown: already under way");
      return running.get();
    }
    long began = System.nanoTime();
    readiness.draining();
    LOG.info("Shutdown 1/4: readiness DOWN; serving {} ms more while load balancers turn away", delay.toMillis());
    afterDelay()
        .compose(v -> drain())
        .compose(v -> closePools())
        .onComplete(closed -> closeVertx().whenComplete((v, failure) -> {
          if (failure != null) {
            LOG.warn("Shutdown: {}", failure.toString());
          }
          LOG.info("Shutdown: done in {} ms", millisSince(began));
          done.complete();
        }));
    return done.future();
  }

  private Future<Void> afterDelay() {
    return delay.isZero() ? Future.succeededFuture() : vertx.timer(delay.toMillis(), TimeUnit.MILLISECONDS).mapEmpty();
  }

  /** Requests in progress and the work in hand, side by side, within the grace; never fails. */
  private Future<Void> drain() {
    LOG.info("Shutdown 2/4: no new connections or background work; up to {} ms for the requests and the work in hand", grace.toMillis());
    long began = System.nanoTime();
    Future<Void> requests = Future.join(apiVerticles.stream().map(verticle -> verticle.shutdown(grace)).toList()).mapEmpty();
    List<Future<Void>> stopping = new ArrayList<>(features.stream().map(Feature::stopWorkers).toList());
    stopping.add(sellerTokens.stop());
    Future<Void> work = Future.join(stopping).<Void>mapEmpty().timeout(grace.toMillis(), TimeUnit.MILLISECONDS);
    return Future.join(requests, work).transform(drained -> {
      if (work.succeeded()) {
        LOG.info("Shutdown 3/4: requests answered and work handed back in {} ms", millisSince(began));
      } else {
        LOG.warn("Shutdown 3/4: background work still in hand after {} ms is abandoned: its leases run out, items it sent are read"
            + " back by the next instance", millisSince(began));
      }
      if (requests.failed()) {
        LOG.warn("Shutdown: the API port did not stop cleanly: {}", requests.cause().toString());
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> closePools() {
    // Postgres before the HTTP clients: an SP-API call cut by Vert.x's close can no longer record its item as unsent.
    return pool.close().otherwiseEmpty().onComplete(closed -> {
      stores.close();
      LOG.info("Shutdown 4/4: Postgres and Redis pools closed; closing Vert.x");
    });
  }

  /**
   * From a thread of its own, not an event loop: what follows the close would be handed to the loop it was called on,
   * which has ended by then.
   */
  private CompletableFuture<Void> closeVertx() {
    return CompletableFuture.runAsync(() -> vertx.close().toCompletionStage().toCompletableFuture().join())
        .thenRun(() -> embedded.ifPresent(EmbeddedPostgresServer::close));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
