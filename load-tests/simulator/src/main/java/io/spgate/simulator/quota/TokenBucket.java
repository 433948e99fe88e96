package io.spgate.simulator.quota;

/** Amazon's throttling model: a bucket of {@code burst} tokens refilled at {@code rate} per second, one token a call. */
final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastRefillNanos;

  TokenBucket(double ratePerSecond, int burst, long nowNanos) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefillNanos = nowNanos;
  }

  synchronized boolean tryTake(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastRefillNanos) * ratePerNano);
    lastRefillNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
