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
 * the new token to appear in the cache. Within one process, concurrent callers share one attempt,
 * and at most {@link #REFRESHES_AT_ONCE} attempts take locks and ask LWA at once.
 */
public final class SharedTokens {

  /**
   * Outlives a refresh (LWA's own time-out is 10 s), and lapses before waiters give up, so a lock
   * whose holder vanished (it crashed, or lost Redis in the middle) costs a wait, never a failure.
   */
  static final Duration LOCK_TTL = Duration.ofSeconds(15);
  /**
   * A waiter looks again after this, then after twice as long each time up to {@link #MAX_WAIT_STEP}:
   * a refresh answers within the first steps, and one held up (Postgres or LWA slow under a start's
   * burst) is not made slower by every waiter on every instance asking Redis ten times a second.
   */
  static final Duration WAIT_STEP = Duration.ofMillis(100);
  static final Duration MAX_WAIT_STEP = Duration.ofSeconds(1);
  static final Duration WAIT_LIMIT = LOCK_TTL.plusSeconds(5);
  /**
   * Refreshes one instance runs at once (lock, fetch, store), as many as LWA's client has
   * connections ({@code Gateway.LWA_CONNECTIONS}): the others wait their turn ({@link RefreshTurns}).
   */
  static final int REFRESHES_AT_ONCE = 64;

  private final Vertx vertx;
  private final TokenCache cache;
  private final Clock clock;
  private final String instanceId = UUID.randomUUID().toString();
  private final AtomicLong attempts = new AtomicLong();
  private final Map<String, Future<LwaToken>> inFlight = new ConcurrentHashMap<>();
  private final RefreshTurns turns = new RefreshTurns(REFRESHES_AT_ONCE);

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
    attempt(key, usable, fetch, clock.instant().plus(WAIT_LIMIT), WAIT_STEP)
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

  private Future<LwaToken> attempt(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch, Instant giveUpAt,
      Duration step) {
    return fresh(key, usable).compose(cached -> cached != null ? Future.succeededFuture(cached)
        // The turn comes before the lock: a refresh that waits for its turn holds no lock that could lapse meanwhile.
        : turns.run(() -> lockAndFetch(key, usable, fetch))
            .compose(fetched -> fetched != null ? Future.succeededFuture(fetched) : waitForOther(key, usable, fetch, giveUpAt, step)));
  }

  /** The token, or null when another instance holds the key's lock. */
  private Future<LwaToken> lockAndFetch(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch) {
    // An owner per attempt: releasing a lock granted too late (see RedisTokenCache) frees that attempt's lock only.
    String owner = instanceId + ":" + attempts.incrementAndGet();
    return cache.tryLock(key, owner, LOCK_TTL)
        .compose(locked -> locked ? fetchUnderLock(key, owner, usable, fetch) : Future.succeededFuture(null));
  }

  private Future<LwaToken> fetchUnderLock(String key, String owner, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch) {
    // Another instance may have finished between our look and our lock.
    return fresh(key, usable)
        .compose(cached -> cached != null ? Future.succeededFuture(cached)
            : fetch.get().compose(token -> cache.put(key, token).map(token)))
        .eventually(() -> cache.unlock(key, owner));
  }

  private Future<LwaToken> waitForOther(String key, Predicate<LwaToken> usable, Supplier<Future<LwaToken>> fetch, Instant giveUpAt,
      Duration step) {
    if (clock.instant().isAfter(giveUpAt)) {
      return Future.failedFuture(new LwaException(0, "timeout", "another instance held the refresh lock too long"));
    }
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(step.toMillis(), id -> waited.complete());
    Duration next = step.multipliedBy(2).compareTo(MAX_WAIT_STEP) > 0 ? MAX_WAIT_STEP : step.multipliedBy(2);
    return waited.future().compose(v -> attempt(key, usable, fetch, giveUpAt, next));
  }

  private Future<LwaToken> fresh(String key, Predicate<LwaToken> usable) {
    return cache.get(key).map(found -> found.filter(usable).orElse(null));
  }
}
