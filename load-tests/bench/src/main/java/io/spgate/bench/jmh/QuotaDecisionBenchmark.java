package io.spgate.bench.jmh;

import io.spgate.quota.InProcessQuotaStore;
import io.spgate.quota.Lane;
import io.spgate.quota.QuotaStore;
import io.spgate.quota.RedisQuotaStore;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One quota decision (the GCRA step every SP-API call takes), in process and through Redis's Lua
 * script, over 1,000 buckets with a rate high enough that every decision grants. Callers wait for
 * each answer, as a call does; several threads keep Redis's pipeline busy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class QuotaDecisionBenchmark {

  private static final int BUCKETS = 1000;
  private static final double INTERVAL_MILLIS = 0.001;

  private Vertx vertx;
  private Redis redis;
  private QuotaStore redisStore;
  private QuotaStore inProcess;
  private String[] keys;

  @Setup(Level.Trial)
  public void setUp() {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(System.getProperty("redis", "redis://127.0.0.1:6379"))
        .setMaxPoolSize(8).setMaxPoolWaiting(10_000));
    redisStore = new RedisQuotaStore(vertx, redis, RedisQuotaStore.Scripts.bundled(), Duration.ZERO);
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

  private String key() {
    return keys[ThreadLocalRandom.current().nextInt(BUCKETS)];
  }
}
