package io.spgate.lwa;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The token cache of a single gateway instance (no Redis, or Redis failed): nothing shared. Tokens
 * and locks leave when they expire, and the least used go first beyond {@code maxEntries} of each,
 * so thousands of sellers' tokens, RDTs (one per order path) and locks never grow without bound.
 */
public final class InProcessTokenCache implements TokenCache {

  /** Far above the sellers, applications and RDTs one instance uses within a token's life. */
  static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final Cache<String, LwaToken> tokens;
  private final Cache<String, Lock> locks;

  private record Lock(String owner, Instant until) {}

  public InProcessTokenCache(Clock clock) {
    this(clock, MAX_ENTRIES);
  }

  InProcessTokenCache(Clock clock, int maxEntries) {
    this.clock = clock;
    // Expiry and eviction run on the calling thread: cheap, and no pool of Caffeine's own behind an event loop.
    this.tokens = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run)
        .expireAfter(Expiry.<String, LwaToken>writing((key, token) -> until(token.expiresAt()))).build();
    this.locks = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run)
        .expireAfter(Expiry.<String, Lock>writing((key, lock) -> until(lock.until()))).build();
  }

  @Override
  public Future<Optional<LwaToken>> get(String key) {
    LwaToken token = tokens.getIfPresent(key);
    return Future.succeededFuture(Optional.ofNullable(token).filter(t -> t.validAt(clock.instant())));
  }

  @Override
  public Future<Void> put(String key, LwaToken token) {
    if (token.validAt(clock.instant())) {
      tokens.put(key, token);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> evict(String key) {
    tokens.invalidate(key);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> evictIf(String key, String accessToken) {
    tokens.asMap().computeIfPresent(key, (k, current) -> current.accessToken().equals(accessToken) ? null : current);
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> tryLock(String key, String owner, Duration ttl) {
    Instant now = clock.instant();
    Lock mine = new Lock(owner, now.plus(ttl));
    Lock held = locks.asMap().compute(key, (k, current) -> current == null || current.until().isBefore(now) ? mine : current);
    return Future.succeededFuture(held == mine);
  }

  @Override
  public Future<Void> unlock(String key, String owner) {
    locks.asMap().computeIfPresent(key, (k, current) -> current.owner().equals(owner) ? null : current);
    return Future.succeededFuture();
  }

  /** Tokens and locks held now, after dropping the expired ones (for tests). */
  long size() {
    tokens.cleanUp();
    locks.cleanUp();
    return tokens.estimatedSize() + locks.estimatedSize();
  }

  private Duration until(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
