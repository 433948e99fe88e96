package io.spgate.simulator.support;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with Vert.x timers, never a sleep; fails with what was seen when it times out. */
public final class Waits {
  private Waits() {}

  public static void until(Vertx vertx, BooleanSupplier done, Duration timeout, Supplier<String> seen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout + ": " + seen.get());
      }
      vertx.timer(20).await();
    }
  }
}
