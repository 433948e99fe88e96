package io.spgate.fanout;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * How long Amazon takes to process a JSON_LISTINGS_FEED, from creation to its end: the median of the
 * last feeds spgate sent (any seller), or the configured guess until there are some. Read at most
 * once a minute.
 */
final class FeedDurations {

  private static final int RECENT = 20;
  private static final long REREAD_NANOS = Duration.ofMinutes(1).toNanos();

  private final Pool pool;
  private final Duration guess;
  private volatile Duration known;
  private volatile long readAt;

  /** @param guess what to expect before any feed was seen through (Amazon: ~30 minutes even for tiny feeds) */
  FeedDurations(Pool pool, Duration guess) {
    this.pool = pool;
    this.guess = guess;
  }

  Future<Duration> expected() {
    Duration cached = known;
    if (cached != null && System.nanoTime() - readAt < REREAD_NANOS) {
      return Future.succeededFuture(cached);
    }
    return pool.preparedQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), count(*) FROM (SELECT"
            + " extract(epoch FROM finished_at - created_at) AS seconds FROM update_submissions WHERE"
            + " state = 'done' AND created_at IS NOT NULL ORDER BY finished_at DESC LIMIT " + RECENT + ") recent")
        .execute()
        .map(rows -> {
          var row = rows.iterator().next();
          Duration expected = row.getLong(1) == 0 ? guess : Duration.ofMillis((long) (row.getDouble(0) * 1000));
          known = expected;
          readAt = System.nanoTime();
          return expected;
        })
        .otherwise(guess);
  }
}
