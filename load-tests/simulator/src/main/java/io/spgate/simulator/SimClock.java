package io.spgate.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Wall time plus the time scale: rates run K times faster and processing delays K times shorter. Tests may move
 * {@link #now()} forward, to step past a window (FBA report limits) without waiting for it.
 */
public final class SimClock {
  private final double timeScale;
  private volatile Duration ahead = Duration.ZERO;

  public SimClock(double timeScale) {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0");
    }
    this.timeScale = timeScale;
  }

  public Instant now() {
    return Instant.now().plus(ahead);
  }

  /** Moves now() forward; timers and rate buckets keep running on real time. */
  public synchronized void advance(Duration duration) {
    ahead = ahead.plus(duration);
  }

  public long nanoTime() {
    return System.nanoTime();
  }

  public double timeScale() {
    return timeScale;
  }

  public double scaledRate(double ratePerSecond) {
    return ratePerSecond * timeScale;
  }

  /** Vert.x timers need at least 1 ms. */
  public long scaledDelayMillis(long millis) {
    return Math.max(1, Math.round(millis / timeScale));
  }
}
