package io.spgate.simulator.lwa;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How often LWA was asked for tokens, per grant type and per refresh token: gateway tests assert caching with these. */
public final class LwaCounters {
  private final ConcurrentHashMap<String, LongAdder> byGrantType = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> byRefreshToken = new ConcurrentHashMap<>();

  void record(String grantType, String refreshToken) {
    byGrantType.computeIfAbsent(grantType == null ? "" : grantType, k -> new LongAdder()).increment();
    if (refreshToken != null) {
      byRefreshToken.computeIfAbsent(refreshToken, k -> new LongAdder()).increment();
    }
  }

  public long calls(String grantType) {
    LongAdder count = byGrantType.get(grantType);
    return count == null ? 0 : count.sum();
  }

  public long callsWithRefreshToken(String refreshToken) {
    LongAdder count = byRefreshToken.get(refreshToken);
    return count == null ? 0 : count.sum();
  }

  public void reset() {
    byGrantType.clear();
    byRefreshToken.clear();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, LongAdder> e : byGrantType.entrySet()) {
      json.put(e.getKey(), e.getValue().sum());
    }
    return json;
  }
}
