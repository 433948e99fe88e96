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

  /**
   * The part of Amazon's bucket a store hands out: all of it but the refill of {@code allowanceMillis}
   * (at most one token). Calls leave on their slots but reach Amazon after varying delays (queues,
   * networks, a busy host), which can bring two of them closer than the refill allows; with that
   * much always left in Amazon's bucket, a call up to {@code allowanceMillis} late still finds a
   * token. It costs the allowance's worth of calls per bucket once, not a share of the rate. A
   * bucket of one token keeps nothing back: Amazon's could not hold it, so it would cost every call.
   */
  static double capacity(int burst, double intervalMillis, double allowanceMillis) {
    return burst > 1 ? burst - Math.min(1, allowanceMillis / intervalMillis) : burst;
  }

  /** Tokens a bulk caller leaves in the bucket while urgent calls are recent. */
  static double bulkReserve(int burst) {
    return Math.max(burst * 0.25, 0.5);
  }
}
