package io.spgate.reports;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.store.JobBacklog;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** The report jobs waiting for a worker: unfinished, their next step due, and no instance holds them ({@code jobs="reports"}). */
public final class ReportBacklog {

  private static final String DUE = "SELECT count(*), COALESCE(extract(epoch FROM now() - min(next_step_at)), 0)::float8"
      + " FROM report_jobs WHERE status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS') AND next_step_at <= now()"
      + " AND (lease_until IS NULL OR lease_until < now())";

  private ReportBacklog() {}

  public static JobBacklog meters(Vertx vertx, Pool pool, MeterRegistry registry) {
    return new JobBacklog(vertx, pool, registry, "reports", DUE);
  }
}
