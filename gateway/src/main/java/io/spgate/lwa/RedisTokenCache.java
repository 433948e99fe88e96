package io.spgate.lwa;

import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens shared through Redis, sealed with the gateway's encryption key so a Redis dump holds no
 * usable token. Locks are {@code SET NX PX}; release compares the owner in one script.
 */
public final class RedisTokenCache implements TokenCache {

  private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final Redis redis;
  private final SecretBox box;
  private final Clock clock;

  public RedisTokenCache(Redis redis, SecretBox box, Clock clock) {
    this.redis = redis;
    this.box = box;
    this.clock = clock;
  }

  @Override
  public Future<Optional<LwaToken>> get(String key) {
    return redis.send(Request.cmd(Command.GET).arg(tokenKey(key))).map(answer -> {
      if (answer == null) {
        return Optional.<LwaToken>empty();
      }
      JsonObject stored = new JsonObject(answer.toString());
      String token = box.open(new SecretBox.Sealed(stored.getString("k"), Base64.getDecoder().decode(stored.getString("t"))), key);
      LwaToken found = new LwaToken(token, Instant.ofEpochMilli(stored.getLong("e")), Optional.empty());
      return found.validAt(clock.instant()) ? Optional.of(found) : Optional.<LwaToken>empty();
    });
  }

  @Override
  public Future<Void> put(String key, LwaToken token) {
    long ttlMillis = Duration.between(clock.instant(), token.expiresAt()).toMillis();
    if (ttlMillis <= 0) {
      return Future.succeededFuture();
    }
    SecretBox.Sealed sealed = box.seal(token.accessToken(), key);
    String stored = new JsonObject().put("k", sealed.keyId()).put("t", Base64.getEncoder().encodeToString(sealed.bytes()))
        .put("e", token.expiresAt().toEpochMilli()).encode();
    return redis.send(Request.cmd(Command.SET).arg(tokenKey(key)).arg(stored).arg("PX").arg(ttlMillis)).mapEmpty();
  }

  @Override
  public Future<Void> evict(String key) {
    return redis.send(Request.cmd(Command.DEL).arg(tokenKey(key))).mapEmpty();
  }

  @Override
  public Future<Boolean> tryLock(String key, String owner, Duration ttl) {
    return redis.send(Request.cmd(Command.SET).arg(lockKey(key)).arg(owner).arg("NX").arg("PX").arg(ttl.toMillis()))
        .map(answer -> answer != null && "OK".equals(answer.toString()));
  }

  @Override
  public Future<Void> unlock(String key, String owner) {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(lockKey(key)).arg(owner)).mapEmpty();
  }

  /** {@code {key}} is the cluster hash tag: a seller's token and lock share a slot. */
  private static String tokenKey(String key) {
    return "tok:{" + key + "}";
  }

  private static String lockKey(String key) {
    return "lock:{" + key + "}";
  }
}
