package io.spgate.quota;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.store.RedisFallback;
import io.spgate.store.StoreMode;
import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * Redis buckets with a way to go on when Redis fails (an error, or no answer within
 * {@link RedisQuotaStore#ANSWER_TIMEOUT_MILLIS}: a Redis that stops answering is treated like one that
 * is gone): decisions fall back to an in-process bucket at a share of the rate and burst (every
 * instance does the same, so together they stay near the quota), or with a share of 0 calls are
 * refused (fail closed). A decision Redis applies late, after its caller went on in process, only
 * wastes a slot. Redis is tried again after {@link RedisFallback#RETRY_AFTER_NANOS}, by one call at a
 * time; recovery needs no restart.
 */
public final class FailoverQuotaStore implements QuotaStore {

  private final QuotaStore redis;
  private final QuotaStore local;
  private final double share;
  private final RedisFallback fallback;

  public FailoverQuotaStore(QuotaStore redis, QuotaStore local, double share, LongSupplier nanoClock) {
    this.redis = redis;
    this.local = local;
    this.share = share;
    this.fallback = new RedisFallback("quota decisions",
        share == 0 ? "refusing SP-API calls" : "deciding in process at " + Math.round(share * 100) + "% of every rate", nanoClock);
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
    if (fallback.skipRedis()) {
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    }
    return redis.decide(key, intervalMillis, burst, maxWaitMillis, lane, place).transform(decided -> {
      if (decided.succeeded()) {
        fallback.answered();
        return Future.succeededFuture(decided.result());
      }
      fallback.failed(decided.cause());
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst) {
    Future<Void> mine = share == 0 ? Future.succeededFuture() : local.drain(key, intervalMillis / share, localBurst(burst));
    return fallback.skipRedis() ? mine : redis.drain(key, intervalMillis, burst).recover(e -> {
      fallback.failed(e);
      return mine;
    });
  }

  @Override
  public Future<Void> arrivedLate(String key, double intervalMillis, double lateMillis) {
    Future<Void> mine = share == 0 ? Future.succeededFuture() : local.arrivedLate(key, intervalMillis / share, lateMillis);
    return fallback.skipRedis() ? mine : redis.arrivedLate(key, intervalMillis, lateMillis).recover(e -> {
      fallback.failed(e);
      return mine;
    });
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    Future<Void> mine = share == 0 ? Future.succeededFuture()
        : local.announceRate(key, intervalMillis / share, ratePerSecond * share);
    return fallback.skipRedis() ? mine : redis.announceRate(key, intervalMillis, ratePerSecond).recover(e -> {
      fallback.failed(e);
      return mine;
    });
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return fallback.skipRedis() ? local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst))
        : redis.state(key, intervalMillis, burst).recover(e -> local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst)));
  }

  @Override
  public Future<java.util.List<String>> existing(java.util.List<String> keys) {
    return fallback.skipRedis() ? local.existing(keys) : redis.existing(keys).recover(e -> local.existing(keys));
  }

  private Future<Decision> localDecision(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    if (share == 0) {
      return Future.failedFuture(new ApiException(new Problem(503, "quota_store_unavailable", "Service unavailable",
          "The shared quota store (Redis) does not answer and this gateway is set to refuse calls then "
              + "(SPGATE_QUOTA_REDIS_FALLBACK_SHARE=0).")));
    }
    return local.decide(key, intervalMillis / share, localBurst(burst), maxWaitMillis, lane, place);
  }

  private int localBurst(int burst) {
    return Math.max(1, (int) Math.floor(burst * share));
  }
}
