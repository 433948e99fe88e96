package io.spgate.lwa;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * The token cache and refresh locks every gateway instance shares: Redis when configured,
 * otherwise this process. Keys carry the seller (or application) as a hash tag.
 */
public interface TokenCache {

  Future<Optional<LwaToken>> get(String key);

  /** Stores a token until it expires. */
  Future<Void> put(String key, LwaToken token);

  Future<Void> evict(String key);

  /** Forgets the key's token only if it is still {@code accessToken}: someone may just have stored a newer one. */
  Future<Void> evictIf(String key, String accessToken);

  /** Takes the refresh lock for a key unless someone holds it; it lapses after {@code ttl}. */
  Future<Boolean> tryLock(String key, String owner, Duration ttl);

  /** Releases the lock only if {@code owner} still holds it. */
  Future<Void> unlock(String key, String owner);
}
