package io.spgate.lwa;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The token cache of a single gateway instance: no Redis, nothing shared. */
public final class InProcessTokenCache implements TokenCache {

  private final Clock clock;
  private final Map<String, LwaToken> tokens = new ConcurrentHashMap<>();
  private final Map<String, Lock> locks = new ConcurrentHashMap<>();

  private record Lock(String owner, Instant until) {}

  public InProcessTokenCache(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<Optional<LwaToken>> get(String key) {
    LwaToken token = tokens.get(key);
    if (token != null && !token.validAt(clock.instant())) {
      tokens.remove(key, token);
      token = null;
    }
    return Future.succeededFuture(Optional.ofNullable(token));
  }

  @Override
  public Future<Void> put(String key, LwaToken token) {
    tokens.put(key, token);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> evict(String key) {
    tokens.remove(key);
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> tryLock(String key, String owner, Duration ttl) {
    Instant now = clock.instant();
    Lock mine = new Lock(owner, now.plus(ttl));
    Lock held = locks.compute(key, (k, current) -> current == null || current.until().isBefore(now) ? mine : current);
    return Future.succeededFuture(held == mine);
  }

  @Override
  public Future<Void> unlock(String key, String owner) {
    locks.computeIfPresent(key, (k, current) -> current.owner().equals(owner) ? null : current);
    return Future.succeededFuture();
  }
}
