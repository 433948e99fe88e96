package io.spgate.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that every instance does in rounds: each round leases what is due (so no other instance takes
 * it) and works on each item; a round still running when the next tick comes is not overlapped. The one
 * lease mechanism of every kind of background work (report jobs, order fetches and polls, webhook deliveries).
 * Working on an item ends by recording its next state, which lets its lease go: a round that ended holds none.
 */
public final class LeasedRounds<T> {

  private static final Logger LOG = LoggerFactory.getLogger(LeasedRounds.class);

  private final String what;
  private final Supplier<Future<List<T>>> leaseDue;
  private final Function<T, Future<Void>> work;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Future<Void> round = Future.succeededFuture();
  private Context context;
  private long timer;

  /** @param what what the items are, for the log */
  public LeasedRounds(String what, Supplier<Future<List<T>>> leaseDue, Function<T, Future<Void>> work) {
    this.what = what;
    this.leaseDue = leaseDue;
    this.work = work;
  }

  public void every(Vertx vertx, Duration tick) {
    context = vertx.getOrCreateContext();
    timer = vertx.setPeriodic(tick.toMillis(), id -> run());
  }

  /** One round; completes when every item leased in it was worked on. */
  public Future<Void> run() {
    if (running || stopped) {
      return Future.succeededFuture();
    }
    running = true;
    round = leaseDue.get()
        .compose(due -> Future.join(due.stream().map(work).toList()).<Void>mapEmpty())
        .onFailure(e -> LOG.warn("{} could not be worked on: {}", what, e.getMessage()))
        .onComplete(done -> {
          running = false;
          if (again && !stopped) {
            again = false;
            run();
          }
        });
    return round;
  }

  /** Takes no more rounds; completes when the round running now ended, its items worked on and their leases let go. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> ended = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      context.owner().cancelTimer(timer);
      round.onComplete(done -> ended.complete());
    });
    return ended.future();
  }

  /** A round now, or right after the one running: work just became due (call it on the rounds' context). */
  public void runSoon() {
    if (running) {
      again = true;
    } else {
      run();
    }
  }
}
