package io.spgate.reports;

import io.spgate.http.Feature;
import io.spgate.notifications.NotificationEffect;
import io.spgate.reports.document.DocumentDownload;
import io.spgate.reports.document.DocumentHosts;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.spgate.vertx.PerEventLoop;
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

/**
 * Reports: jobs that request, follow and serve Amazon's reports, schedules, and the streamed
 * documents. Its workers move jobs and schedules along on every instance, each job on one at a time.
 */
public final class ReportsFeature implements Feature {

  /** How often each instance looks for due jobs and schedules. */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** A job's call may wait this long for its quota slot; past it the job tries again at its next step. */
  private static final Duration CALL_MAX_WAIT = Duration.ofSeconds(30);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** A document transfer that stalls this long (no byte from S3) is cut. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final ReportJobWorker worker;
  private final ReportScheduler scheduler;
  private final ReportRoutes routes;
  private final ReportScheduleRoutes scheduleRoutes;
  private final ReportDocumentRoutes documentRoutes;

  /**
   * @param firstPoll the first wait for Amazon to process a report; later ones grow by half up to {@code maxPoll}
   * @param documentOrigins where documents may come from besides Amazon's storage (the simulator's origin)
   */
  public ReportsFeature(Vertx vertx, Pool pool, SellerStore sellers, SpApiClient spApi, Duration firstPoll, Duration maxPoll,
      List<URI> documentOrigins) {
    ReportTypes types = ReportTypes.bundled();
    ReportJobStore jobs = new ReportJobStore(pool);
    ReportScheduleStore schedules = new ReportScheduleStore(pool);
    AmazonReports amazon = new AmazonReports(spApi, CALL_MAX_WAIT);
    this.worker = new ReportJobWorker(vertx, jobs, sellers, amazon, types, firstPoll, maxPoll);
    this.scheduler = new ReportScheduler(vertx, schedules, jobs, types);
    this.routes = new ReportRoutes(jobs, sellers, amazon, types);
    this.scheduleRoutes = new ReportScheduleRoutes(schedules, jobs, routes, types);
    DocumentHosts hosts = DocumentHosts.amazonStorageAnd(documentOrigins.stream().map(URI::toString).toList());
    this.documentRoutes = new ReportDocumentRoutes(routes, jobs, new DocumentLinks(amazon),
        new PerEventLoop<>(() -> new DocumentDownload(documentClient(vertx), hosts)), types);
  }

  /** Amazon's storage, read as sent: never decompressed on the way, so the pipeline unpacks a gzip body exactly once. */
  private static HttpClient documentClient(Vertx vertx) {
    return vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false).setKeepAlive(true)
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()).setReadIdleTimeout((int) READ_TIMEOUT.toSeconds()));
  }

  /** What notifications do here, by notification type. */
  public Map<String, NotificationEffect> notificationEffects() {
    return Map.of("REPORT_PROCESSING_FINISHED", new ReportFinishedEffect());
  }

  @Override
  public void mountApi(Router v1) {
    routes.mount(v1);
    scheduleRoutes.mount(v1);
    documentRoutes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    worker.start(TICK);
    scheduler.start(TICK);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    return Future.join(worker.stop(), scheduler.stop()).mapEmpty();
  }
}
