package io.spgate.lwa;

import io.spgate.store.RedisFallback;
import io.spgate.store.StoreMode;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The token cache in Redis, with this process's cache to go on with when Redis fails (an error, or no
 * answer in time): tokens and refresh locks are then this instance's own, so each instance refreshes a
 * seller's token once itself instead of once for all. Redis is tried again shortly after, one call at
 * a time, and used again from its first answer on; tokens kept here meanwhile are not copied over.
 */
public final class FailoverTokenCache implements TokenCache {

  private final TokenCache redis;
  private final TokenCache local;
  private final RedisFallback fallback;
  private final LongSupplier nanoClock;

  public FailoverTokenCache(TokenCache redis, TokenCache local, LongSupplier nanoClock) {
    this.redis = redis;
    this.local = local;
    this.nanoClock = nanoClock;
    this.fallback = new RedisFallback("the token cache", "keeping tokens and refresh locks in process", 1, nanoClock);
  }

  /** Where tokens are kept now. */
  public StoreMode mode() {
    return fallback.fallingBack() ? StoreMode.IN_PROCESS_FALLBACK : StoreMode.REDIS;
  }

  @Override
  public Future<Optional<LwaToken>> get(String key) {
    return either(() -> redis.get(key), () -> local.get(key));
  }

  @Override
  public Future<Void> put(String key, LwaToken token) {
    return either(() -> redis.put(key, token), () -> local.put(key, token));
  }

  /** Forgotten here too: a token kept here during an outage must not outlive the reason to forget it. */
  @Override
  public Future<Void> evict(String key) {
    return local.evict(key).compose(v -> either(() -> redis.evict(key), Future::succeededFuture));
  }

  @Override
  public Future<Void> evictIf(String key, String accessToken) {
    return local.evictIf(key, accessToken).compose(v -> either(() -> redis.evictIf(key, accessToken), Future::succeededFuture));
  }

  @Override
  public Future<Boolean> tryLock(String key, String owner, Duration ttl) {
    return either(() -> redis.tryLock(key, owner, ttl), () -> local.tryLock(key, owner, ttl));
  }

  /**
   * Sent to Redis even while it is bypassed, and not waited for: a lock taken there before it
   * failed is released as soon as it answers again, not when the lock lapses.
   */
  @Override
  public Future<Void> unlock(String key, String owner) {
    redis.unlock(key, owner);
    return local.unlock(key, owner);
  }

  private <T> Future<T> either(Supplier<Future<T>> shared, Supplier<Future<T>> mine) {
    if (fallback.skipRedis(RedisFallback.WHOLE)) {
      return mine.get();
    }
    long asked = nanoClock.getAsLong();
    return shared.get().transform(answer -> {
      if (answer.succeeded()) {
        fallback.answered(RedisFallback.WHOLE);
        return Future.succeededFuture(answer.result());
      }
      fallback.failed(RedisFallback.WHOLE, asked, answer.cause());
      return mine.get();
    });
  }
}
