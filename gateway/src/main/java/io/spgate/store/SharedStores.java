package io.spgate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where state shared between gateway instances lives (quota buckets, the token cache, locks):
 * Redis when SPGATE_REDIS_URL is set, otherwise this process, which is only right for one instance.
 */
public final class SharedStores {

  /**
   * Callers on worker threads that may wait for a pooled connection (callers on event loops hold
   * their own). Beyond this bound a command fails at once, as when Redis is down. Each caller
   * bounds its own wait with a timeout on its command.
   */
  static final int REDIS_WAITING = 16_384;
  /**
   * Redis answers a connect in milliseconds: an unreachable one (packets dropped) frees the pool's
   * slot after this, not after Vert.x's 60 s; its users time out their commands themselves and go on
   * in process.
   */
  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  /**
   * Quota decisions and the token cache each hold one connection per event loop (the gateway runs
   * Vert.x's default number of loops), plus a few for calls made on worker threads, which borrow
   * one per command.
   */
  private static final int LOOP_CONNECTIONS = 2 * VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE + 4;
  /** Commands in flight on one pipelined connection: a start burst of thousands of sellers must not overflow it. */
  public static final int LOOP_PIPELINE = 65_536;

  /**
   * How long a cluster client trusts its map of which node serves which hash slot before reading it
   * again (CLUSTER SLOTS). After a failover, commands for the failed master's slots reach the promoted
   * replica within this much (a MOVED answer also refreshes it at once).
   */
  static final long CLUSTER_SLOTS_TTL_MILLIS = 1_000;

  private final Optional<Redis> redis;
  private final RedisLayout layout;
  private final String description;

  private SharedStores(Optional<Redis> redis, RedisLayout layout, String description) {
    this.redis = redis;
    this.layout = layout;
    this.description = description;
  }

  /**
   * @param redisUrls none: in process; one: a Redis server (or primary); several: the seed nodes of a
   *     Redis Cluster
   */
  public static SharedStores create(Vertx vertx, List<URI> redisUrls) {
    if (redisUrls.isEmpty()) {
      return new SharedStores(Optional.empty(), RedisLayout.SERVER, "in process (one gateway instance only)");
    }
    List<String> urls = redisUrls.stream().map(URI::toString).toList();
    String where = redisUrls.stream().map(url -> url.getHost() + ":" + (url.getPort() > 0 ? url.getPort() : 6379))
        .collect(Collectors.joining(", "));
    boolean cluster = urls.size() > 1;
    return new SharedStores(Optional.of(Redis.createClient(vertx, loopOptions(urls))), cluster ? RedisLayout.CLUSTER : RedisLayout.SERVER,
        cluster ? "Redis Cluster seeded by " + where : "Redis at " + where);
  }

  /** Options of the client whose connections event loops hold ({@link LoopRedisConnection}): few, each with many commands in flight. */
  public static RedisOptions loopOptions(List<String> urls) {
    return options(urls).setMaxPoolSize(LOOP_CONNECTIONS).setMaxWaitingHandlers(LOOP_PIPELINE);
  }

  /** The same, for one server. */
  public static RedisOptions loopOptions(String url) {
    return loopOptions(List.of(url));
  }

  /**
   * One URL: a server. Several: a cluster, whose client reads the slot map from the first seed that
   * answers, routes each command to the master of its keys' slot and follows MOVED and ASK itself.
   * Replicas are never read: a quota decision or a lock read from a replica could be stale.
   */
  private static RedisOptions options(List<String> urls) {
    RedisOptions options = new RedisOptions().setMaxPoolWaiting(REDIS_WAITING);
    if (urls.size() == 1) {
      options.setConnectionString(urls.get(0));
    } else {
      options.setType(RedisClientType.CLUSTER).setEndpoints(new ArrayList<>(urls)).setUseReplicas(RedisReplicas.NEVER)
          .setHashSlotCacheTTL(CLUSTER_SLOTS_TTL_MILLIS);
    }
    options.getNetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    return options;
  }

  /** One server, or a cluster (several URLs). */
  public RedisLayout layout() {
    return layout;
  }

  public boolean redisConfigured() {
    return redis.isPresent();
  }

  /**
   * The client quota decisions and the token cache open their per-event-loop connections with; a
   * call from a worker thread borrows one of its pooled connections.
   */
  public Optional<Redis> redis() {
    return redis;
  }

  /**
   * Succeeds when the store answers; in-process stores always do. A cluster must also say that it
   * serves every hash slot: while a failed master is not yet replaced, its slots' commands fail.
   */
  public Future<Void> ping() {
    if (layout == RedisLayout.CLUSTER) {
      return redis.orElseThrow().send(Request.cmd(Command.CLUSTER).arg("INFO")).compose(answer -> {
        String info = answer.toString();
        return info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:" + RedisSlots.COUNT) ? Future.<Void>succeededFuture()
            : Future.failedFuture("the Redis Cluster does not serve every hash slot");
      });
    }
    return redis.map(r -> r.send(Request.cmd(Command.PING)).<Void>mapEmpty()).orElse(Future.succeededFuture());
  }

  public String description() {
    return description;
  }

  public void close() {
    redis.ifPresent(Redis::close);
  }
}
