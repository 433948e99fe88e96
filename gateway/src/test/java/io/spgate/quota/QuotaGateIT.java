package io.spgate.quota;

import static io.spgate.quota.QuotaStore.NO_PLACE;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.spgate.TestRedisCluster;
import io.spgate.http.ApiException;
import io.spgate.store.RedisLayout;
import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GCRA buckets on real Redis, one server and a cluster (three instances, each with its own
 * connection), and in process: the same rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaGateIT {

  private final List<Vertx> instances = new ArrayList<>();
  /** Per instance, its client of the one Redis server ({@code "redis"}) and of the cluster ({@code "redis-cluster"}). */
  private final Map<String, List<Redis>> clients = new ConcurrentHashMap<>();
  private final Map<String, QuotaStore> redisStores = new ConcurrentHashMap<>();

  @BeforeAll
  void start() {
    for (int i = 0; i < 3; i++) {
      Vertx vertx = Vertx.vertx();
      instances.add(vertx);
      clients.computeIfAbsent("redis", k -> new ArrayList<>())
          .add(Redis.createClient(vertx, SharedStores.loopOptions("redis://127.0.0.1:6379")));
      clients.computeIfAbsent("redis-cluster", k -> new ArrayList<>())
          .add(Redis.createClient(vertx, SharedStores.loopOptions(TestRedisCluster.shared().urls())));
    }
  }

  @AfterAll
  void stop() {
    clients.values().forEach(each -> each.forEach(Redis::close));
    instances.forEach(v -> await(v.close()));
  }

  Stream<String> stores() {
    return Stream.of("redis", "redis-cluster", "in-process");
  }

  /** The gates of "three gateway instances": sharing Redis, or one in-process gate; no jitter allowance. */
  private List<QuotaGate> gates(String store) {
    return gates(store, Duration.ZERO);
  }

  private List<QuotaGate> gates(String store, Duration jitterAllowance) {
    if (store.equals("in-process")) {
      return List.of(QuotaFixtures.gate(instances.get(0), new InProcessQuotaStore(System::nanoTime, jitterAllowance)));
    }
    List<QuotaGate> gates = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      gates.add(QuotaFixtures.gate(instances.get(i), redisStore(store, i, jitterAllowance)));
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
    assertWithinQuota(times, plan);
    double took = (times.get(times.size() - 1) - start) / 1e9;
    // 90 calls at 20/s after a burst of 10 need at least 4 s; waiting instead of failing means not much more.
    assertThat(took).isBetween(3.9, 6.0);
  }

  /** No window of the sorted grant times holds more grants than burst + rate · window. */
  private static void assertWithinQuota(List<Long> times, Plan plan) {
    for (int i = 0; i < times.size(); i++) {
      for (int j = i; j < times.size(); j++) {
        double windowSeconds = (times.get(j) - times.get(i)) / 1e9 + 0.02;
        assertThat(j - i + 1).as("grants in a %.3f s window", windowSeconds)
            .isLessThanOrEqualTo((int) (plan.burst() + plan.ratePerSecond() * windowSeconds));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_serve_an_urgent_call_within_one_interval_however_much_bulk_work_is_queued(String store) {
    List<CountingQuotaStore> stores = countingStores(store, Duration.ZERO);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "fanOutOp", "GET", 10, 2);
    long interval = 100;
    int bulkCallers = 30;
    List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());

    List<Future<QuotaGate.Slot>> bulk = bulkCallers(stores, seller, plan, bulkCallers, grantedAt);
    long urgentWait = await(gate(stores, 0).acquire(seller, plan, Duration.ofMinutes(1), Lane.URGENT)).waitedMillis();
    await(Future.all(bulk));

    // First come first served, it would wait for the 28 bulk calls queued ahead of it: 2.8 s.
    assertThat(urgentWait).isLessThanOrEqualTo(interval);
    assertThat(grantedAt).as("bulk calls served in the end").hasSize(bulkCallers);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_line_bulk_calls_up_so_that_each_asks_again_about_once(String store) {
    // Bulk callers ask again as early as the jitter allowance (at most half an interval): being that late costs them nothing.
    List<CountingQuotaStore> stores = countingStores(store, Duration.ofMillis(100));
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "bulkOp", "GET", 5, 2);
    int bulkCallers = 12;
    List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());

    await(Future.all(bulkCallers(stores, seller, plan, bulkCallers, grantedAt)));

    int asked = stores.stream().mapToInt(CountingQuotaStore::answered).sum();
    // The burst goes at once; the others take places in line and ask again once, when their turn comes.
    assertThat(asked).isBetween(bulkCallers + 1, 2 * bulkCallers);
    List<Long> times = new ArrayList<>(grantedAt);
    Collections.sort(times);
    assertWithinQuota(times, plan);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_refuse_a_bulk_call_at_once_when_its_place_in_line_lies_beyond_its_deadline(String store) {
    QuotaStore quotas = oneStore(store, Duration.ZERO);
    QuotaGate gate = QuotaFixtures.gate(instances.get(0), quotas);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "lineOp", "GET", 1, 1);
    String key = QuotaGate.key(seller, plan);
    long start = System.nanoTime();
    List<QuotaStore.Decision> queued = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      queued.add(await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, NO_PLACE)));
    }

    Throwable refused = failure(gate.acquire(seller, plan, Duration.ofSeconds(2), Lane.BULK));
    QuotaStore.Decision next = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, NO_PLACE));
    QuotaStore.Decision early = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, queued.get(4).place()));
    long took = millisSince(start);

    assertThat(queued.get(0).granted()).isTrue();
    assertThat(queued.subList(1, 5)).extracting(QuotaStore.Decision::verdict).containsOnly(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(queued.subList(1, 5)).extracting(QuotaStore.Decision::place).doesNotHaveDuplicates().isSorted();
    ApiException problem = (ApiException) refused;
    assertThat(problem.problem().code()).isEqualTo("quota_wait_exceeds_deadline");
    // Its place would have been 5 s away, 3 s beyond its deadline.
    assertThat(problem.headers()).containsEntry("Retry-After", "3");
    // The refused call held no place: the next one is the fifth in line.
    assertThat(next.verdict()).isEqualTo(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(next.waitMillis()).isBetween(5000 - took, 5000L);
    // A caller asking again before its turn keeps its place.
    assertThat(early.verdict()).isEqualTo(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(early.place()).isEqualTo(queued.get(4).place());
    assertThat(early.waitMillis()).isBetween(4000 - took, 4000L);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_push_the_bulk_line_back_by_the_slots_an_urgent_call_takes(String store) {
    QuotaStore quotas = oneStore(store, Duration.ZERO);
    Plan plan = new Plan("test", "pushedOp", "GET", 1, 1);
    // Opens the store's connection first, so that the decisions below take little time.
    await(quotas.decide(QuotaGate.key(QuotaFixtures.freshOwner(), plan), 1000, 1, 0, Lane.NORMAL, NO_PLACE));
    String key = QuotaGate.key(QuotaFixtures.freshOwner(), plan);
    long start = System.nanoTime();
    // One call a second: the first bulk call goes, the next two take places 1 s and 2 s away.
    assertThat(await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, NO_PLACE)).granted()).isTrue();
    // The store's clock for this bucket started in between.
    long firstDecided = millisSince(start);
    QuotaStore.Decision first = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, NO_PLACE));
    QuotaStore.Decision second = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, NO_PLACE));
    // An urgent call takes the slot the first in line was to have.
    assertThat(await(quotas.decide(key, 1000, 1, 60_000, Lane.URGENT, NO_PLACE)).waitMillis()).isLessThanOrEqualTo(1000);

    // Half an interval before its turn (bulk may now hold a slot that far ahead: it leaves urgent calls half a token).
    await(instances.get(0).timer(Math.max(1, 600 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)), TimeUnit.MILLISECONDS));
    long firstAsked = System.nanoTime();
    QuotaStore.Decision firstAgain = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, first.place()));
    QuotaStore.Decision secondAgain = await(quotas.decide(key, 1000, 1, 60_000, Lane.BULK, second.place()));
    long between = millisSince(firstAsked);

    assertThat(List.of(first, second, firstAgain, secondAgain)).extracting(QuotaStore.Decision::verdict)
        .containsOnly(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(firstAgain.place()).isEqualTo(first.place());
    // Its slot is now 2.5 s from the start (after the urgent one, and half a token left to urgent calls): it asks again then less 0.5 s.
    assertThat(firstAgain.waitMillis()).isBetween(2000 - millisSince(start), 1400 + firstDecided);
    // The second was pushed back as far, and still comes one interval after the first.
    assertThat(secondAgain.waitMillis() - firstAgain.waitMillis()).isBetween(1000 - between - 1, 1001L);
  }

  /**
   * Bulk callers with a minute to wait, spread over the stores' gates; answers once each holds its
   * slot or its place in line. Their grant times go to {@code grantedAt}.
   */
  private List<Future<QuotaGate.Slot>> bulkCallers(List<CountingQuotaStore> stores, QuotaOwner seller, Plan plan, int callers,
      List<Long> grantedAt) {
    List<Future<QuotaGate.Slot>> bulk = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      bulk.add(gate(stores, c % stores.size()).acquire(seller, plan, Duration.ofMinutes(1), Lane.BULK)
          .andThen(granted -> grantedAt.add(System.nanoTime())));
    }
    await(Future.all(IntStream.range(0, stores.size())
        .mapToObj(i -> stores.get(i).answered((callers - i + stores.size() - 1) / stores.size())).toList()));
    return bulk;
  }

  /** The stores of "three gateway instances" sharing Redis, or one in-process store; counting their decisions. */
  private List<CountingQuotaStore> countingStores(String store, Duration jitterAllowance) {
    return store.equals("in-process") ? List.of(new CountingQuotaStore(new InProcessQuotaStore(System::nanoTime, jitterAllowance)))
        : IntStream.range(0, 3).mapToObj(i -> new CountingQuotaStore(redisStore(store, i, jitterAllowance))).toList();
  }

  /** The gate of instance {@code i}, over its store. */
  private QuotaGate gate(List<CountingQuotaStore> stores, int i) {
    return QuotaFixtures.gate(instances.get(i), stores.get(i));
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
    assertThat(await(gate.acquire(seller, plan, Duration.ofMillis(100), Lane.NORMAL)).waitedMillis()).isZero();
    Throwable refused = failure(gate.acquire(seller, plan, Duration.ofMillis(100), Lane.NORMAL));
    long waited = await(gate.acquire(seller, plan, Duration.ofSeconds(3), Lane.NORMAL)).waitedMillis();
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
      assertThat(await(gate.acquire(quiet, plan, noWait, Lane.BULK)).waitedMillis()).as("bulk call %d without urgent traffic", i).isZero();
    }
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.URGENT)).waitedMillis()).isZero();
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.BULK)).waitedMillis()).isZero();
    assertThat(await(gate.acquire(busy, plan, noWait, Lane.BULK)).waitedMillis()).isZero();
    Throwable third = failure(gate.acquire(busy, plan, noWait, Lane.BULK));
    long urgent = await(gate.acquire(busy, plan, noWait, Lane.URGENT)).waitedMillis();

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

    await(gate.acquire(seller, plan, shortWait, Lane.NORMAL)).waitedMillis();
    assertThat(failure(gate.acquire(seller, plan, shortWait, Lane.NORMAL))).isInstanceOf(ApiException.class);
    await(gate.announced(seller, plan, 50));
    for (int i = 0; i < 5; i++) {
      assertThat(await(gate.acquire(seller, plan, shortWait, Lane.NORMAL)).waitedMillis()).isLessThanOrEqualTo(60L);
    }
    long drainedAt = System.nanoTime();
    await(gate.throttledByAmazon(seller, plan));
    long waited = await(gate.acquire(seller, plan, shortWait, Lane.NORMAL)).waitedMillis();
    // Empty at 50/s: the next slot is one 20 ms interval away, not free.
    assertThat(waited).isBetween(20 - millisSince(drainedAt), 20L);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_show_callers_of_every_instance_waiting_for_their_slot(String store) {
    List<QuotaStore> stores = store.equals("in-process") ? List.of(new InProcessQuotaStore(System::nanoTime, Duration.ZERO))
        : List.of(redisStore(store, 0, Duration.ZERO), redisStore(store, 1, Duration.ZERO), redisStore(store, 2, Duration.ZERO));
    Plan plan = new Plan("test", "waitersOp", "GET", 0.5, 1);
    Plan uncalled = new Plan("test", "uncalledOp", "GET", 0.5, 1);
    QuotaGate console = QuotaFixtures.gate(instances.get(0), stores.get(0), uncalled, plan);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    int callers = 5;
    List<Long> waits = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      // The decisions of callers spread over the instances; the callers would now wait on their timers.
      QuotaStore.Decision decision = await(stores.get(c % stores.size())
          .decide(QuotaGate.key(seller, plan), 1000 / plan.ratePerSecond(), plan.burst(), 60_000, Lane.NORMAL, NO_PLACE));
      assertThat(decision.granted()).isTrue();
      waits.add(decision.waitMillis());
    }

    JsonArray buckets = await(console.states(seller));
    JsonObject bucket = buckets.getJsonObject(0);

    long waitingCallers = waits.stream().filter(w -> w > 0).count();
    assertThat(waitingCallers).isEqualTo(callers - plan.burst());
    assertThat(buckets).as("only the buckets that exist").hasSize(1);
    assertThat(bucket.getString("operation")).isEqualTo(plan.operationId());
    assertThat(bucket.getInteger("waiting")).isEqualTo((int) waitingCallers);
    assertThat(bucket.getDouble("tokens")).isZero();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_say_whether_the_rate_in_force_is_the_tables_or_amazons(String store) {
    QuotaStore quotas = oneStore(store, Duration.ZERO);
    Plan plan = new Plan("test", "sourceOp", "GET", 2, 5);
    QuotaGate console = QuotaFixtures.gate(instances.get(0), quotas, plan);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    await(console.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis();
    JsonObject fromTable = await(console.states(seller)).getJsonObject(0);

    await(console.announced(seller, plan, 0.5));
    JsonObject fromAmazon = await(console.states(seller)).getJsonObject(0);

    assertThat(fromTable.getString("rateSource")).isEqualTo("table");
    assertThat(fromTable.getDouble("ratePerSecond")).isCloseTo(2, within(0.05));
    assertThat(fromAmazon.getString("rateSource")).isEqualTo("amazon");
    assertThat(fromAmazon.getDouble("ratePerSecond")).isCloseTo(0.5, within(0.01));
  }

  @Test
  void should_list_an_owners_buckets_in_one_look_up_without_scanning_the_keyspace() {
    // A Redis user that may neither SCAN nor KEYS: a listing that scanned would fail with NOPERM.
    String user = "spgate-noscan-" + UUID.randomUUID();
    await(clients.get("redis").get(0).send(Request.cmd(Command.ACL).arg("SETUSER").arg(user).arg("on").arg("nopass").arg("~*").arg("&*")
        .arg("+@all").arg("-scan").arg("-keys")));
    Redis restricted = Redis.createClient(instances.get(0), SharedStores.loopOptions("redis://" + user + ":any@127.0.0.1:6379"));
    try {
      QuotaStore store = new RedisQuotaStore(instances.get(0), restricted, RedisQuotaStore.Scripts.bundled(), Duration.ZERO);
      Plan getOrders = new Plan("orders", "getOrders", "GET", 0.01, 20);
      Plan getOrder = new Plan("orders", "getOrder", "GET", 0.01, 20);
      Plan uncalled = new Plan("orders", "getOrderItems", "GET", 0.01, 20);
      QuotaGate gate = QuotaFixtures.gate(instances.get(0), store, getOrders, uncalled, getOrder);
      QuotaOwner seller = QuotaFixtures.freshOwner();
      QuotaOwner sameSellerOtherApplication = QuotaOwner.sellingPartner(seller.tag(), "other", seller.region());
      await(gate.acquire(seller, getOrder, Duration.ZERO, Lane.NORMAL)).waitedMillis();
      await(gate.acquire(seller, getOrders, Duration.ZERO, Lane.NORMAL)).waitedMillis();
      await(gate.acquire(sameSellerOtherApplication, uncalled, Duration.ZERO, Lane.NORMAL)).waitedMillis();

      JsonArray buckets = await(gate.states(seller));

      assertThat(buckets.stream().map(b -> ((JsonObject) b).getString("operation"))).containsExactly("getOrders", "getOrder");
      assertThat(buckets.getJsonObject(0).getDouble("tokens")).isBetween(19.0, 19.1);
    } finally {
      restricted.close();
      await(clients.get("redis").get(0).send(Request.cmd(Command.ACL).arg("DELUSER").arg(user)));
    }
  }

  /** One store per instance and allowance, made once: each holds a connection per event loop of its client's few. */
  /** One store of the kind: in process, or the first instance's Redis store. */
  private QuotaStore oneStore(String store, Duration jitterAllowance) {
    return store.equals("in-process") ? new InProcessQuotaStore(System::nanoTime, jitterAllowance) : redisStore(store, 0, jitterAllowance);
  }

  /** Instance {@code instance}'s store over the server ({@code "redis"}) or the cluster ({@code "redis-cluster"}). */
  private QuotaStore redisStore(String store, int instance, Duration jitterAllowance) {
    RedisLayout layout = store.equals("redis-cluster") ? RedisLayout.CLUSTER : RedisLayout.SERVER;
    return redisStores.computeIfAbsent(store + "/" + instance + "/" + jitterAllowance, k -> warmedUp(new RedisQuotaStore(
        instances.get(instance), clients.get(store).get(instance), layout, RedisQuotaStore.Scripts.bundled(), jitterAllowance)));
  }

  /**
   * The store, its event loops' connections opened and its script known to every master it reaches
   * (decisions of many owners, asked from outside Vert.x, land on its loops in turn): the tests time
   * the decisions, not a connection's start.
   */
  private static QuotaStore warmedUp(QuotaStore store) {
    Plan plan = new Plan("test", "warmUpOp", "GET", 1, 1);
    await(Future.all(IntStream.range(0, 32).mapToObj(i -> store.decide(QuotaGate.key(QuotaFixtures.freshOwner(), plan), 1000, 1, 0,
        Lane.NORMAL, NO_PLACE)).toList()));
    return store;
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
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(await(gate.acquire(seller, slow, patient, Lane.NORMAL)).waitedMillis()).isBetween(300 - millisSince(slowStart), 300L);
    // Ten a second, burst 3: 300 ms would be three tokens; all but one of the burst are kept (200 ms), so only the first
    // call goes at once and the second waits for the next 100 ms of refill.
    assertThat(await(gate.acquire(seller, fast, patient, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(await(gate.acquire(seller, fast, patient, Lane.NORMAL)).waitedMillis()).isPositive().isLessThanOrEqualTo(100L);
    // A bucket of one keeps nothing back: Amazon's could not hold it.
    assertThat(await(gate.acquire(seller, single, patient, Lane.NORMAL)).waitedMillis()).isZero();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_let_a_call_leave_the_later_after_its_slot_the_fewer_tokens_were_left_for_it(String store) {
    QuotaStore quotas = oneStore(store, Duration.ofMillis(300));
    String key = QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "departOp", "GET", 1, 3));
    long start = System.nanoTime();

    // One a second, burst 3; Amazon's bucket keeps 300 ms of refill (0.3 token) more than ours; 150 ms are for the way there.
    List<QuotaStore.Decision> decided = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      decided.add(await(quotas.decide(key, 1000, 3, 60_000, Lane.NORMAL, NO_PLACE)));
    }
    QuotaStore.Decision single = await(quotas.decide(QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "oneOp", "GET", 1, 1)),
        1000, 1, 60_000, Lane.NORMAL, NO_PLACE));
    QuotaStore.Decision fast = await(quotas.decide(QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "fastOp", "GET", 5, 3)),
        200, 3, 60_000, Lane.NORMAL, NO_PLACE));
    QuotaStore noAllowance = oneStore(store, Duration.ZERO);
    QuotaStore.Decision unbounded = await(noAllowance.decide(QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "departOp",
        "GET", 1, 3)), 1000, 3, 60_000, Lane.NORMAL, NO_PLACE));
    long took = millisSince(start);

    assertThat(decided).extracting(QuotaStore.Decision::verdict).containsOnly(QuotaStore.Decision.Verdict.GO);
    // Into the full bucket: Amazon's holds only the allowance more, so the call leaves within the half left of it.
    assertThat(decided.get(0).leaveWithinMillis()).isEqualTo(150);
    // Our bucket had 1.7 tokens left: Amazon's at least 2, full only 1.3 intervals later.
    assertThat(decided.get(1).leaveWithinMillis()).isBetween(1150 - took, 1150L);
    // Calls that waited for their token (none left): Amazon's bucket is full only (burst − 0.3) intervals after their slot.
    assertThat(decided.get(2).waitMillis()).isPositive();
    assertThat(decided.subList(2, 4)).extracting(QuotaStore.Decision::leaveWithinMillis).allSatisfy(late -> assertThat(late)
        .as("rounded down").isBetween(1849L, 1850L));
    // A bucket of one token keeps nothing back: half the allowance, unguaranteed.
    assertThat(single.leaveWithinMillis()).isEqualTo(150);
    // Five a second, burst 3: Amazon's bucket keeps the whole allowance (300 ms, 1.5 tokens) more; half of it is the call's.
    assertThat(fast.leaveWithinMillis()).isEqualTo(150);
    // No allowance: nothing kept back, no departure bound.
    assertThat(unbounded.leaveWithinMillis()).isEqualTo(Long.MAX_VALUE);
    // Reaching Amazon: the other half of the keep-back more.
    assertThat(decided.get(0).arriveWithinMillis()).isEqualTo(300);
    assertThat(decided.subList(2, 4)).extracting(QuotaStore.Decision::arriveWithinMillis).allSatisfy(late -> assertThat(late)
        .isBetween(1999L, 2000L));
    assertThat(fast.arriveWithinMillis()).isEqualTo(300);
    assertThat(unbounded.arriveWithinMillis()).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void should_give_up_the_refill_amazon_may_have_lost_to_a_call_that_arrived_late_one_token_at_most(String store) {
    QuotaStore quotas = oneStore(store, Duration.ofMillis(300));
    String late = QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "lateOp", "GET", 1, 3));
    String later = QuotaGate.key(QuotaFixtures.freshOwner(), new Plan("test", "laterOp", "GET", 1, 3));
    long start = System.nanoTime();

    // One a second, burst 3, 0.3 token kept back: 2.7 tokens, then 1.7 after one call.
    await(quotas.decide(late, 1000, 3, 60_000, Lane.NORMAL, NO_PLACE));
    await(quotas.arrivedLate(late, 1000, 400));
    await(quotas.decide(later, 1000, 3, 60_000, Lane.NORMAL, NO_PLACE));
    await(quotas.arrivedLate(later, 1000, 5_000));
    double tokens = await(quotas.state(late, 1000, 3)).tokens();
    double tokensLater = await(quotas.state(later, 1000, 3)).tokens();
    double refilled = millisSince(start) / 1000.0;

    assertThat(tokens).as("0.4 token given up").isBetween(1.3 - 0.01, 1.3 + refilled + 0.01);
    assertThat(tokensLater).as("one token at most").isBetween(0.7 - 0.01, 0.7 + refilled + 0.01);
  }

  Stream<String> redisStoreKinds() {
    return Stream.of("redis", "redis-cluster");
  }

  @ParameterizedTest
  @MethodSource("redisStoreKinds")
  void should_reload_its_script_when_redis_forgot_it(String store) {
    QuotaGate gate = gates(store).get(0);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "flushOp", "GET", 0.1, 2);
    await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis();

    if (store.equals("redis-cluster")) {
      TestRedisCluster.shared().onEveryNode(Request.cmd(Command.SCRIPT).arg("FLUSH"));
    } else {
      await(clients.get(store).get(0).send(Request.cmd(Command.SCRIPT).arg("FLUSH")));
    }

    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
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
