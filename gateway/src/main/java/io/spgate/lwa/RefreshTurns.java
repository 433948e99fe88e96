package io.spgate.lwa;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * At most so many of this instance's refreshes at once; the others wait their turn, first come
 * first served, before they take a seller's refresh lock. When thousands of sellers start together,
 * their refreshes queue here instead of in LWA's connection pool, where the wait would count against
 * each request's time-out (failed refreshes, retried, their failures written to Postgres), and
 * instead of under a lock, which would lapse meanwhile and let another instance refresh too.
 */
final class RefreshTurns {

  private final int atOnce;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  RefreshTurns(int atOnce) {
    this.atOnce = atOnce;
  }

  <T> Future<T> run(Supplier<Future<T>> refresh) {
    Promise<T> done = Promise.promise();
    Context caller = Vertx.currentContext();
    Runnable start = () -> refresh.get().onComplete(result -> {
      next();
      done.handle(result);
    });
    boolean now;
    synchronized (this) {
      now = running < atOnce;
      if (now) {
        running++;
      } else {
        // Started on its caller's context when its turn comes, as if it had not waited.
        waiting.add(caller == null ? start : () -> caller.runOnContext(v -> start.run()));
      }
    }
    if (now) {
      start.run();
    }
    return done.future();
  }

  /** A refresh ended: the longest waiting starts in its place. */
  private void next() {
    Runnable turn;
    synchronized (this) {
      turn = waiting.poll();
      if (turn == null) {
        running--;
      }
    }
    if (turn != null) {
      turn.run();
    }
  }
}
