package io.spgate.fairness;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's use of this instance: its calls in flight (all of them, and those of the API other than the pass-through) and
 * its calls/s bucket (GCRA on a monotonic clock). Lock-free: the event loops serving the tenant's calls share it.
 */
final class Allowance {

  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger apiInFlight = new AtomicInteger();
  /** The bucket's theoretical arrival time, in System.nanoTime(): full whenever it lies in the past. */
  private final AtomicLong tat;

  Allowance(long now) {
    this.tat = new AtomicLong(now);
  }

  /** Counts a call in on {@code counter} unless that would put it past {@code limit}. */
  static boolean enter(AtomicInteger counter, int limit) {
    if (counter.incrementAndGet() > limit) {
      counter.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Takes a token for a call now: 0 when taken, else how many nanoseconds until one is there (nothing taken). */
  long take(double callsPerSecond, int burst, long now) {
    long interval = (long) Math.ceil(1e9 / callsPerSecond);
    long capacity = interval * burst;
    while (true) {
      long current = tat.get();
      long next = (current - now > 0 ? current : now) + interval;
      long beyond = next - now - capacity;
      if (beyond > 0) {
        return beyond;
      }
      if (tat.compareAndSet(current, next)) {
        return 0;
      }
    }
  }
}
