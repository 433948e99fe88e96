package io.spgate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.Optional;

/**
 * Where state shared between gateway instances lives (quota buckets, the token cache, locks):
 * Redis when SPGATE_REDIS_URL is set, otherwise this process, which is only right for one instance.
 */
public final class SharedStores {

  /** Bursts (a restart renewing thousands of tokens) must queue for a connection, not fail. */
  private static final int REDIS_CONNECTIONS = 32;
  private static final int REDIS_WAITING = 100_000;

  private final Optional<Redis> redis;
  private final String description;

  private SharedStores(Optional<Redis> redis, String description) {
    this.redis = redis;
    this.description = description;
  }

  public static SharedStores create(Vertx vertx, Optional<URI> redisUrl) {
    return redisUrl
        .map(url -> new SharedStores(
            Optional.of(Redis.createClient(vertx, new RedisOptions().setConnectionString(url.toString())
                .setMaxPoolSize(REDIS_CONNECTIONS).setMaxPoolWaiting(REDIS_WAITING))),
            "Redis at " + url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 6379)))
        .orElseGet(() -> new SharedStores(Optional.empty(), "in process (one gateway instance only)"));
  }

  public boolean redisConfigured() {
    return redis.isPresent();
  }

  public Optional<Redis> redis() {
    return redis;
  }

  /** Succeeds when the store answers; in-process stores always do. */
  public Future<Void> ping() {
    return redis.map(r -> r.send(Request.cmd(Command.PING)).<Void>mapEmpty()).orElse(Future.succeededFuture());
  }

  public String description() {
    return description;
  }

  public void close() {
    redis.ifPresent(Redis::close);
  }
}
