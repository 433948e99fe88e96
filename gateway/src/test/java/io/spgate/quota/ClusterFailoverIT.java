package io.spgate.quota;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestRedisCluster;
import io.spgate.store.RedisLayout;
import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A master of a Redis Cluster killed under steady quota traffic over many sellers' buckets (on every
 * master): its replica is promoted, and no restart is needed for decisions to return to Redis; with
 * cluster-require-full-coverage no (as the README asks) and with Redis's default.
 */
class ClusterFailoverIT {

  private static final int SELLERS = 30;
  private static final int CALLERS_PER_BUCKET = 3;
  /** Ten a second, burst 4: one burst more is four calls; the check's slack is half a token. */
  private static final Plan PLAN = new Plan("test", "clusterFailoverOp", "GET", 10, 4);
  /** A grant is seen when its answer comes: on this shared machine, some come tens of milliseconds late. */
  private static final long SLACK_MILLIS = 50;
  /**
   * A decision this long was held up by the cluster, not by this machine: Redis elects a replica at least half a second after
   * its master is found failed, and a whole cluster refusing commands stalls them for that long.
   */
  private static final long STALLED_MILLIS = 300;
  private static final long PROBE_EVERY_MILLIS = 20;

  private Vertx vertx;
  private TestRedisCluster cluster;
  private Redis client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    cluster = TestRedisCluster.start(vertx);
    client = Redis.createClient(vertx, SharedStores.loopOptions(cluster.urls()));
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
    await(vertx.close());
  }

  @Test
  void should_let_through_at_most_one_burst_more_per_bucket_of_a_killed_master_and_none_more_elsewhere() throws Exception {
    FailOver run = failOverUnderTraffic();

    assertThat(run.inProcess().keys()).as("buckets decided in process").isNotEmpty().isSubsetOf(run.onKilledMaster());
    run.assertWithinQuota(key -> run.onKilledMaster().contains(key) ? PLAN.burst() : 0);
  }

  /**
   * Redis's default, cluster-require-full-coverage yes (the README asks for no): from the master's death until its replica is
   * promoted every node refuses every command (CLUSTERDOWN). Vert.x's cluster client retries those with a backoff, so the
   * decisions of buckets on the masters still up wait out that window (or, past the store's answer timeout, are made in
   * process). Either way every bucket still lets through at most one burst more, and no call is refused.
   */
  @Test
  void should_hold_every_bucket_to_one_burst_more_while_a_cluster_requiring_full_coverage_is_down() throws Exception {
    cluster.onEveryNode(Request.cmd(Command.CONFIG).arg("SET").arg("cluster-require-full-coverage").arg("yes"));

    FailOver run = failOverUnderTraffic();

    boolean othersFellBack = run.inProcess().keys().stream().anyMatch(key -> !run.onKilledMaster().contains(key));
    assertThat(othersFellBack || run.longestOtherDecisionMillis() >= STALLED_MILLIS)
        .as("the masters still up stopped deciding meanwhile (their longest decision took %d ms)", run.longestOtherDecisionMillis())
        .isTrue();
    run.assertWithinQuota(key -> PLAN.burst());
  }

  /**
   * What a failover under traffic left: the buckets of the killed master, those decided in process, every grant's slot, and
   * the longest a decision took for a bucket on a master still up while the killed one was gone.
   */
  private record FailOver(Set<String> onKilledMaster, Set<String> allKeys, CountingQuotaStore inProcess, CountingQuotaStore decided,
      long longestOtherDecisionMillis) {

    void assertWithinQuota(ToIntFunction<String> mostBeyond) {
      for (String key : allKeys) {
        List<Long> slots = new ArrayList<>(decided.grantedSlots().get(key));
        Collections.sort(slots);
        assertThat(QuotaFixtures.mostGrantsBeyondQuota(slots, PLAN, SLACK_MILLIS)).as("calls beyond the quota, %s bucket %s",
            onKilledMaster.contains(key) ? "failed-over" : "untouched", key).isLessThanOrEqualTo(mostBeyond.applyAsInt(key));
      }
    }
  }

  /**
   * Steady traffic over buckets on every master; one master killed; its replica promoted. Checks what holds whatever the
   * cluster's settings: readiness follows the cluster, decisions return to Redis without a restart, and no call is refused.
   */
  private FailOver failOverUnderTraffic() throws Exception {
    CountingQuotaStore inProcess = new CountingQuotaStore(new InProcessQuotaStore(System::nanoTime, Duration.ZERO));
    // One instance deciding in process at the whole rate: the most a fallback lets through.
    FailoverQuotaStore store = new FailoverQuotaStore(new RedisQuotaStore(vertx, client, RedisLayout.CLUSTER,
        RedisQuotaStore.Scripts.bundled(), Duration.ZERO), RedisLayout.CLUSTER, inProcess, 1.0, System::nanoTime);
    CountingQuotaStore decided = new CountingQuotaStore(store);
    QuotaGate gate = QuotaFixtures.gate(vertx, decided);
    List<QuotaOwner> sellers = IntStream.range(0, SELLERS).mapToObj(i -> QuotaFixtures.freshOwner()).toList();
    Map<String, Integer> masterOf = new ConcurrentHashMap<>();
    sellers.forEach(seller -> masterOf.put(QuotaGate.key(seller, PLAN), cluster.masterOf(QuotaGate.key(seller, PLAN))));
    assertThat(Set.copyOf(masterOf.values())).as("buckets on every master").containsExactlyInAnyOrderElementsOf(cluster.masters());
    int killed = masterOf.get(QuotaGate.key(sellers.get(0), PLAN));
    Set<String> onKilledMaster = masterOf.keySet().stream().filter(key -> masterOf.get(key) == killed).collect(Collectors.toSet());

    // Connections opened and the script loaded on every master first: the windows measure decisions, not a start.
    await(Future.all(IntStream.range(0, 32).mapToObj(i -> store.decide(QuotaGate.key(QuotaFixtures.freshOwner(), PLAN), 100, 4, 0,
        Lane.NORMAL, QuotaStore.NO_PLACE)).toList()));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    List<Future<Void>> callers = new ArrayList<>();
    for (QuotaOwner seller : sellers) {
      for (int c = 0; c < CALLERS_PER_BUCKET; c++) {
        callers.add(call(gate, seller, running, refused));
      }
    }
    await(vertx.timer(1_500));
    assertThat(inProcess.keys()).as("decided in process before the kill").isEmpty();

    SharedStores stores = SharedStores.create(vertx, cluster.urls().stream().map(URI::create).toList());
    boolean readyBefore = await(stores.ping().map(true).otherwise(false));
    String otherKey = IntStream.range(0, 1_000).mapToObj(i -> QuotaGate.key(QuotaFixtures.freshOwner(), PLAN))
        .filter(key -> cluster.masterOf(key) != killed).findFirst().orElseThrow();
    AtomicBoolean probing = new AtomicBoolean(true);
    AtomicLong longestOther = new AtomicLong();
    Future<Void> probe = probe(store, otherKey, probing, longestOther);
    cluster.kill(killed);
    // Unready once the other nodes find the master gone (a node timeout), until its replica is promoted.
    boolean readyWithoutMaster = !Eventually.holds(vertx, () -> !await(stores.ping().map(true).otherwise(false)));
    cluster.awaitPromotion();
    probing.set(false);
    await(probe);
    boolean readyAgain = Eventually.holds(vertx, () -> await(stores.ping().map(true).otherwise(false)));
    stores.close();
    boolean backInRedis = Eventually.holds(vertx, () -> !store.degraded());
    int inProcessAtRecovery = inProcess.answered();
    // A second of traffic decided by Redis alone, the promoted replica included.
    await(vertx.timer(1_000));
    running.set(false);
    await(Future.all(callers));

    assertThat(List.of(readyBefore, readyWithoutMaster, readyAgain)).as("readiness ping before, with the master gone, after promotion")
        .containsExactly(true, false, true);
    assertThat(backInRedis).as("decisions back in Redis without a restart").isTrue();
    assertThat(inProcess.answered()).as("decisions in process after recovery").isEqualTo(inProcessAtRecovery);
    assertThat(refused.get()).as("calls refused").isZero();
    return new FailOver(onKilledMaster, masterOf.keySet(), inProcess, decided, longestOther.get());
  }

  /** Asks for a decision on {@code key} (a rate no call waits for) again and again while {@code probing}, keeping the longest. */
  private Future<Void> probe(QuotaStore store, String key, AtomicBoolean probing, AtomicLong longest) {
    if (!probing.get()) {
      return Future.succeededFuture();
    }
    long asked = System.nanoTime();
    return store.decide(key, 1, 1_000, 0, Lane.NORMAL, QuotaStore.NO_PLACE).transform(decided -> {
      longest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked), Math::max);
      return vertx.timer(PROBE_EVERY_MILLIS).compose(t -> probe(store, key, probing, longest));
    });
  }

  /** Calls for a slot (waiting up to 2 s for it) again and again while {@code running}. */
  private Future<Void> call(QuotaGate gate, QuotaOwner seller, AtomicBoolean running, AtomicInteger refused) {
    if (!running.get()) {
      return Future.succeededFuture();
    }
    return gate.acquire(seller, PLAN, Duration.ofSeconds(2), Lane.NORMAL).transform(granted -> {
      if (granted.failed()) {
        refused.incrementAndGet();
      }
      return call(gate, seller, running, refused);
    });
  }
}
