package io.spgate.lwa;

import io.spgate.crypto.SecretBox;
import io.spgate.store.LoopRedisConnection;
import io.spgate.store.RedisLayout;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens shared through Redis, sealed with the gateway's encryption key so a Redis dump holds no
 * usable token; beside each, a fingerprint (a hash, which gives the token away to no one) lets a
 * script forget a token only if it is still the one Amazon refused. Locks are {@code SET NX PX};
 * release compares the owner in one script. Every command fails after {@link #ANSWER_TIMEOUT_MILLIS}
 * without an answer, so a hung Redis holds up no refresh; commands go over each event loop's own
 * connection ({@link LoopRedisConnection}), so that wait is Redis's alone.
 */
public final class RedisTokenCache implements TokenCache {

  /** As long as quota decisions wait for Redis: an answer this late means Redis is hung, not busy. */
  static final long ANSWER_TIMEOUT_MILLIS = 2_000;

  private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";
  /** Entries without a fingerprint were stored before there was one: forgotten as before. */
  private static final String EVICT_IF = "local stored = redis.call('GET', KEYS[1]) "
      + "if not stored then return 0 end "
      + "local fingerprint = cjson.decode(stored)['h'] "
      + "if fingerprint == nil or fingerprint == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private static final Logger LOG = LoggerFactory.getLogger(RedisTokenCache.class);

  private final Vertx vertx;
  private final Redis redis;
  private final SecretBox box;
  private final Clock clock;
  private final PerEventLoop<LoopRedisConnection> connections;

  /**
   * @param redis the client whose {@code connect()} opens the loops' connections ({@code SharedStores.loopOptions})
   * @param layout one server, or a cluster, whose connection sends each command to its key's master
   */
  public RedisTokenCache(Vertx vertx, Redis redis, RedisLayout layout, SecretBox box, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.box = box;
    this.clock = clock;
    this.connections = new PerEventLoop<>(() -> new LoopRedisConnection(redis, layout, System::nanoTime,
        connection -> Future.succeededFuture()));
  }

  @Override
  public Future<Optional<LwaToken>> get(String key) {
    return send(Request.cmd(Command.GET).arg(tokenKey(key))).map(answer -> answer == null ? Optional.empty() : read(key, answer));
  }

  /**
   * An entry this instance cannot open (sealed with a key it does not hold) is a miss, not a Redis
   * failure: the token is fetched again and stored under a key every instance should hold.
   */
  private Optional<LwaToken> read(String key, Response answer) {
    LwaToken found;
    Instant now = clock.instant();
    try {
      JsonObject stored = new JsonObject(answer.toString());
      String token = box.open(new SecretBox.Sealed(stored.getString("k"), Base64.getDecoder().decode(stored.getString("t"))), key);
      // Stored before tokens carried their issue time: their lifetime counts from now, which only shortens it.
      Instant issuedAt = stored.containsKey("i") ? Instant.ofEpochMilli(stored.getLong("i")) : now;
      found = new LwaToken(token, issuedAt, Instant.ofEpochMilli(stored.getLong("e")), Optional.empty());
    } catch (RuntimeException e) {
      LOG.warn("The cached token of {} could not be read ({}); fetching a new one. Do all instances hold the same "
          + "SPGATE_ENCRYPTION_KEYS?", key, e.getClass().getSimpleName());
      return Optional.empty();
    }
    return found.validAt(now) ? Optional.of(found) : Optional.empty();
  }

  @Override
  public Future<Void> put(String key, LwaToken token) {
    long ttlMillis = Duration.between(clock.instant(), token.expiresAt()).toMillis();
    if (ttlMillis <= 0) {
      return Future.succeededFuture();
    }
    SecretBox.Sealed sealed = box.seal(token.accessToken(), key);
    String stored = new JsonObject().put("k", sealed.keyId()).put("t", Base64.getEncoder().encodeToString(sealed.bytes()))
        .put("i", token.issuedAt().toEpochMilli()).put("e", token.expiresAt().toEpochMilli())
        .put("h", fingerprint(token.accessToken())).encode();
    return send(Request.cmd(Command.SET).arg(tokenKey(key)).arg(stored).arg("PX").arg(ttlMillis)).mapEmpty();
  }

  @Override
  public Future<Void> evict(String key) {
    return send(Request.cmd(Command.DEL).arg(tokenKey(key))).mapEmpty();
  }

  @Override
  public Future<Void> evictIf(String key, String accessToken) {
    return send(Request.cmd(Command.EVAL).arg(EVICT_IF).arg(1).arg(tokenKey(key)).arg(fingerprint(accessToken))).mapEmpty();
  }

  @Override
  public Future<Boolean> tryLock(String key, String owner, Duration ttl) {
    Future<Boolean> taken = unbounded(Request.cmd(Command.SET).arg(lockKey(key)).arg(owner).arg("NX").arg("PX").arg(ttl.toMillis()))
        .map(answer -> answer != null && "OK".equals(answer.toString()));
    return timed(taken).onFailure(e -> taken.onSuccess(late -> {
      // Its caller has gone on without it: a lock that Redis grants after all would only hold up the next refresh.
      if (late) {
        unlock(key, owner);
      }
    }));
  }

  @Override
  public Future<Void> unlock(String key, String owner) {
    return send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(lockKey(key)).arg(owner)).mapEmpty();
  }

  private Future<Response> send(Request request) {
    return timed(unbounded(request));
  }

  /**
   * Over the caller's event loop's own connection, pipelined: a burst of commands (ten thousand
   * sellers starting at once) queues on no pool, so the time-out measures Redis alone.
   */
  private Future<Response> unbounded(Request request) {
    // A worker thread of this Vert.x has no loop of its own: it borrows a pooled connection.
    return connections.onLoop(vertx, link -> link.connection().compose(connection -> connection.send(request)), () -> redis.send(request));
  }

  private static <T> Future<T> timed(Future<T> answer) {
    return answer.timeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** {@code {key}} is the cluster hash tag: a seller's token and lock share a slot. */
  private static String tokenKey(String key) {
    return "tok:{" + key + "}";
  }

  private static String lockKey(String key) {
    return "lock:{" + key + "}";
  }

  private static String fingerprint(String accessToken) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
