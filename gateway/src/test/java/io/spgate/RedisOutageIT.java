package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.LwaApplication;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three instances sharing one Postgres and a Redis of the test's own serve pass-through calls while
 * that Redis is killed and restarted, then stopped (SIGSTOP: connections open, nothing answered) and
 * continued, each time for longer than a token lives: quotas and tokens go on in process, and
 * return to Redis without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageIT {

  private static final int LIFETIME_S = 10;
  /** Renewal 1-1.5 s before expiry: a renewal comes about once a lifetime, in process once per instance. */
  private static final String LEAD = "1s";
  private static final int INSTANCES = 3;
  private static final int SELLERS = 6;
  private static final String PARTICIPATIONS = "/sp-api/sellers/v1/marketplaceParticipations";

  private Vertx vertx;
  private TestRedisServer redis;
  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private final List<TestGateway> instances = new ArrayList<>();
  private List<Seller> sellers;
  private String tenantKey;

  @BeforeAll
  void start() throws IOException {
    vertx = Vertx.vertx();
    redis = TestRedisServer.start(vertx);
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(SELLERS).quotas(false).tokenLifetimeSeconds(LIFETIME_S));
    postgres = TestPostgres.create();
    Map<String, String> settings = amazon.gatewaySettings(postgres, Map.of(
        "SPGATE_REDIS_URL", redis.url(), "SPGATE_APPLICATIONS_FILE", applicationsFile().toString(),
        "SPGATE_TOKEN_REFRESH_LEAD", LEAD, "SPGATE_TOKEN_MIN_REMAINING", "500ms", "SPGATE_HTTP_INSTANCES", "1"));
    for (int i = 0; i < INSTANCES; i++) {
      instances.add(TestGateway.start(settings));
    }
    sellers = amazon.registerSellers(instances.get(0), "Outage");
    tenantKey = await(instances.get(0).client.post("/v1/tenants/" + sellers.get(0).tenantId() + "/keys")
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:read")))).bodyAsJsonObject().getString("key");
  }

  @AfterAll
  void stop() {
    instances.forEach(TestGateway::close);
    if (postgres != null) {
      postgres.close();
    }
    if (amazon != null) {
      amazon.close();
    }
    redis.close();
    await(vertx.close());
  }

  @Test
  void should_answer_every_call_from_amazon_and_refresh_at_most_once_per_instance_while_redis_is_killed_or_hung() throws Exception {
    Map<String, Long> refreshesBefore = new ConcurrentHashMap<>();
    sellers.forEach(s -> refreshesBefore.put(s.sellingPartnerId(), refreshes(s)));
    Traffic traffic = new Traffic();
    long started = System.nanoTime();
    traffic.start();

    // Healthy for a lifetime, then killed for longer than one: every token in use expires and is renewed meanwhile.
    await(after(Duration.ofSeconds(LIFETIME_S)));
    redis.kill();
    assertThat(await(untilReady(ready -> ready.getString("status").equals("DEGRADED")
        && ready.getJsonObject("checks").getString("quotas").equals("in_process_fallback")
        && ready.getJsonObject("checks").getString("tokens").equals("in_process_fallback")))).as("degraded while Redis is gone").isTrue();
    await(after(Duration.ofSeconds(LIFETIME_S + 2)));
    redis.restart();
    assertThat(await(untilReady(ready -> ready.getString("status").equals("UP")))).as("back on Redis, no restart").isTrue();

    // Hung: connections stay open and nothing is answered, again for longer than a token lives.
    await(after(Duration.ofSeconds(LIFETIME_S)));
    redis.stop();
    try {
      assertThat(await(untilReady(ready -> ready.getString("status").equals("DEGRADED")))).as("degraded while Redis hangs").isTrue();
      await(after(Duration.ofSeconds(LIFETIME_S + 2)));
    } finally {
      redis.resume();
    }
    assertThat(await(untilReady(ready -> ready.getString("status").equals("UP")))).as("back on Redis after it hung").isTrue();
    await(after(Duration.ofSeconds(LIFETIME_S / 2)));
    Map<Integer, AtomicInteger> statuses = await(traffic.stop());
    double lifetimes = (System.nanoTime() - started) / 1e9 / LIFETIME_S;

    assertThat(statuses.keySet()).as("statuses; other answers: %s", traffic.others).containsOnly(200);
    assertThat(statuses.get(200).get()).isGreaterThan(1_000);
    assertThat(traffic.notFromAmazon.get()).as("200s without Amazon's x-amzn-RequestId").isZero();
    // In process, each instance refreshes a seller once per lifetime; on Redis, one of them does.
    for (Seller seller : sellers) {
      assertThat(refreshes(seller) - refreshesBefore.get(seller.sellingPartnerId())).as("LWA refreshes of %s in %.1f lifetimes",
          seller.sellingPartnerId(), lifetimes).isLessThanOrEqualTo((long) Math.ceil(INSTANCES * lifetimes));
    }
  }

  private long refreshes(Seller seller) {
    int index = sellers.indexOf(seller);
    return amazon.simulator.lwaCounters().callsWithRefreshToken(amazon.simulator.sellers().get(index).refreshToken());
  }

  /** Every 100 ms one pass-through call per seller, until stopped; each seller through the next instance each time. */
  private final class Traffic {
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final List<String> others = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger notFromAmazon = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger tick = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Promise<Map<Integer, AtomicInteger>> done = Promise.promise();
    private long timer;

    void start() {
      timer = vertx.setPeriodic(100, id -> {
        int round = tick.getAndIncrement();
        for (int i = 0; i < sellers.size(); i++) {
          call(sellers.get(i), instances.get((round + i) % INSTANCES));
        }
      });
    }

    Future<Map<Integer, AtomicInteger>> stop() {
      vertx.cancelTimer(timer);
      stopping.set(true);
      if (pending.get() == 0) {
        done.tryComplete(statuses);
      }
      return done.future();
    }

    private void call(Seller seller, TestGateway instance) {
      pending.incrementAndGet();
      instance.client.get("/v1/sellers/" + seller.id() + PARTICIPATIONS).timeout(30_000)
          .putHeader("Authorization", "Bearer " + tenantKey).send()
          .onComplete(answer -> {
            int status = answer.succeeded() ? answer.result().statusCode() : -1;
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            if (status == 200 && answer.result().getHeader("x-amzn-RequestId") == null) {
              notFromAmazon.incrementAndGet();
            } else if (status != 200 && others.size() < 10) {
              others.add(answer.succeeded() ? status + " " + answer.result().bodyAsString() : answer.cause().toString());
            }
            if (pending.decrementAndGet() == 0 && stopping.get()) {
              done.tryComplete(statuses);
            }
          });
    }
  }

  /** Whether every instance's readiness came to match within 30 s (asked again 200 ms after each answer). */
  private Future<Boolean> untilReady(Predicate<JsonObject> wanted) {
    return untilReady(wanted, System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
  }

  private Future<Boolean> untilReady(Predicate<JsonObject> wanted, long deadline) {
    return Future.all(instances.stream()
            .map(instance -> instance.client.get("/health/ready").timeout(5_000).send().map(r -> wanted.test(r.bodyAsJsonObject()))
                .otherwise(false))
            .toList())
        .compose(answers -> {
          boolean all = answers.<Boolean>list().stream().allMatch(Boolean::booleanValue);
          return all || System.nanoTime() > deadline ? Future.succeededFuture(all)
              : after(Duration.ofMillis(200)).compose(v -> untilReady(wanted, deadline));
        });
  }

  private Future<Void> after(Duration wait) {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(wait.toMillis(), id -> waited.complete());
    return waited.future();
  }

  /** The simulator's application with a rate far above the test's calls: the quota never holds them back, even in process. */
  private Path applicationsFile() throws IOException {
    LwaApplication app = amazon.simulator.applications().get(0);
    Path file = Files.createTempFile("spgate-outage-applications", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(file, new JsonArray().add(new JsonObject().put("id", "main").put("applicationId", app.applicationId())
        .put("clientId", app.clientId()).put("clientSecret", app.clientSecret())
        .put("rates", new JsonObject().put("getMarketplaceParticipations", new JsonObject().put("ratePerSecond", 100).put("burst", 100))))
        .encode());
    return file;
  }
}
