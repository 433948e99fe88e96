package io.spgate.quota;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.store.RedisFallback;
import io.spgate.store.RedisLayout;
import io.spgate.store.RedisSlots;
import io.spgate.store.StoreMode;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Redis buckets with a way to go on when Redis fails (an error, or no answer within
 * {@link RedisQuotaStore#ANSWER_TIMEOUT_MILLIS}: a Redis that stops answering is treated like one that
 * is gone): decisions fall back to an in-process bucket at a share of the rate and burst (every
 * instance does the same, so together they stay near the quota), or with a share of 0 calls are
 * refused (fail closed). A decision Redis applies late, after its caller went on in process, only
 * wastes a slot. Redis is tried again after {@link RedisFallback#RETRY_AFTER_NANOS}, by one call at a
 * time; recovery needs no restart. On a cluster each hash slot falls back apart: while a failed
 * master's replica is promoted, only the buckets it held are decided in process.
 *
 * <p>A failover may let through one burst more per bucket, no more: a bucket taken over here starts
 * as this process left it (full, when new), unless callers hold slots Redis granted them, which it
 * then lets pass first, empty; back in Redis it starts empty, after the slots granted here. Redis
 * knows nothing of the calls let through here, and its bucket refilled while it was not asked.
 */
public final class FailoverQuotaStore implements QuotaStore {

  /** Bounds {@link #grantedUntil}: forgetting only makes a failover's hand-over less exact. */
  private static final int BUCKETS_KEPT = 100_000;

  private final QuotaStore redis;
  private final QuotaStore local;
  private final double share;
  private final boolean cluster;
  private final RedisFallback fallback;
  private final LongSupplier nanoClock;
  /** Per scope falling back: the buckets decided here meanwhile, with their rates, to empty in Redis once it answers. */
  private final Map<Integer, Map<String, Bucket>> decidedHere = new ConcurrentHashMap<>();
  /** Per bucket, the last slot granted ahead of its caller (on the nano clock), by either store: where the other takes over. */
  private final Map<String, Long> grantedUntil = new ConcurrentHashMap<>();

  public FailoverQuotaStore(QuotaStore redis, RedisLayout layout, QuotaStore local, double share, LongSupplier nanoClock) {
    this.redis = redis;
    this.local = local;
    this.share = share;
    this.cluster = layout == RedisLayout.CLUSTER;
    this.nanoClock = nanoClock;
    this.fallback = new RedisFallback("quota decisions",
        share == 0 ? "refusing SP-API calls" : "deciding in process at " + Math.round(share * 100) + "% of every rate",
        cluster ? RedisSlots.COUNT : 1, nanoClock);
  }

  /** True while decisions are made in process (or refused) because Redis failed. */
  public boolean degraded() {
    return fallback.fallingBack();
  }

  /** Where decisions are made now. */
  public StoreMode mode() {
    return !fallback.fallingBack() ? StoreMode.REDIS : share == 0 ? StoreMode.REFUSING : StoreMode.IN_PROCESS_FALLBACK;
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    int scope = scope(key);
    if (fallback.skipRedis(scope)) {
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    }
    long asked = nanoClock.getAsLong();
    return redis.decide(key, intervalMillis, burst, maxWaitMillis, lane, place).transform(decided -> {
      if (decided.succeeded()) {
        if (fallback.answered(scope)) {
          handBackToRedis(scope);
        }
        return Future.succeededFuture(granted(key, asked, decided.result()));
      }
      fallback.failed(scope, asked, decided.cause());
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst, double aheadMillis) {
    Future<Void> mine = share == 0 ? Future.succeededFuture() : local.drain(key, intervalMillis / share, localBurst(burst), aheadMillis);
    long asked = nanoClock.getAsLong();
    return fallback.skipRedis(scope(key)) ? mine : redis.drain(key, intervalMillis, burst, aheadMillis).recover(e -> {
      fallback.failed(scope(key), asked, e);
      return mine;
    });
  }

  @Override
  public Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis) {
    Future<Void> mine = share == 0 ? Future.succeededFuture() : local.arrivedLate(key, intervalMillis / share, lateMillis);
    long asked = nanoClock.getAsLong();
    return fallback.skipRedis(scope(key)) ? mine : redis.arrivedLate(key, intervalMillis, lateMillis).recover(e -> {
      fallback.failed(scope(key), asked, e);
      return mine;
    });
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    Future<Void> mine = share == 0 ? Future.succeededFuture()
        : local.announceRate(key, intervalMillis / share, ratePerSecond * share);
    long asked = nanoClock.getAsLong();
    return fallback.skipRedis(scope(key)) ? mine : redis.announceRate(key, intervalMillis, ratePerSecond).recover(e -> {
      fallback.failed(scope(key), asked, e);
      return mine;
    });
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return fallback.skipRedis(scope(key)) ? local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst))
        : redis.state(key, intervalMillis, burst).recover(e -> local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst)));
  }

  @Override
  public Future<java.util.List<String>> existing(java.util.List<String> keys) {
    // An owner's keys share a slot: the first one's is theirs.
    return keys.isEmpty() || fallback.skipRedis(scope(keys.get(0))) ? local.existing(keys)
        : redis.existing(keys).recover(e -> local.existing(keys));
  }

  private Future<Decision> localDecision(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    if (share == 0) {
      return Future.failedFuture(new ApiException(new Problem(503, "quota_store_unavailable", "Service unavailable",
          "The shared quota store (Redis) does not answer and this gateway is set to refuse calls then "
              + "(SPGATE_QUOTA_REDIS_FALLBACK_SHARE=0).")));
    }
    long now = nanoClock.getAsLong();
    Future<Void> takenOver = Future.succeededFuture();
    Map<String, Bucket> scopeDecidedHere = decidedHere.computeIfAbsent(scope(key), k -> new ConcurrentHashMap<>());
    boolean first = scopeDecidedHere.put(key, new Bucket(intervalMillis, burst)) == null;
    double redisAhead = aheadMillis(key, now);
    if (first && redisAhead > 0) {
      // Callers hold slots Redis granted: the bucket was empty, and its next slot here comes after theirs.
      takenOver = local.drain(key, intervalMillis / share, localBurst(burst), redisAhead);
    }
    return takenOver.compose(v -> local.decide(key, intervalMillis / share, localBurst(burst), maxWaitMillis, lane, place))
        .map(decision -> granted(key, now, decision));
  }

  /** The scope answers again: the buckets decided here meanwhile are emptied in Redis (one that fails stays as Redis kept it). */
  private void handBackToRedis(int scope) {
    Map<String, Bucket> buckets = decidedHere.remove(scope);
    if (buckets != null) {
      long now = nanoClock.getAsLong();
      buckets.forEach((key, bucket) -> redis.drain(key, bucket.intervalMillis(), bucket.burst(), aheadMillis(key, now)));
    }
  }

  /** Notes a slot granted ahead of its caller. */
  private Decision granted(String key, long asked, Decision decision) {
    if (decision.granted() && decision.waitMillis() > 0) {
      if (grantedUntil.size() >= BUCKETS_KEPT) {
        grantedUntil.clear();
      }
      grantedUntil.merge(key, asked + TimeUnit.MILLISECONDS.toNanos(decision.waitMillis()), Math::max);
    }
    return decision;
  }

  /** How far ahead of now the slots granted for the bucket reach (0 for none). */
  private double aheadMillis(String key, long now) {
    Long until = grantedUntil.get(key);
    return until == null ? 0 : Math.max(0, (until - now) / 1e6);
  }

  /** The scope a key falls back in: its hash slot on a cluster, else the whole of Redis. */
  private int scope(String key) {
    return cluster ? RedisSlots.of(key) : RedisFallback.WHOLE;
  }

  private int localBurst(int burst) {
    return Math.max(1, (int) Math.floor(burst * share));
  }

  private record Bucket(double intervalMillis, int burst) {}
}
