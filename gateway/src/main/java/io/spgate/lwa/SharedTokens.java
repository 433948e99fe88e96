package io.spgate.lwa;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Gets a token from LWA at most once per key across every gateway instance: a caller first looks
 * in the shared cache, then takes the key's lock and asks LWA, while callers elsewhere wait for
 * the new token to appear in the cache. Within one process, concurrent callers share one attempt.
 */
public final class SharedTokens {

  /**
   * Outlives a refresh (LWA's own time-out is 10 s), and lapses before waiters give up, so a lock
   * whose holder vanished (it crashed, or lost Redis in the middle) costs a wait, never a failure.
   */
  static final Duration LOCK_TTL = Duration.ofSeconds(15);
  static final Duration WAIT_STEP = Duration.ofMillis(100);
  static final Duration WAIT_LIMIT = LOCK_TTL.plusSeconds(5);

  private final Vertx vertx;
  private final TokenCache cache;
  private final Clock clock;
  private final String instanceId = UUID.randomUUID().toString();
  private final AtomicLong attempts = new AtomicLong();
  private final Map<String, Future<LwaToken>> inFlight = new ConcurrentHashMap<>();

  public SharedTokens(Vertx vertx, TokenCache cache, Clock clock) {
    this.vertx = vertx;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * A token for {@code key} that {@code usable} accepts: from the shared cache when one is, else
   * from {@code fetch}, which runs on one instance only.
   */
  public Future<LwaToken> obtain(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch) {
    Promise<LwaToken> mine = Promise.promise();
    Future<LwaToken> running = inFlight.putIfAbsent(key, mine.future());
    if (running != null) {
      return running;
    }
    attempt(key, usable, fetch, clock.instant().plus(WAIT_LIMIT))
        .onComplete(done -> {
          inFlight.remove(key, mine.future());
          mine.handle(done);
        });
    return mine.future();
  }

  public Future<Void> forget(String key) {
    return cache.evict(key);
  }

  /** Forgets the shared token only if it is still {@code accessToken}: another instance may just have stored a fresh one. */
  public Future<Void> forget(String key, String accessToken) {
    return cache.evictIf(key, accessToken);
  }

  private Future<LwaToken> attempt(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch, Instant giveUpAt) {
    return fresh(key, usable).compose(cached -> {
      if (cached != null) {
        return Future.succeededFuture(cached);
      }
      // An owner per attempt: releasing a lock granted too late (see RedisTokenCache) frees that attempt's lock only.
      String owner = instanceId + ":" + attempts.incrementAndGet();
      return cache.tryLock(key, owner, LOCK_TTL).compose(locked -> locked
          ? fetchUnderLock(key, owner, usable, fetch)
          : waitForOther(key, usable, fetch, giveUpAt));
    });
  }

  private Future<LwaToken> fetchUnderLock(String key, String owner, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch) {
    // Another instance may have finished between our look and our lock.
    return fresh(key, usable)
        .compose(cached -> cached != null ? Future.succeededFuture(cached)
            : fetch.get().compose(token -> cache.put(key, token).map(token)))
        .eventually(() -> cache.unlock(key, owner));
  }

  private Future<LwaToken> waitForOther(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch, Instant giveUpAt) {
    if (clock.instant().isAfter(giveUpAt)) {
      return Future.failedFuture(new LwaException(0, "timeout", "another instance held the refresh lock too long"));
    }
    Promise<Void> step = Promise.promise();
    vertx.setTimer(WAIT_STEP.toMillis(), id -> step.complete());
    return step.future().compose(waited -> attempt(key, usable, fetch, giveUpAt));
  }

  private Future<LwaToken> fresh(String key, Predicate<LwaToken> usable) {
    return cache.get(key).map(found -> found.filter(usable).orElse(null));
  }
}
