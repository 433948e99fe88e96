package io.spgate.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One event loop's connection to Redis, held and pipelined (many commands in flight, answers in
 * order) instead of a pooled connection borrowed per command: no pool queue, whose wait would count
 * against a command's time-out although Redis is not the one late, and no hand-over between threads.
 * Its fields are touched only on that loop (the connection's handlers run on the context that opened
 * it), so they need no locks. All calls arriving while it connects wait for that one attempt; after a
 * failed attempt the loop's calls fail at once until the back-off has passed, so a Redis outage never
 * sees a storm of connects.
 */
public final class LoopRedisConnection {

  /** A connection not made by then failed, as a refused one does, so a half-open Redis cannot hold a loop's calls. */
  public static final long CONNECT_TIMEOUT_MILLIS = 2_000;
  /** After a failed connection attempt, a loop waits this long (doubling up to the maximum) before the next one. */
  public static final long RECONNECT_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  public static final long RECONNECT_BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Redis redis;
  private final RedisLayout layout;
  private final LongSupplier nanoClock;
  private final Function<RedisConnection, Future<Void>> prepare;
  /** Connected, or connecting; null when there is none. */
  private Future<RedisConnection> current;
  /** On a cluster: a node's connection ended, so a new cluster connection is wanted; the current one still serves the others. */
  private boolean nodeLost;
  /** On a cluster: the connection being opened to replace the current one. */
  private Future<RedisConnection> replacement;
  private int failedAttempts;
  private long nextAttemptAt;

  /**
   * @param redis the client whose {@code connect()} opens it (its pool must allow one connection per
   *     event loop and user, and its waiting handlers many commands in flight: {@code SharedStores.loopOptions})
   * @param prepare run on each new connection before any command (loading scripts); a failure fails the attempt
   */
  public LoopRedisConnection(Redis redis, RedisLayout layout, LongSupplier nanoClock, Function<RedisConnection, Future<Void>> prepare) {
    this.redis = redis;
    this.layout = layout;
    this.nanoClock = nanoClock;
    this.prepare = prepare;
  }

  /**
   * The loop's connection, opened if there is none. On a cluster, once a node's connection ended
   * (a master failed), a new one is opened meanwhile, in the back-off's rhythm: it opens only once
   * the cluster's map no longer lists the failed node (its replica promoted), and then replaces
   * the current one, which goes on serving the other nodes' slots until then.
   */
  public Future<RedisConnection> connection() {
    if (current == null) {
      Future<RedisConnection> opening = open();
      if (opening == null) {
        long dueInMillis = TimeUnit.NANOSECONDS.toMillis(nextAttemptAt - nanoClock.getAsLong());
        return Future.failedFuture(new IllegalStateException("No Redis connection on this event loop: the last "
            + failedAttempts + " attempts failed; the next is due in " + dueInMillis + " ms"));
      }
      current = opening;
      // Failed already (a closed client fails at once), it is forgotten at once: its caller still gets it.
      opening.onFailure(e -> forget(opening));
      return opening;
    } else if (nodeLost && replacement == null) {
      replace();
    }
    return current;
  }

  private void replace() {
    Future<RedisConnection> opening = open();
    if (opening == null) {
      return;
    }
    replacement = opening;
    opening.onComplete(opened -> {
      replacement = null;
      if (opened.succeeded()) {
        Future<RedisConnection> replaced = current;
        current = opening;
        nodeLost = false;
        if (replaced != null) {
          replaced.onSuccess(RedisConnection::close);
        }
      }
    });
  }

  /** A connection being opened, or null while the back-off after a failed attempt lasts. */
  private Future<RedisConnection> open() {
    if (failedAttempts > 0 && nanoClock.getAsLong() - nextAttemptAt < 0) {
      return null;
    }
    Future<RedisConnection> attempt = redis.connect();
    Future<RedisConnection> connecting = attempt.timeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .recover(e -> {
          attempt.onSuccess(RedisConnection::close);
          return Future.failedFuture(e instanceof TimeoutException
              ? new ConnectException("Redis did not accept a connection within " + CONNECT_TIMEOUT_MILLIS + " ms") : e);
        })
        .compose(connection -> prepare.apply(connection).map(connection))
        .andThen(opened -> {
          if (opened.succeeded()) {
            failedAttempts = 0;
          } else {
            failedAttempts++;
            nextAttemptAt = nanoClock.getAsLong()
                + Math.min(RECONNECT_BACKOFF_MAX_NANOS, RECONNECT_BACKOFF_NANOS << Math.min(failedAttempts - 1, 20));
          }
        });
    connecting.onSuccess(connection -> connection.endHandler(v -> lost(connecting)).exceptionHandler(e -> {
      lost(connecting);
      if (layout == RedisLayout.SERVER) {
        connection.close();
      }
    }));
    return connecting;
  }

  /**
   * The connection ended or failed: on one server the next call opens another (its pending commands
   * failed with it); on a cluster one node's did, and the connection is replaced once it can be.
   */
  private void lost(Future<RedisConnection> connection) {
    if (layout == RedisLayout.SERVER) {
      forget(connection);
    } else if (current == connection) {
      nodeLost = true;
    }
  }

  private void forget(Future<RedisConnection> connection) {
    if (current == connection) {
      current = null;
    }
  }
}
