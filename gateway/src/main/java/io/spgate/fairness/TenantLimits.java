package io.spgate.fairness;

import io.vertx.core.json.JsonObject;

/**
 * What one tenant may use of one gateway instance: calls in flight at once, and calls per second with a burst. The calls/s
 * bucket holds {@code burst} calls and refills at {@code callsPerSecond}.
 */
public record TenantLimits(int maxConcurrent, double callsPerSecond, int burst) {

  public TenantLimits {
    if (maxConcurrent < 1 || !(callsPerSecond > 0) || Double.isInfinite(callsPerSecond) || burst < 1) {
      throw new IllegalArgumentException("tenant limits need maxConcurrent >= 1, callsPerSecond > 0 and burst >= 1");
    }
  }

  /** These limits with a tenant's overrides in place of what they name. */
  TenantLimits with(LimitOverrides overrides) {
    return new TenantLimits(overrides.maxConcurrent().orElse(maxConcurrent), overrides.callsPerSecond().orElse(callsPerSecond),
        overrides.burst().orElse(burst));
  }

  JsonObject toJson() {
    return new JsonObject().put("maxConcurrent", maxConcurrent).put("callsPerSecond", callsPerSecond).put("burst", burst);
  }
}
