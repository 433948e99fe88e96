package io.spgate.quota;

import io.vertx.core.Future;

/** Where buckets live: Redis (shared by every instance) or this process. Same GCRA semantics in both. */
public interface QuotaStore {

  /** The decision for one call: go after {@code waitMillis}, or refused because the wait exceeds the caller's limit. */
  record Decision(boolean granted, long waitMillis) {}

  /**
   * Grants the next slot of a bucket (reserving it) when it comes within {@code maxWaitMillis};
   * a refusal consumes nothing.
   */
  Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane);

  /** Empties the bucket: Amazon said 429. */
  Future<Void> drain(String key, double intervalMillis, int burst);

  /**
   * Remembers the rate Amazon announced (x-amzn-RateLimit-Limit), which overrides the table's for
   * an hour; the bucket's debt is converted to the new rate.
   */
  Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond);

  /**
   * A bucket as the console shows it: tokens available now, the rate in force (the announced one,
   * if any), and the callers of every instance holding a slot they still wait for (the slots
   * reserved past an empty bucket).
   */
  record State(double tokens, double ratePerSecond, int waiting) {}

  Future<State> state(String key, double intervalMillis, int burst);

  /** The bucket keys that exist under a prefix (one seller's buckets). */
  Future<java.util.List<String>> keys(String prefix);

  /** Tokens a bulk caller leaves in the bucket while urgent calls are recent. */
  static double bulkReserve(int burst) {
    return Math.max(burst * 0.25, 0.5);
  }
}
