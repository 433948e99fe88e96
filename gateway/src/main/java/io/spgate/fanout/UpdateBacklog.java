package io.spgate.fanout;

import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.store.JobBacklog;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/** The updates waiting for a worker: sellers whose round is due that no instance holds ({@code jobs="updates"}). */
public final class UpdateBacklog {

  private static final String DUE = "SELECT count(*), COALESCE(extract(epoch FROM now() - min(due_at)), 0)::float8 FROM update_sellers"
      + " WHERE due_at <= now() AND (lease_until IS NULL OR lease_until < now())";

  private UpdateBacklog() {}

  public static JobBacklog meters(Vertx vertx, Pool pool, MeterRegistry registry) {
    return new JobBacklog(vertx, pool, registry, "updates", DUE);
  }
}
