package io.spgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --burn N}: N threads of busy work beside the system under test, as other work sharing the
 * machine's cores would be. Each spins on arithmetic the JIT cannot drop, at normal priority, until
 * closed; the work done is counted so the run can show the threads really ran.
 */
final class Burn implements AutoCloseable {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong rounds = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  /** Where the work's result goes, so that the JIT must compute it. */
  @SuppressWarnings("unused")
  private volatile long sink;

  private Burn(int count) {
    for (int i = 0; i < count; i++) {
      Thread thread = new Thread(this::spin, "burn-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  static Burn start(int threads) {
    return new Burn(threads);
  }

  int threads() {
    return threads.size();
  }

  /** Millions of rounds of busy work done so far, all threads. */
  long millionRounds() {
    return rounds.get();
  }

  private void spin() {
    long x = Thread.currentThread().getId();
    while (running.get()) {
      for (int i = 0; i < 1_000_000; i++) {
        // xorshift: cheap and never constant
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      rounds.incrementAndGet();
      sink = x;
    }
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
