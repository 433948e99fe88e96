package io.spgate.webhooks;

import java.time.Duration;

/**
 * When a failed delivery is tried again: 10 s after the first failure, doubling, at most an hour
 * apart, each wait spread by ±20 % so endpoints that failed together do not all come back at once;
 * tried for 3 days, after which the delivery is given up (and an endpoint that failed all along is
 * disabled).
 */
final class RetrySchedule {

  static final Duration FIRST = Duration.ofSeconds(10);
  static final Duration LONGEST = Duration.ofHours(1);
  static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
  private static final double SPREAD = 0.2;

  private RetrySchedule() {}

  /**
   * @param failures how many attempts have failed so far (1 after the first)
   * @param random a number in [0, 1)
   */
  static Duration after(int failures, double random) {
    int doublings = Math.max(0, Math.min(failures - 1, 30));
    long millis = Math.min(LONGEST.toMillis(), FIRST.toMillis() << doublings);
    return Duration.ofMillis(Math.round(millis * (1 - SPREAD + 2 * SPREAD * random)));
  }
}
