package io.spgate.quota;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis buckets with a way to go on when Redis does not answer: decisions fall back to an
 * in-process bucket at a share of the rate and burst (every instance does the same, so together
 * they stay near the quota), or with a share of 0 calls are refused (fail closed). Redis is tried
 * again after {@link #RETRY_AFTER_NANOS}; recovery needs no restart. Failures are logged throttled: the first few, then every hundredth.
 */
public final class FailoverQuotaStore implements QuotaStore {

  static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Logger LOG = LoggerFactory.getLogger(FailoverQuotaStore.class);

  private final QuotaStore redis;
  private final QuotaStore local;
  private final double share;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong downSince = new AtomicLong(Long.MIN_VALUE);

  public FailoverQuotaStore(QuotaStore redis, QuotaStore local, double share, LongSupplier nanoClock) {
    this.redis = redis;
    this.local = local;
    this.share = share;
    this.nanoClock = nanoClock;
  }

  /** True while decisions are made in process because Redis failed. */
  public boolean degraded() {
    return downSince.get() != Long.MIN_VALUE;
  }

  @Override
  public Future<Decision> decide(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place) {
    if (skipRedis()) {
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    }
    return redisDecision(key, intervalMillis, burst, maxWaitMillis, lane, place, 1).transform(decided -> {
      if (decided.succeeded()) {
        recovered();
        return Future.succeededFuture(decided.result());
      }
      if (decided.cause() instanceof ApiException) {
        return Future.failedFuture(decided.cause());
      }
      failed(decided.cause());
      return localDecision(key, intervalMillis, burst, maxWaitMillis, lane, place);
    });
  }

  /**
   * A slow Redis (its store's answer timed out) is asked again rather than bypassed: if it still
   * applies the decision it timed out on, the slot is counted twice, which wastes a slot but never
   * exceeds the quota. Only connection failures fall back in process.
   */
  private Future<Decision> redisDecision(String key, double intervalMillis, int burst, long maxWaitMillis, Lane lane, double place,
      int retries) {
    return redis.decide(key, intervalMillis, burst, maxWaitMillis, lane, place)
        .recover(e -> {
          if (!(e instanceof java.util.concurrent.TimeoutException)) {
            return Future.failedFuture(e);
          }
          return retries > 0 ? redisDecision(key, intervalMillis, burst, maxWaitMillis, lane, place, retries - 1)
              : Future.failedFuture(new ApiException(new Problem(503, "quota_store_busy", "Service unavailable",
                  "The shared quota store (Redis) did not decide within " + RedisQuotaStore.ANSWER_TIMEOUT_MILLIS
                      + " ms; retry shortly.")));
        });
  }

  @Override
  public Future<Void> drain(String key, double intervalMillis, int burst) {
    Future<Void> mine = share == 0 ? Future.succeededFuture() : local.drain(key, intervalMillis / share, localBurst(burst));
    return skipRedis() ? mine : redis.drain(key, intervalMillis, burst).recover(e -> {
      failed(e);
      return mine;
    });
  }

  @Override
  public Future<Void> announceRate(String key, double intervalMillis, double ratePerSecond) {
    Future<Void> mine = share == 0 ? Future.succeededFuture()
        : local.announceRate(key, intervalMillis / share, ratePerSecond * share);
    return skipRedis() ? mine : redis.announceRate(key, intervalMillis, ratePerSecond).recover(e -> {
      failed(e);
      return mine;
    });
  }

  @Override
  public Future<State> state(String key, double intervalMillis, int burst) {
    return skipRedis() ? local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst))
        : redis.state(key, intervalMillis, burst).recover(e -> local.state(key, intervalMillis / Math.max(share, 1e-9), localBurst(burst)));
  }

  @Override
  public Future<java.util.List<String>> existing(java.util.List<String> keys) {
    return skipRedis() ? local.existing(keys) : redis.existing(keys).recover(e -> local.existing(keys));
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

  /** While Redis is down, try it again only once a second, not on every call. */
  private boolean skipRedis() {
    long since = downSince.get();
    return since != Long.MIN_VALUE && nanoClock.getAsLong() - since < RETRY_AFTER_NANOS;
  }

  private void failed(Throwable e) {
    downSince.set(nanoClock.getAsLong());
    long count = failures.incrementAndGet();
    if (count <= 3 || count % 100 == 0) {
      LOG.warn("Redis did not answer a quota decision ({} failures so far): {}; deciding in process at {}% of the rate",
          count, e.getMessage(), Math.round(share * 100));
    }
  }

  private void recovered() {
    // Read first: a write on every decision would bounce the field between the event loops' cores.
    if (downSince.get() != Long.MIN_VALUE && downSince.getAndSet(Long.MIN_VALUE) != Long.MIN_VALUE) {
      LOG.info("Redis answers quota decisions again after {} failures", failures.getAndSet(0));
    }
  }
}
