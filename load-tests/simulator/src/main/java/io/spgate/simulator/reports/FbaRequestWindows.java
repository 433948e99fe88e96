package io.spgate.simulator.reports;

import io.spgate.simulator.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon's creation limits on FBA reports, per seller and report type: a request inside the window opened by the last
 * admitted one is still accepted (202) but ends CANCELLED. Windows shrink with the time scale, as every delay does.
 */
final class FbaRequestWindows {
  private final SimClock clock;
  private final ConcurrentHashMap<String, Instant> lastAdmitted = new ConcurrentHashMap<>();

  FbaRequestWindows(SimClock clock) {
    this.clock = clock;
  }

  /** Whether a request of {@code type} made now may run; if it may, it opens the next window. */
  boolean admit(String sellerId, String type, Duration window) {
    Instant now = clock.now();
    Duration scaled = Duration.ofMillis(clock.scaledDelayMillis(window.toMillis()));
    boolean[] admitted = {false};
    lastAdmitted.compute(sellerId + " " + type, (key, last) -> {
      if (last != null && now.isBefore(last.plus(scaled))) {
        return last;
      }
      admitted[0] = true;
      return now;
    });
    return admitted[0];
  }
}
