package io.spgate.simulator.quota;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.model.ModelOperation;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per (selling partner or application, operation), with the operation's usage plan rate multiplied
 * by the time scale and its burst unchanged.
 */
public final class QuotaGate {
  private final RateLimitTable table;
  private final SimClock clock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile boolean enabled;

  public QuotaGate(RateLimitTable table, SimClock clock, boolean enabled) {
    this.table = table;
    this.clock = clock;
    this.enabled = enabled;
  }

  public RateLimit limitOf(ModelOperation operation) {
    return table.limit(operation.api(), operation.method(), operation.path())
        .orElseThrow(() -> new IllegalStateException("no usage plan for " + operation.key() + " in rate-limits.tsv"));
  }

  /** The rate clients are told in x-amzn-RateLimit-Limit: the scaled one, which is what is enforced. */
  public double effectiveRate(RateLimit limit) {
    return clock.scaledRate(limit.ratePerSecond());
  }

  public boolean tryAcquire(String callerId, RateLimit limit) {
    if (!enabled) {
      return true;
    }
    return bucket(callerId, limit).tryTake(clock.nanoTime());
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  public void reset() {
    buckets.clear();
  }

  private TokenBucket bucket(String callerId, RateLimit limit) {
    String key = callerId + '\u0000' + limit.key();
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(effectiveRate(limit), limit.burst(), clock.nanoTime()));
    }
    return bucket;
  }
}
