package io.spgate.reports;

import io.spgate.http.Feature;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * Reports: jobs that request, follow and serve Amazon's reports, schedules, and the streamed
 * documents. Its workers move jobs and schedules along on every instance, each job on one at a time.
 */
public final class ReportsFeature implements Feature {

  /** How often each instance looks for due jobs and schedules. */
  private static final Duration TICK = Duration.ofSeconds(1);
  /** A job's call may wait this long for its quota slot; past it the job tries again at its next step. */
  private static final Duration CALL_MAX_WAIT = Duration.ofSeconds(30);

  private final ReportJobWorker worker;
  private final ReportScheduler scheduler;
  private final ReportRoutes routes;
  private final ReportScheduleRoutes scheduleRoutes;

  /** @param firstPoll the first wait for Amazon to process a report; later ones grow by half up to {@code maxPoll} */
  public ReportsFeature(Vertx vertx, Pool pool, SellerStore sellers, SpApiClient spApi, Duration firstPoll, Duration maxPoll) {
    ReportTypes types = ReportTypes.bundled();
    ReportJobStore jobs = new ReportJobStore(pool);
    ReportScheduleStore schedules = new ReportScheduleStore(pool);
    AmazonReports amazon = new AmazonReports(spApi, CALL_MAX_WAIT);
    this.worker = new ReportJobWorker(vertx, jobs, sellers, amazon, types, firstPoll, maxPoll);
    this.scheduler = new ReportScheduler(vertx, schedules, jobs, types);
    this.routes = new ReportRoutes(jobs, sellers, amazon, types);
    this.scheduleRoutes = new ReportScheduleRoutes(schedules, jobs, routes, types);
  }

  @Override
  public void mountApi(Router v1) {
    routes.mount(v1);
    scheduleRoutes.mount(v1);
  }

  @Override
  public Future<Void> startWorkers() {
    worker.start(TICK);
    scheduler.start(TICK);
    return Future.succeededFuture();
  }
}
