package io.spgate.quota;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.http.ApiException;
import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GCRA buckets on real Redis (three instances, each with its own connection) and in process: the same rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaGateIT {

  private final List<Vertx> instances = new ArrayList<>();
  private final List<Redis> clients = new ArrayList<>();

  @BeforeAll
  void start() {
    for (int i = 0; i < 3; i++) {
      Vertx vertx = Vertx.vertx();
      instances.add(vertx);
      clients.add(Redis.createClient(vertx, SharedStores.quotaOptions("redis://127.0.0.1:6379")));
    }
  }

  @AfterAll
  void stop() {
    clients.forEach(Redis::close);
    instances.forEach(v -> await(v.close()));
  }

  Stream<String> stores() {
    return Stream.of("redis", "in-process");
  }

  /** The gates of "three gateway instances": sharing Redis, or one in-process gate; no jitter allowance. */
  private List<QuotaGate> gates(String store) {
    return gates(store, Duration.ZERO);
  }

  private List<QuotaGate> gates(String store, Duration jitterAllowance) {
    if (store.equals("in-process")) {
      return List.of(QuotaFixtures.gate(instances.get(0), new InProcessQuotaStore(System::nanoTime, jitterAllowance), 0.5, 1));
    }
    List<QuotaGate> gates = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      gates.add(QuotaFixtures.gate(instances.get(i), redisStore(i, jitterAllowance), 0.5, 1));
    }
    return gates;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_never_let_concurrent_callers_exceed_burst_plus_rate_times_t(String store) {
    List<QuotaGate> gates = gates(store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "testOp", "GET", 20, 10);
    List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
    List<Future<Void>> callers = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < 30; c++) {
      QuotaGate gate = gates.get(c % gates.size());
      callers.add(loop(gate, seller, plan, grantedAt, 3));
    }
    await(Future.all(callers));

    List<Long> times = new ArrayList<>(grantedAt);
    Collections.sort(times);
    assertThat(times).hasSize(90);
    for (int i = 0; i < times.size(); i++) {
      for (int j = i; j < times.size(); j++) {
        double windowSeconds = (times.get(j) - times.get(i)) / 1e9 + 0.02;
        assertThat(j - i + 1).as("grants in a %.3f s window", windowSeconds)
            .isLessThanOrEqualTo((int) (plan.burst() + plan.ratePerSecond() * windowSeconds));
      }
    }
    double took = (times.get(times.size() - 1) - start) / 1e9;
    // 90 calls at 20/s after a burst of 10 need at least 4 s; waiting instead of failing means not much more.
    assertThat(took).isBetween(3.9, 6.0);
  }

  private Future<Void> loop(QuotaGate gate, QuotaOwner seller, Plan plan, List<Long> grantedAt, int calls) {
    if (calls == 0) {
      return Future.succeededFuture();
    }
    return gate.acquire(seller, plan, Duration.ofSeconds(30), Lane.NORMAL)
        .compose(waited -> {
          grantedAt.add(System.nanoTime());
          return loop(gate, seller, plan, grantedAt, calls - 1);
        });
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_refuse_a_slot_beyond_the_deadline_without_consuming_it(String store) {
    QuotaGate gate = gates(store).get(0);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "slowOp", "GET", 1, 1);

    long start = System.nanoTime();
    assertThat(await(gate.acquire(seller, plan, Duration.ofMillis(100), Lane.NORMAL))).isZero();
    Throwable refused = failure(gate.acquire(seller, plan, Duration.ofMillis(100), Lane.NORMAL));
    long waited = await(gate.acquire(seller, plan, Duration.ofSeconds(3), Lane.NORMAL));
    long took = millisSince(start);

    assertThat(refused).isInstanceOf(ApiException.class);
    ApiException problem = (ApiException) refused;
    assertThat(problem.problem().status()).isEqualTo(429);
    assertThat(problem.problem().code()).isEqualTo("quota_wait_exceeds_deadline");
    assertThat(problem.headers()).containsEntry("Retry-After", "1");
    // The refused call took nothing: the next one waits one interval, not two.
    assertThat(waited).isBetween(1000 - took, 1000L);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_keep_a_reserve_from_bulk_calls_while_urgent_calls_are_recent(String store) {
    QuotaGate gate = gates(store).get(0);
    Plan plan = new Plan("test", "laneOp", "GET", 0.2, 4);
    QuotaOwner quiet = QuotaFixtures.freshOwner();
    QuotaOwner busy = QuotaFixtures.freshOwner();
    Duration noWait = Duration.ZERO;

    for (int i = 0; i < 4; i++) {
      assertThat(await(gate.acquire(quiet, plan, noWait, Lane.BULK))).as("bulk call %d without urgent traffic", i).isZero();
    }
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.URGENT))).isZero();
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.BULK))).isZero();
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.BULK))).isZero();
    Throwable third = failure(gate.acquire(busy, plan, noWait, Lane.BULK));
    long urgent = await(gate.acquire(busy, plan, noWait, Lane.URGENT));

    assertThat(((ApiException) third).problem().code()).isEqualTo("quota_wait_exceeds_deadline");
    assertThat(urgent).isZero();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_adopt_the_rate_amazon_announces_and_empty_the_bucket_on_its_429(String store) {
    QuotaGate gate = gates(store).get(0);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "adaptOp", "GET", 1, 1);
    Duration shortWait = Duration.ofMillis(60);

    await(gate.acquire(seller, plan, shortWait, Lane.NORMAL));
    assertThat(failure(gate.acquire(seller, plan, shortWait, Lane.NORMAL))).isInstanceOf(ApiException.class);
    await(gate.announced(seller, plan, 50));
    for (int i = 0; i < 5; i++) {
      assertThat(await(gate.acquire(seller, plan, shortWait, Lane.NORMAL))).isLessThanOrEqualTo(60L);
    }
    long drainedAt = System.nanoTime();
    await(gate.throttledByAmazon(seller, plan));
    long waited = await(gate.acquire(seller, plan, shortWait, Lane.NORMAL));
    // Empty at 50/s: the next slot is one 20 ms interval away, not free.
    assertThat(waited).isBetween(20 - millisSince(drainedAt), 20L);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_show_callers_of_every_instance_waiting_for_their_slot(String store) {
    List<QuotaStore> stores = store.equals("in-process") ? List.of(new InProcessQuotaStore(System::nanoTime, Duration.ZERO))
        : List.of(redisStore(0, Duration.ZERO), redisStore(1, Duration.ZERO), redisStore(2, Duration.ZERO));
    QuotaGate console = QuotaFixtures.gate(instances.get(0), stores.get(0), 0.5, 1);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    // The fallback plan of QuotaFixtures.gate, which states() applies to an operation the table does not know.
    Plan plan = new Plan("test", "waitersOp", "GET", 0.5, 1);
    int callers = 5;
    List<Long> waits = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      // The decisions of callers spread over the instances; the callers would now wait on their timers.
      QuotaStore.Decision decision = await(stores.get(c % stores.size())
          .decide(QuotaGate.key(seller, plan), 1000 / plan.ratePerSecond(), plan.burst(), 60_000, Lane.NORMAL));
      assertThat(decision.granted()).isTrue();
      waits.add(decision.waitMillis());
    }

    JsonObject bucket = await(console.states(seller)).getJsonObject(0);

    long waitingCallers = waits.stream().filter(w -> w > 0).count();
    assertThat(waitingCallers).isEqualTo(callers - plan.burst());
    assertThat(bucket.getString("operation")).isEqualTo(plan.operationId());
    assertThat(bucket.getInteger("waiting")).isEqualTo((int) waitingCallers);
    assertThat(bucket.getDouble("tokens")).isZero();
  }

  private QuotaStore redisStore(int instance, Duration jitterAllowance) {
    return new RedisQuotaStore(instances.get(instance), clients.get(instance), RedisQuotaStore.Scripts.bundled(), jitterAllowance);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_leave_the_jitter_allowance_of_refill_in_amazons_bucket(String store) {
    QuotaGate gate = gates(store, Duration.ofMillis(300)).get(0);
    Duration patient = Duration.ofSeconds(2);
    Plan slow = new Plan("test", "slowOp", "GET", 1, 3);
    Plan fast = new Plan("test", "fastOp", "GET", 10, 3);
    Plan single = new Plan("test", "singleOp", "GET", 1, 1);
    QuotaOwner seller = QuotaFixtures.freshOwner();

    // One a second: 300 ms of refill (0.3 token) stays in Amazon's bucket, so the third call waits 300 ms.
    long slowStart = System.nanoTime();
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL))).isZero();
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL))).isZero();
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL))).isBetween(300 - millisSince(slowStart), 300L);
    // Ten a second: 300 ms would be three tokens; at most one is kept, so the third call waits one 100 ms interval.
    long fastStart = System.nanoTime();
    assertThat(await(gate.acquire(seller, fast, patient, Lane.NORMAL))).isZero();
    assertThat(await(gate.acquire(seller, fast, patient, Lane.NORMAL))).isZero();
    assertThat(await(gate.acquire(seller, fast, patient, Lane.NORMAL))).isBetween(100 - millisSince(fastStart), 100L);
    // A bucket of one keeps nothing back: Amazon's could not hold it.
    assertThat(await(gate.acquire(seller, single, patient, Lane.NORMAL))).isZero();
  }

  @Test
  void should_reload_its_script_when_redis_forgot_it() {
    QuotaGate gate = gates("redis").get(0);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "flushOp", "GET", 0.1, 2);
    await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL));

    await(clients.get(0).send(Request.cmd(Command.SCRIPT).arg("FLUSH")));

    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL))).isZero();
    assertThat(failure(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL))).isInstanceOf(ApiException.class);
  }

  /**
   * Milliseconds since {@code start}, rounded up: how much of a decided wait the test's own slowness
   * (a loaded machine) may have used up; the store's refill runs on while the test is held up.
   */
  private static long millisSince(long start) {
    return (System.nanoTime() - start + 999_999) / 1_000_000;
  }

  private static Throwable failure(Future<?> future) {
    return await(future.transform(result -> Future.succeededFuture(result.cause())));
  }
}
