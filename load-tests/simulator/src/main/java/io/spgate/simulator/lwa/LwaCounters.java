package io.spgate.simulator.lwa;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How often LWA was asked for tokens, per grant type and per refresh token: gateway tests assert caching with these. */
public final class LwaCounters {
  private final ConcurrentHashMap<String, LongAdder> byGrantType = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> byRefreshToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Instant> latestExpiry = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Double> renewalLeads = new ConcurrentLinkedQueue<>();

  /**
   * A refresh grant issued a token expiring at {@code expiresAt}: remembers how long the previous
   * token of that refresh token still had to live, which tells early (duplicate) refreshes from timely ones.
   */
  void recordRenewal(String refreshToken, Instant now, Instant expiresAt) {
    Instant previous = latestExpiry.put(refreshToken, expiresAt);
    if (previous != null) {
      renewalLeads.add(Duration.between(now, previous).toMillis() / 1000.0);
    }
  }

  /** For every refresh that replaced an earlier token: seconds that token still had left (negative: it had expired). */
  public List<Double> renewalLeadsSeconds() {
    return List.copyOf(renewalLeads);
  }

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
    latestExpiry.clear();
    renewalLeads.clear();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, LongAdder> e : byGrantType.entrySet()) {
      json.put(e.getKey(), e.getValue().sum());
    }
    return json;
  }
}
