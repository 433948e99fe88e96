package io.spgate.store;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one Postgres pool every feature shares, bounded everywhere: how many callers may wait for a
 * connection and for how long, how long a connect may take, and how long a statement may run. A
 * caller beyond a bound fails at once with Vert.x's or Postgres' own error, which the HTTP layer
 * answers with 503 ({@code postgres_busy}, {@code postgres_timeout}).
 */
public final class Database {

  /** Long enough for a burst to drain through the pool, short enough that callers learn the database is saturated. */
  static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
  /** Holds a start burst of one query per seller (10,000 sellers); callers beyond it are refused at once, not queued without end. */
  static final int MAX_WAITING = 10_000;
  /**
   * Postgres accepts a connection in milliseconds; a host that drops packets must fail a connect in
   * seconds. Vert.x 5.0.7's Postgres driver ignores it (vertx-sql-client#1608, fixed in later
   * releases); until then {@link #ACQUIRE_TIMEOUT} bounds a caller's wait on a hanging connect.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /**
   * The planner's cost of a random page read. Postgres's default (4) is for disks that seek; with the
   * data in memory or on SSD it makes a statement joining a few thousand keys (an unnest of SKUs or
   * item ids) hash a whole table of 100,000 rows rather than probe its index: 180 ms instead of 15.
   * 1.1 is Postgres's own advice for SSDs. Set on the gateway's own connections only.
   */
  static final String RANDOM_PAGE_COST = "1.1";

  private Database() {}

  public static Pool pool(Vertx vertx, URI url, int maxSize, Duration statementTimeout) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url.toString())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(0)
        .addProperty("statement_timeout", Long.toString(statementTimeout.toMillis()))
        .addProperty("random_page_cost", RANDOM_PAGE_COST);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName("spgate").setShared(false).setMaxWaitQueueSize(MAX_WAITING)
            .setConnectionTimeout((int) ACQUIRE_TIMEOUT.toMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }
}
