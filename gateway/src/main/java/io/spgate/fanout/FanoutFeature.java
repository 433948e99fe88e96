package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.events.Outbox;
import io.spgate.http.Feature;
import io.spgate.notifications.NotificationEffect;
import io.spgate.quota.QuotaGate;
import io.spgate.reports.document.DocumentHosts;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out: price, quantity and handling-time updates for many SKUs of many sellers, taken in bulk
 * (POST /v1/updates), spread over each seller's quota by patches or JSON_LISTINGS_FEEDs, and tracked
 * item by item as jobs. Its workers run on every instance, each seller on one at a time.
 */
public final class FanoutFeature implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(FanoutFeature.class);
  private static final AtomicBoolean FEED_WRITER_WARMED = new AtomicBoolean();
  /** How often each instance looks for sellers whose round is due. */
  private static final Duration TICK = Duration.ofMillis(100);
  /** A patch or feed call may wait this long for its quota slot; past it the SKU goes again in a later round. */
  private static final Duration CALL_MAX_WAIT = Duration.ofSeconds(40);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final UpdateRoutes updateRoutes;
  private final JobRoutes jobRoutes;
  private final SellerWorkers workers;
  private final Vertx vertx;

  /**
   * @param feedGuess how long a feed is expected to take at Amazon until some were seen through
   * @param sellersAtOnce how many sellers' rounds this instance runs at the same time
   * @param intakesAtOnce how many requests of updates this instance takes at the same time
   * @param lease how long an instance holds a seller it works on
   * @param documentOrigins where feed documents may be uploaded to and reports read from besides Amazon's storage
   */
  public FanoutFeature(Vertx vertx, Pool pool, SellerStore sellers, MappingStore mappings, SpApiClient spApi, QuotaGate quotas,
      Duration feedGuess, int sellersAtOnce, int intakesAtOnce, Duration lease, List<URI> documentOrigins) {
    this.vertx = vertx;
    JobEvents jobEvents = new JobEvents(new Outbox());
    UpdateJobStore jobs = new UpdateJobStore(pool, jobEvents);
    WorkStore work = new WorkStore(pool, jobEvents);
    FeedDurations durations = new FeedDurations(pool, feedGuess);
    Planner planner = new Planner(quotas, durations);
    DocumentHosts hosts = DocumentHosts.amazonStorageAnd(documentOrigins.stream().map(URI::toString).toList());
    FeedCalls feedCalls = new FeedCalls(vertx, spApi, CALL_MAX_WAIT, storageClient(vertx), hosts);
    PatchRoute patches = new PatchRoute(new ListingsCalls(spApi, CALL_MAX_WAIT), work, mappings);
    FeedRoute feeds = new FeedRoute(vertx, feedCalls, work, mappings, durations);
    this.updateRoutes = new UpdateRoutes(new UpdateIntake(jobs, sellers, mappings, planner), intakesAtOnce);
    this.jobRoutes = new JobRoutes(vertx, jobs);
    this.workers = new SellerWorkers(vertx, work, new SellerRound(sellers, work, planner, patches, feeds, mappings, lease),
        sellersAtOnce, lease);
  }

  /** Amazon's storage, for feed uploads and processing reports. */
  private static HttpClient storageClient(Vertx vertx) {
    return vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false).setKeepAlive(true)
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setReadIdleTimeout((int) READ_TIMEOUT.toSeconds()));
  }

  /** What notifications do here, by notification type. */
  public Map<String, NotificationEffect> notificationEffects() {
    return Map.of("FEED_PROCESSING_FINISHED", new FeedFinishedEffect());
  }

  @Override
  public void mountStreaming(Router v1) {
    updateRoutes.mount(v1);
  }

  @Override
  public void mountApi(Router v1) {
    jobRoutes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    workers.start(TICK);
    // What the JIT compiled serves every gateway of this JVM: one warm-up is enough (tests start dozens of gateways).
    if (FEED_WRITER_WARMED.compareAndSet(false, true)) {
      FeedDocument.warmUp(vertx).onFailure(e -> LOG.warn("The feed writer could not be warmed up: {}", e.getMessage()));
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    return workers.stop();
  }
}
