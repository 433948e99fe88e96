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
import java.util.function.Supplier;

/**
 * Gets a token from LWA at most once per key across every gateway instance: a caller first looks
 * in the shared cache, then takes the key's lock and asks LWA, while callers elsewhere wait for
 * the new token to appear in the cache. Within one process, concurrent callers share one attempt.
 */
public final class SharedTokens {

  static final Duration LOCK_TTL = Duration.ofSeconds(30);
  static final Duration WAIT_STEP = Duration.ofMillis(100);
  static final Duration WAIT_LIMIT = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final TokenCache cache;
  private final Clock clock;
  private final String instanceId = UUID.randomUUID().toString();
  private final Map<String, Future<LwaToken>> inFlight = new ConcurrentHashMap<>();

  public SharedTokens(Vertx vertx, TokenCache cache, Clock clock) {
    this.vertx = vertx;
    this.cache = cache;
    this.clock = clock;
  }

  /**
   * A token for {@code key} valid for at least {@code minRemaining}: from the shared cache when
   * one is, else from {@code fetch}, which runs on one instance only.
   */
  public Future<LwaToken> obtain(String key, Duration minRemaining, Supplier<Future<LwaToken>> fetch) {
    Promise<LwaToken> mine = Promise.promise();
    Future<LwaToken> running = inFlight.putIfAbsent(key, mine.future());
    if (running != null) {
      return running;
    }
    attempt(key, minRemaining, fetch, clock.instant().plus(WAIT_LIMIT))
        .onComplete(done -> {
          inFlight.remove(key, mine.future());
          mine.handle(done);
        });
    return mine.future();
  }

  public Future<Void> forget(String key) {
    return cache.evict(key);
  }

  private Future<LwaToken> attempt(String key, Duration minRemaining, Supplier<Future<LwaToken>> fetch, Instant giveUpAt) {
    return fresh(key, minRemaining).compose(cached -> {
      if (cached != null) {
        return Future.succeededFuture(cached);
      }
      return cache.tryLock(key, instanceId, LOCK_TTL).compose(locked -> locked
          ? fetchUnderLock(key, minRemaining, fetch)
          : waitForOther(key, minRemaining, fetch, giveUpAt));
    });
  }

  private Future<LwaToken> fetchUnderLock(String key, Duration minRemaining, Supplier<Future<LwaToken>> fetch) {
    // Another instance may have finished between our look and our lock.
    return fresh(key, minRemaining)
        .compose(cached -> cached != null ? Future.succeededFuture(cached)
            : fetch.get().compose(token -> cache.put(key, token).map(token)))
        .eventually(() -> cache.unlock(key, instanceId));
  }

  private Future<LwaToken> waitForOther(String key, Duration minRemaining, Supplier<Future<LwaToken>> fetch, Instant giveUpAt) {
    if (clock.instant().isAfter(giveUpAt)) {
      return Future.failedFuture(new LwaException(0, "timeout", "another instance held the refresh lock too long"));
    }
    Promise<Void> step = Promise.promise();
    vertx.setTimer(WAIT_STEP.toMillis(), id -> step.complete());
    return step.future().compose(waited -> attempt(key, minRemaining, fetch, giveUpAt));
  }

  private Future<LwaToken> fresh(String key, Duration minRemaining) {
    Instant needed = clock.instant().plus(minRemaining);
    return cache.get(key).map(found -> found.filter(t -> t.expiresAt().isAfter(needed)).orElse(null));
  }
}
