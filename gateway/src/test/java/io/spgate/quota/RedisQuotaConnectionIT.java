package io.spgate.quota;

import static io.spgate.quota.QuotaStore.NO_PLACE;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestRedisCluster;
import io.spgate.store.LoopRedisConnection;
import io.spgate.store.RedisLayout;
import io.spgate.store.SharedStores;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How quota decisions reach Redis: one pipelined connection per event loop, opened lazily and again after a failure. */
class RedisQuotaConnectionIT {

  private static final String REDIS = "redis://127.0.0.1:6379";

  private Vertx vertx;
  private Redis admin;
  private final List<Context> loops = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    admin = Redis.createClient(vertx, REDIS);
    // Two verticle instances get two different event loops, as the HTTP verticles do.
    await(vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        loops.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(2)));
  }

  @AfterEach
  void stop() {
    admin.close();
    await(vertx.close());
  }

  @Test
  void should_pipeline_each_event_loops_decisions_over_one_connection_and_answer_on_the_callers_context() {
    String name = "spgate-quota-it-" + UUID.randomUUID();
    RedisQuotaStore store = new RedisQuotaStore(vertx, Redis.createClient(vertx, SharedStores.loopOptions(REDIS + "?client=" + name)),
        RedisQuotaStore.Scripts.bundled(), Duration.ZERO);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger elsewhere = new AtomicInteger();
    // More decisions in flight per loop than the client's default of 2048 waiting handlers.
    int perLoop = 3_000;
    List<Future<?>> all = new ArrayList<>();
    for (Context loop : loops) {
      all.add(onContext(loop, () -> {
        threads.add(Thread.currentThread());
        List<Future<QuotaStore.Decision>> decisions = new ArrayList<>();
        for (int i = 0; i < perLoop; i++) {
          decisions.add(store.decide("q:{pipeline-" + UUID.randomUUID() + "}:na:GET:op", 10, 5, 0, Lane.NORMAL, NO_PLACE)
              .andThen(done -> {
                if (Vertx.currentContext() != loop) {
                  elsewhere.incrementAndGet();
                }
              }));
        }
        return Future.all(decisions);
      }));
    }
    await(Future.all(all));

    assertThat(threads).as("event loops used").hasSize(loops.size());
    assertThat(elsewhere.get()).as("answers not on the caller's context").isZero();
    assertThat(connectionIds(name)).hasSize(loops.size());
  }

  /** One Redis server, and a cluster: there a round's decisions go in one script call per hash slot. */
  static Stream<RedisLayout> layouts() {
    return Stream.of(RedisLayout.SERVER, RedisLayout.CLUSTER);
  }

  private RedisQuotaStore store(RedisLayout layout, RedisQuotaStore.Scripts scripts) {
    List<String> urls = layout == RedisLayout.CLUSTER ? TestRedisCluster.shared().urls() : List.of(REDIS);
    return new RedisQuotaStore(vertx, Redis.createClient(vertx, SharedStores.loopOptions(urls)), layout, scripts, Duration.ZERO);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void should_decide_a_rounds_decisions_in_the_order_asked_as_the_in_process_store_does(RedisLayout layout) {
    RedisQuotaStore redis = store(layout, RedisQuotaStore.Scripts.bundled());
    InProcessQuotaStore inProcess = new InProcessQuotaStore(() -> 0L, Duration.ZERO);
    String run = UUID.randomUUID().toString();
    List<String> buckets =
        List.of("q:{order-a-" + run + "}:na:GET:op", "q:{order-b-" + run + "}:na:GET:op", "q:{order-c-" + run + "}:na:GET:op");
    List<Integer> bursts = List.of(1, 8, 20);
    Lane[] lanes = Lane.values();
    // More than one script call's worth, every lane, waits allowed for some: a minute's interval
    // makes the milliseconds the round takes in Redis irrelevant to the outcome.
    int asked = 3 * RedisQuotaStore.MAX_DECISIONS_PER_CALL + 7;
    List<QuotaStore.Decision> expected = new ArrayList<>();
    for (int i = 0; i < asked; i++) {
      expected.add(
          await(inProcess.decide(buckets.get(i % 3), 60_000, bursts.get(i % 3), maxWait(i), lanes[(i / 3) % lanes.length], NO_PLACE)));
    }
    List<QuotaStore.Decision> decided = await(onContext(loops.get(0), () -> {
      List<Future<QuotaStore.Decision>> round = new ArrayList<>();
      for (int i = 0; i < asked; i++) {
        round.add(redis.decide(buckets.get(i % 3), 60_000, bursts.get(i % 3), maxWait(i), lanes[(i / 3) % lanes.length], NO_PLACE));
      }
      return Future.all(round).map(all -> all.<QuotaStore.Decision>list());
    }));

    assertThat(decided).extracting(QuotaStore.Decision::verdict).containsExactlyElementsOf(
        expected.stream().map(QuotaStore.Decision::verdict).toList());
    assertThat(decided).extracting(QuotaStore.Decision::verdict).as("bulk calls in line").contains(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(decided).filteredOn(QuotaStore.Decision::granted).as("some granted, some refused").hasSizeBetween(10, asked - 10);
  }

  private static long maxWait(int i) {
    return i % 5 == 0 ? 120_000 : 0;
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void should_fall_back_to_eval_for_every_decision_of_a_round_whose_script_redis_does_not_know(RedisLayout layout) {
    // An unknown digest: every EVALSHA answers NOSCRIPT, as after a SCRIPT FLUSH.
    RedisQuotaStore.Scripts bundled = RedisQuotaStore.Scripts.bundled();
    RedisQuotaStore.Scripts unknown = new RedisQuotaStore.Scripts(new RedisQuotaStore.Script(bundled.gcra().source(), "0".repeat(40)),
        bundled.drain(), bundled.late(), bundled.announce(), bundled.state());
    RedisQuotaStore store = store(layout, unknown);
    String bucket = "q:{noscript-" + UUID.randomUUID() + "}:na:GET:op";

    // Asked in one go on one loop, the decisions leave in one batch, which fails as a whole.
    List<QuotaStore.Decision> decisions = await(onContext(loops.get(0), () -> {
      List<Future<QuotaStore.Decision>> round = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        round.add(store.decide(bucket, 1_000, 5, 0, Lane.NORMAL, NO_PLACE));
      }
      return Future.all(round).map(all -> all.<QuotaStore.Decision>list());
    }));

    assertThat(decisions).filteredOn(QuotaStore.Decision::granted).as("each decision applied once, by EVAL").hasSize(5);
  }

  @Test
  void should_answer_a_caller_from_outside_vertx_on_an_event_loop_of_the_store() {
    RedisQuotaStore store = new RedisQuotaStore(vertx, Redis.createClient(vertx, SharedStores.loopOptions(REDIS)),
        RedisQuotaStore.Scripts.bundled(), Duration.ZERO);

    Future<QuotaStore.Decision> decided = store.decide("q:{outside-" + UUID.randomUUID() + "}:na:GET:op", 10, 5, 0, Lane.NORMAL, NO_PLACE);
    Context answeredOn = await(decided.map(decision -> Vertx.currentContext()));
    // A handler chained once the answer is in runs there too, not on the caller's thread.
    Context laterOn = await(decided.map(decision -> Vertx.currentContext()));

    assertThat(answeredOn).isNotNull();
    assertThat(answeredOn.owner()).isSameAs(vertx);
    assertThat(answeredOn.isEventLoopContext()).isTrue();
    assertThat(laterOn).isSameAs(answeredOn);
  }

  @Test
  void should_open_a_new_connection_after_redis_closed_the_loops_connection() {
    String name = "spgate-quota-it-" + UUID.randomUUID();
    RedisQuotaStore store = new RedisQuotaStore(vertx, Redis.createClient(vertx, SharedStores.loopOptions(REDIS + "?client=" + name)),
        RedisQuotaStore.Scripts.bundled(), Duration.ZERO);
    Context loop = loops.get(0);
    String key = "q:{reconnect-" + UUID.randomUUID() + "}:na:GET:op";
    await(onContext(loop, () -> store.decide(key, 10, 5, 0, Lane.NORMAL, NO_PLACE)));
    List<String> before = connectionIds(name);
    assertThat(before).hasSize(1);

    await(admin.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(before.get(0))));
    // Decisions already on their way may fail with the connection; a later one goes over a new connection.
    boolean decided = await(untilDecided(loop, store, key, 50));

    assertThat(decided).isTrue();
    List<String> after = connectionIds(name);
    assertThat(after).hasSize(1).doesNotContain(before.get(0));
  }

  @Test
  void should_try_one_connection_at_a_time_and_back_off_while_redis_is_down() throws IOException {
    int port = freePort();
    Redis client = Redis.createClient(vertx, SharedStores.loopOptions("redis://127.0.0.1:" + port));
    AtomicInteger connects = new AtomicInteger();
    AtomicLong clock = new AtomicLong();
    RedisQuotaStore store =
        new RedisQuotaStore(vertx, counting(client, connects), RedisQuotaStore.Scripts.bundled(), Duration.ZERO, clock::get);
    Context loop = loops.get(0);
    String key = "q:{down-" + UUID.randomUUID() + "}:na:GET:op";

    List<Boolean> failed = await(onContext(loop, () -> {
      List<Future<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        calls.add(store.decide(key, 10, 5, 0, Lane.NORMAL, NO_PLACE).map(false).otherwise(true));
      }
      return Future.all(calls).map(all -> calls.stream().map(Future::result).toList());
    }));
    assertThat(failed).containsOnly(true);
    assertThat(connects.get()).as("connection attempts for 100 calls at once").isOne();

    assertThat(await(onContext(loop, () -> store.decide(key, 10, 5, 0, Lane.NORMAL, NO_PLACE).map(false).otherwise(true)))).isTrue();
    assertThat(connects.get()).as("attempts within the back-off").isOne();

    clock.addAndGet(LoopRedisConnection.RECONNECT_BACKOFF_NANOS);
    assertThat(await(onContext(loop, () -> store.decide(key, 10, 5, 0, Lane.NORMAL, NO_PLACE).map(false).otherwise(true)))).isTrue();
    assertThat(connects.get()).as("attempts after the back-off").isEqualTo(2);

    Process redisServer = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      clock.addAndGet(LoopRedisConnection.RECONNECT_BACKOFF_MAX_NANOS);
      // The server may still be starting: each try is one more attempt, a back-off apart on the test's clock.
      boolean decided = await(untilDecided(loop, store, key, 200, () -> clock.addAndGet(LoopRedisConnection.RECONNECT_BACKOFF_MAX_NANOS)));
      assertThat(decided).isTrue();
    } finally {
      redisServer.destroyForcibly();
    }
  }

  private Future<Boolean> untilDecided(Context loop, RedisQuotaStore store, String key, int triesLeft) {
    return untilDecided(loop, store, key, triesLeft, () -> 0L);
  }

  /** Decides on the loop, one try at a time, 20 ms apart, until one succeeds or the tries run out. */
  private Future<Boolean> untilDecided(Context loop, RedisQuotaStore store, String key, int triesLeft, Supplier<Long> beforeEachTry) {
    beforeEachTry.get();
    return onContext(loop, () -> store.decide(key, 10, 5, 0, Lane.NORMAL, NO_PLACE)).transform(result -> {
      if (result.succeeded()) {
        return Future.succeededFuture(true);
      }
      if (triesLeft == 0) {
        return Future.succeededFuture(false);
      }
      Promise<Boolean> next = Promise.promise();
      vertx.setTimer(20, id -> untilDecided(loop, store, key, triesLeft - 1, beforeEachTry).onComplete(next));
      return next.future();
    });
  }

  /** The ids of the connections Redis has open under a client name. */
  private List<String> connectionIds(String name) {
    String list = await(admin.send(Request.cmd(Command.CLIENT).arg("LIST"))).toString();
    return Arrays.stream(list.split("\n"))
        .filter(line -> Arrays.asList(line.trim().split(" ")).contains("name=" + name))
        .map(line -> line.substring("id=".length(), line.indexOf(' ')))
        .toList();
  }

  private static <T> Future<T> onContext(Context context, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The client, counting the connections asked of it. */
  private static Redis counting(Redis client, AtomicInteger connects) {
    return new Redis() {
      @Override
      public Future<RedisConnection> connect() {
        connects.incrementAndGet();
        return client.connect();
      }

      @Override
      public Future<Void> close() {
        return client.close();
      }

      @Override
      public Future<Response> send(Request command) {
        return client.send(command);
      }

      @Override
      public Future<List<Response>> batch(List<Request> commands) {
        return client.batch(commands);
      }
    };
  }
}
