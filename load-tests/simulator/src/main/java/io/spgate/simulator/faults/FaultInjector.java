package io.spgate.simulator.faults;

import io.spgate.simulator.data.SeededIds;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the calls that fail. The n-th SP-API call fails or not as a pure function of (seed, n), so a run with the same
 * seed and the same sequence of calls fails the same calls.
 */
public final class FaultInjector {
  private static final Fault[] KINDS = {Fault.INTERNAL_FAILURE, Fault.SERVICE_UNAVAILABLE, Fault.SLOW_RESPONSE, Fault.CONNECTION_RESET};

  private final long seed;
  private final FaultSettings settings;
  private final AtomicLong calls = new AtomicLong();

  public FaultInjector(long seed, FaultSettings settings) {
    this.seed = seed;
    this.settings = settings;
  }

  public Fault next() {
    double rate = settings.faultRate();
    long n = calls.getAndIncrement();
    if (rate <= 0) {
      return Fault.NONE;
    }
    long mixed = SeededIds.mix(seed ^ SeededIds.mix(n));
    double draw = (mixed >>> 11) * 0x1.0p-53;
    if (draw >= rate) {
      return Fault.NONE;
    }
    return KINDS[(int) Long.remainderUnsigned(SeededIds.mix(mixed), KINDS.length)];
  }

  /** How long a slow response is held before the time scale: 2 to 8 s, also drawn from the seed. */
  public long slowResponseMillis() {
    return 2_000 + Long.remainderUnsigned(SeededIds.mix(seed + calls.get()), 6_000);
  }

  public void reset() {
    calls.set(0);
  }
}
