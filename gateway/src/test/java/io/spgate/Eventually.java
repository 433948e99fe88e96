package io.spgate;

import static io.spgate.TestPostgres.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits in tests for what happens in its own time (a job Amazon finishes, a slot that ends): the
 * state is read again every {@link #EVERY} until it is reached or {@link #AT_MOST} has passed, and
 * the last reading is returned for the test to assert on.
 */
public final class Eventually {

  public static final Duration EVERY = Duration.ofMillis(200);
  public static final Duration AT_MOST = Duration.ofSeconds(60);

  private Eventually() {}

  /** The first reading that {@code reached} accepts, or the last one after {@link #AT_MOST}. Call it on a test thread. */
  public static <T> T until(Vertx timers, Supplier<T> read, Predicate<T> reached) {
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    T state = read.get();
    while (!reached.test(state) && System.nanoTime() < deadline) {
      await(timers.timer(EVERY.toMillis()));
      state = read.get();
    }
    return state;
  }

  /** Whether {@code condition} came to hold within {@link #AT_MOST}. */
  public static boolean holds(Vertx timers, Supplier<Boolean> condition) {
    return until(timers, condition, Boolean::booleanValue);
  }
}
