package io.spgate.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spgate.http.Feature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background work waiting for a worker: {@code spgate_jobs_backlog{jobs}}, what is due and no instance holds, and
 * {@code spgate_jobs_backlog_oldest_seconds{jobs}}, how long the longest-waiting of it has been due. A backlog that
 * stays old means the instances cannot keep up (or none works). Read from Postgres every {@link #EVERY} on each
 * instance with one indexed query, so every instance shows the whole backlog; exported at 0 from the start.
 */
public final class JobBacklog implements Feature {

  static final Duration EVERY = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Pool pool;
  private final String dueQuery;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();

  /**
   * @param jobs the kind of work, the meters' tag ("updates", "reports")
   * @param dueQuery one row: how many are due and unleased, and the age in seconds of the oldest one's due time (by
   *     Postgres's clock, so instances' clocks do not matter), 0 when none is
   */
  public JobBacklog(Vertx vertx, Pool pool, MeterRegistry registry, String jobs, String dueQuery) {
    this.vertx = vertx;
    this.pool = pool;
    this.dueQuery = dueQuery;
    Gauge.builder("spgate.jobs.backlog", due, AtomicLong::get).description("Background work due that no instance has taken yet")
        .tag("jobs", jobs).register(registry);
    Gauge.builder("spgate.jobs.backlog.oldest", oldestMillis, m -> m.get() / 1000.0).baseUnit("seconds")
        .description("How long the longest-waiting background work due has waited for a worker").tag("jobs", jobs).register(registry);
  }

  @Override
  public Future<Void> startWorkers() {
    measure();
    vertx.setPeriodic(EVERY.toMillis(), id -> measure());
    return Future.succeededFuture();
  }

  /** A failed reading keeps the last one: readiness and the request errors already tell that Postgres fails. */
  private void measure() {
    pool.query(dueQuery).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      due.set(row.getLong(0));
      oldestMillis.set(Math.round(row.getDouble(1) * 1000));
    });
  }
}
