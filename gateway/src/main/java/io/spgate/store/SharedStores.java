package io.spgate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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

  private static final int REDIS_CONNECTIONS = 32;
  /**
   * Callers that may wait for a connection. A restart's burst (a token look-up per seller, 10,000
   * sellers) must queue, not fail; it drains in milliseconds. Beyond this bound a command fails at
   * once, as when Redis is down. Each caller bounds its own wait with a timeout on its command.
   */
  static final int REDIS_WAITING = 16_384;
  /**
   * Redis answers a connect in milliseconds: an unreachable one (packets dropped) frees the pool's
   * slot after this, not after Vert.x's 60 s; its users time out their commands themselves and go on
   * in process.
   */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  /**
   * Quota decisions hold one connection per event loop (the gateway runs Vert.x's default number
   * of loops), plus a few for calls made on worker threads, which borrow one per command.
   */
  private static final int QUOTA_CONNECTIONS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE + 4;
  /** Decisions in flight on one pipelined connection: a start burst of thousands of sellers must not overflow it. */
  public static final int QUOTA_PIPELINE = 65_536;

  private final Optional<Redis> redis;
  private final Optional<Redis> quotaRedis;
  private final String description;

  private SharedStores(Optional<Redis> redis, Optional<Redis> quotaRedis, String description) {
    this.redis = redis;
    this.quotaRedis = quotaRedis;
    this.description = description;
  }

  public static SharedStores create(Vertx vertx, Optional<URI> redisUrl) {
    return redisUrl
        .map(url -> new SharedStores(
            Optional.of(Redis.createClient(vertx, options(url.toString()).setMaxPoolSize(REDIS_CONNECTIONS))),
            Optional.of(Redis.createClient(vertx, quotaOptions(url.toString()))),
            "Redis at " + url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 6379)))
        .orElseGet(() -> new SharedStores(Optional.empty(), Optional.empty(), "in process (one gateway instance only)"));
  }

  /** Options of the client quota decisions use: few long-held connections, each with many commands in flight. */
  public static RedisOptions quotaOptions(String connectionString) {
    return options(connectionString).setMaxPoolSize(QUOTA_CONNECTIONS).setMaxWaitingHandlers(QUOTA_PIPELINE);
  }

  private static RedisOptions options(String connectionString) {
    RedisOptions options = new RedisOptions().setConnectionString(connectionString).setMaxPoolWaiting(REDIS_WAITING);
    options.getNetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    return options;
  }

  public boolean redisConfigured() {
    return redis.isPresent();
  }

  /** The pooled client: one connection per command, for the token cache and locks. */
  public Optional<Redis> redis() {
    return redis;
  }

  /** The client quota decisions open their per-event-loop connections with ({@code RedisQuotaStore}). */
  public Optional<Redis> quotaRedis() {
    return quotaRedis;
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
    quotaRedis.ifPresent(Redis::close);
  }
}
