package io.spgate.bench.jmh;

import io.spgate.quota.InProcessQuotaStore;
import io.spgate.quota.Lane;
import io.spgate.quota.QuotaStore;
import io.spgate.quota.RedisQuotaStore;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.spgate.store.RedisLayout;
import io.spgate.store.SharedStores;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One quota decision (the GCRA step every SP-API call takes), in process and through Redis's Lua
 * script, over 1,000 buckets with a rate high enough that every decision grants. Callers wait for
 * each answer, as a call does; several threads keep Redis's pipeline busy. {@code redisRound}
 * asks 64 decisions of as many buckets on one event loop at once, as a busy gateway's loop does, so
 * that they leave together: one script call on one server, one per hash slot on a cluster. The
 * Redis is {@code -Dredis=URL}; several comma-separated URLs are a cluster's seeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class QuotaDecisionBenchmark {

  private static final int BUCKETS = 1000;
  private static final int ROUND = 64;
  private static final double INTERVAL_MILLIS = 0.001;

  private Vertx vertx;
  private Redis redis;
  private QuotaStore redisStore;
  private QuotaStore inProcess;
  private String[] keys;
  private Context loop;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    List<String> urls = List.of(System.getProperty("redis", "redis://127.0.0.1:6379").split(","));
    redis = Redis.createClient(vertx, SharedStores.loopOptions(urls));
    redisStore = new RedisQuotaStore(vertx, redis, urls.size() > 1 ? RedisLayout.CLUSTER : RedisLayout.SERVER,
        RedisQuotaStore.Scripts.bundled(), Duration.ZERO);
    loop = vertx.getOrCreateContext();
    inProcess = new InProcessQuotaStore(System::nanoTime, Duration.ZERO);
    keys = new String[BUCKETS];
    String run = Long.toHexString(System.nanoTime());
    for (int i = 0; i < BUCKETS; i++) {
      keys[i] = "q:{jmh-" + run + "-" + i + "}:na:GET:benchmarkOp";
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    redis.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public QuotaStore.Decision inProcess() throws Exception {
    return inProcess.decide(key(), INTERVAL_MILLIS, 10, 1000, Lane.NORMAL, QuotaStore.NO_PLACE).toCompletionStage().toCompletableFuture()
        .get();
  }

  @Benchmark
  public QuotaStore.Decision redis() throws Exception {
    return redisStore.decide(key(), INTERVAL_MILLIS, 10, 1000, Lane.NORMAL, QuotaStore.NO_PLACE).toCompletionStage().toCompletableFuture()
        .get();
  }

  @Benchmark
  @OperationsPerInvocation(ROUND)
  public Object redisRound() throws Exception {
    Promise<Object> done = Promise.promise();
    loop.runOnContext(v -> {
      List<Future<QuotaStore.Decision>> round = new ArrayList<>(ROUND);
      for (int i = 0; i < ROUND; i++) {
        round.add(redisStore.decide(key(), INTERVAL_MILLIS, 10, 1000, Lane.NORMAL, QuotaStore.NO_PLACE));
      }
      Future.all(round).onComplete(all -> done.complete(all.result()));
    });
    return done.future().toCompletionStage().toCompletableFuture().get();
  }

  private String key() {
    return keys[ThreadLocalRandom.current().nextInt(BUCKETS)];
  }
}
