package io.spgate.simulator.feeds;

import io.spgate.simulator.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON_LISTINGS_FEED's own limit, apart from createFeed's token bucket: "five feed submissions per five minutes" per
 * selling partner and region (FACTS.md part 2, section 2). The simulator counts them in a window sliding over the last
 * five minutes (a sliding window rather than a bucket refilled at 1/min: UNCONFIRMED), read on the SimClock so tests step
 * past it, and shrunk by the time scale as every rate is. A seller here trades in one region, so the key is the seller.
 */
final class ListingsFeedLimit {
  static final int SUBMISSIONS = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final SimClock clock;
  private final ConcurrentHashMap<String, ArrayDeque<Instant>> admitted = new ConcurrentHashMap<>();

  ListingsFeedLimit(SimClock clock) {
    this.clock = clock;
  }

  /** Whether the seller may submit one more listings feed now; if it may, the submission is counted. */
  boolean admit(String sellerId) {
    Instant now = clock.now();
    Instant windowStart = now.minusMillis(clock.scaledDelayMillis(WINDOW.toMillis()));
    boolean[] admit = {false};
    admitted.compute(sellerId, (id, times) -> {
      ArrayDeque<Instant> recent = times == null ? new ArrayDeque<>() : times;
      while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
        recent.pollFirst();
      }
      if (recent.size() < SUBMISSIONS) {
        recent.addLast(now);
        admit[0] = true;
      }
      return recent;
    });
    return admit[0];
  }
}
