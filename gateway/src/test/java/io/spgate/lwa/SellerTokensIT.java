package io.spgate.lwa;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.http.ApiException;
import io.spgate.overview.ActivityLog;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tests share one simulator, so they run in order, the ones that break LWA last.
 *
 * Three gateway instances sharing one Redis keep many sellers' tokens fresh against the
 * simulator with short-lived tokens: no call carries an expired token, and LWA sees one refresh
 * per seller per renewal, not one per instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SellerTokensIT {

  private static final int LIFETIME_S = 8;
  private static final double LEAD_S = 3;
  private static final int SELLERS = 12;

  private SimulatedAmazon amazon;
  private Vertx vertx;
  private SpApiSimulator simulator;
  private TestPostgres postgres;
  private final List<TestGateway> instances = new ArrayList<>();
  private final List<Seller> sellers = new ArrayList<>();
  private final Map<UUID, String> refreshTokens = new ConcurrentHashMap<>();
  private WebClient client;
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(SELLERS + 10).quotas(false).tokenLifetimeSeconds(LIFETIME_S));
    vertx = amazon.vertx;
    simulator = amazon.simulator;
    postgres = TestPostgres.create();
    Map<String, String> settings = amazon.gatewaySettings(postgres, Map.of("SPGATE_REDIS_URL", redisUrl(),
        "SPGATE_TOKEN_REFRESH_LEAD", (long) (LEAD_S * 1000) + "ms", "SPGATE_TOKEN_MIN_REMAINING", "1s", "SPGATE_HTTP_INSTANCES", "1"));
    for (int i = 0; i < 3; i++) {
      instances.add(TestGateway.start(settings));
    }
    sellers.addAll(amazon.registerSellers(instances.get(0), "Tokens"));
    for (int i = 0; i < sellers.size(); i++) {
      refreshTokens.put(sellers.get(i).id(), simulator.sellers().get(i).refreshToken());
    }
    client = WebClient.create(vertx);
  }

  /** The Redis the instances share: the one server here; a cluster in {@link ClusterSellerTokensIT}. */
  String redisUrl() {
    return "redis://127.0.0.1:6379";
  }

  @AfterAll
  void stop() {
    instances.forEach(TestGateway::close);
    postgres.close();
    amazon.close();
  }

  @Test
  @Order(1)
  void should_never_send_an_expired_token_and_refresh_once_per_renewal_across_instances() {
    List<Seller> traffic = sellers.subList(0, SELLERS);
    Duration run = Duration.ofSeconds(30);
    long expiredBefore = simulator.expiredTokenCalls();
    Map<UUID, Long> refreshesBefore = new ConcurrentHashMap<>();
    traffic.forEach(s -> refreshesBefore.put(s.id(), simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(s.id()))));

    Map<Integer, AtomicInteger> statuses = await(drive(traffic, run, Duration.ofMillis(20)));

    assertThat(statuses.keySet()).as("failures: %s", failures).containsOnly(200);
    assertThat(statuses.get(200).get()).isGreaterThan(1000);
    assertThat(simulator.expiredTokenCalls() - expiredBefore).isZero();
    // One instance renews each token once, (lifetime - lead - jitter) seconds after it was issued.
    long mostExpected = (long) Math.ceil(run.toSeconds() / (LIFETIME_S - LEAD_S * 1.5)) + 1;
    long leastExpected = run.toSeconds() / LIFETIME_S;
    for (Seller seller : traffic) {
      long refreshes = simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(seller.id())) - refreshesBefore.get(seller.id());
      assertThat(refreshes).as("LWA refreshes of " + seller.sellingPartnerId()).isBetween(leastExpected, mostExpected);
    }
    Seller stored = await(instances.get(0).gateway.services().sellers().byId(traffic.get(0).id())).orElseThrow();
    assertThat(stored.tokenHealth().lastRefreshAt()).isPresent();
    assertThat(stored.tokenHealth().expiresAt()).isPresent();
  }

  @Test
  @Order(2)
  void should_keep_the_token_another_instance_just_fetched_when_amazon_rejects_the_one_it_replaced() {
    Seller seller = sellers.get(SELLERS + 3);
    SellerTokens first = instances.get(0).gateway.services().sellerTokens();
    SellerTokens second = instances.get(1).gateway.services().sellerTokens();
    String rejected = await(first.accessToken(seller));
    assertThat(await(second.accessToken(seller))).isEqualTo(rejected);
    long lwaCallsBefore = simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(seller.id()));

    String renewed = await(first.afterRejection(seller, rejected));
    String retried = await(second.afterRejection(seller, rejected));

    assertThat(renewed).isNotEqualTo(rejected);
    assertThat(retried).isEqualTo(renewed);
    assertThat(simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(seller.id())) - lwaCallsBefore).isEqualTo(1);
  }

  @Test
  @Order(3)
  void should_stop_renewing_a_seller_once_it_is_no_longer_used() {
    Seller seller = sellers.get(SELLERS + 4);
    // Idle after 6 s, longer than one renewal period (4-5.3 s of an 8 s token): a renewal must not count as a use.
    SellerTokens tokens = tokensOf(instances.get(0), Duration.ofSeconds(6), SellerTokens.MAX_HELD);
    await(tokens.accessToken(seller));

    boolean forgotten = await(until(() -> !tokens.holds(seller.id()), Duration.ofSeconds(LIFETIME_S * 3)));

    assertThat(forgotten).as("the token of a seller idle for longer than idleAfter is let go").isTrue();
  }

  @Test
  @Order(4)
  void should_forget_the_token_and_timer_of_a_deleted_seller() {
    Seller seller = sellers.get(SELLERS + 5);
    SellerTokens tokens = tokensOf(instances.get(0), Duration.ofHours(1), SellerTokens.MAX_HELD);
    await(tokens.accessToken(seller));
    assertThat(await(instances.get(0).gateway.services().sellers().delete(seller.tenantId(), seller.id()))).isTrue();

    boolean forgotten = await(until(() -> !tokens.holds(seller.id()), Duration.ofSeconds(LIFETIME_S * 2)));

    assertThat(forgotten).isTrue();
  }

  @Test
  @Order(5)
  void should_hold_and_renew_no_more_sellers_than_its_bound() {
    List<Seller> used = sellers.subList(SELLERS + 6, SELLERS + 10);
    SellerTokens tokens = tokensOf(instances.get(0), Duration.ofHours(1), 2);
    for (Seller seller : used) {
      await(tokens.accessToken(seller));
    }
    Map<Seller, Long> before = new java.util.HashMap<>();
    used.forEach(s -> before.put(s, simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(s.id()))));
    List<Seller> kept = used.stream().filter(s -> tokens.holds(s.id())).toList();
    assertThat(tokens.heldCount()).isLessThanOrEqualTo(2);
    assertThat(kept).isNotEmpty();

    // Two renewals of the kept ones end after every first renewal would have come (all four were fetched together).
    boolean renewedTwice = await(until(() -> kept.stream().allMatch(s ->
        simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(s.id())) - before.get(s) >= 2),
        Duration.ofSeconds(LIFETIME_S * 3)));

    assertThat(renewedTwice).isTrue();
    for (Seller evicted : used.stream().filter(s -> !kept.contains(s)).toList()) {
      assertThat(simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(evicted.id())))
          .as("an evicted seller's renewal timer is cancelled").isEqualTo(before.get(evicted));
    }
  }

  @Test
  @Order(6)
  void should_mark_the_seller_reauth_required_on_invalid_grant_and_fail_fast() {
    Seller seller = sellers.get(SELLERS);
    SellerTokens tokens = instances.get(1).gateway.services().sellerTokens();
    assertThat(await(tokens.accessToken(seller))).isNotBlank();
    simulator.revokeRefreshToken(refreshTokens.get(seller.id()));

    Seller updated = await(untilStatus(seller.id(), Seller.Status.REAUTH_REQUIRED, Duration.ofSeconds(LIFETIME_S * 2)));
    long lwaCallsAfter = simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(seller.id()));
    Future<String> refused = tokens.accessToken(updated);

    assertThat(updated.tokenHealth().lastError()).hasValueSatisfying(e -> assertThat(e).contains("invalid_grant"));
    assertThat(refused.failed()).isTrue();
    assertThat(((ApiException) refused.cause()).problem().code()).isEqualTo("seller_reauth_required");
    assertThat(simulator.lwaCounters().callsWithRefreshToken(refreshTokens.get(seller.id()))).isEqualTo(lwaCallsAfter);
    // Its tenant hears it once, however many refreshes failed.
    io.vertx.core.json.JsonArray told = await(instances.get(0).client.get("/v1/events").addQueryParam("tenantId", seller.tenantId().toString())
        .addQueryParam("type", "seller.reauthorization_required").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send())
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(told.stream().filter(e -> ((io.vertx.core.json.JsonObject) e).getString("resourceId").equals(seller.id().toString())))
        .hasSize(1);
  }

  @Test
  @Order(7)
  void should_keep_serving_a_valid_token_through_a_short_lwa_outage() {
    Seller seller = sellers.get(SELLERS + 1);
    long expiredBefore = simulator.expiredTokenCalls();
    await(instances.get(2).gateway.services().sellerTokens().accessToken(seller));
    // The outage covers the renewal, due 4-5.3 s into the token's 8 s life (the 3 s lead is clamped to a third of it); retries
    // must land after it.
    simulator.lwaOutage(Duration.ofMillis(5_500), false);
    AtomicBoolean sawRefreshFailure = new AtomicBoolean();
    long watcher = vertx.setPeriodic(100, id -> instances.get(0).gateway.services().sellers().byId(seller.id())
        .onSuccess(found -> found.flatMap(s -> s.tokenHealth().lastError())
            .filter(e -> e.contains("temporarily_unavailable")).ifPresent(e -> sawRefreshFailure.set(true))));

    Map<Integer, AtomicInteger> statuses = await(drive(List.of(seller), Duration.ofSeconds(LIFETIME_S + 4), Duration.ofMillis(100)));
    vertx.cancelTimer(watcher);

    assertThat(statuses.keySet()).as("failures: %s", failures).containsOnly(200);
    assertThat(sawRefreshFailure).isTrue();
    assertThat(simulator.expiredTokenCalls() - expiredBefore).isZero();
    Seller stored = await(instances.get(2).gateway.services().sellers().byId(seller.id())).orElseThrow();
    assertThat(stored.status()).isEqualTo(Seller.Status.ACTIVE);
    assertThat(stored.tokenHealth().lastError()).isEmpty();
  }

  @Test
  @Order(8)
  void should_fail_clearly_when_lwa_is_down_and_no_token_is_held() {
    Seller untouched = sellers.get(SELLERS + 2);
    simulator.lwaOutage(Duration.ofSeconds(3), false);

    Future<String> refused = instances.get(1).gateway.services().sellerTokens().accessToken(untouched);
    Throwable failure = await(refused.transform(result -> Future.succeededFuture(result.cause())));

    assertThat(failure).isInstanceOf(ApiException.class);
    assertThat(((ApiException) failure).problem().status()).isEqualTo(503);
    assertThat(((ApiException) failure).problem().code()).isEqualTo("lwa_unavailable");
    assertThat(failure.getMessage()).doesNotContain(refreshTokens.get(untouched.id()));
  }

  /** Seller tokens of the instance's own, with its own in-process cache: LWA sees each of its refreshes. */
  private SellerTokens tokensOf(TestGateway instance, Duration idleAfter, int maxHeld) {
    Vertx gatewayVertx = instance.gateway.vertx();
    var services = instance.gateway.services();
    return new SellerTokens(gatewayVertx, new SharedTokens(gatewayVertx, new InProcessTokenCache(Clock.systemUTC()), Clock.systemUTC()),
        services.lwa(), services.sellers(), services.applications(), Clock.systemUTC(),
        new TokenPolicy(Duration.ofMillis((long) (LEAD_S * 1000)), Duration.ofSeconds(1), idleAfter),
        new ActivityLog(System::currentTimeMillis), new RefreshMetrics(new SimpleMeterRegistry()), maxHeld);
  }

  /** Whether {@code condition} held within {@code limit}, checked every 100 ms. */
  private Future<Boolean> until(java.util.function.BooleanSupplier condition, Duration limit) {
    Promise<Boolean> reached = Promise.promise();
    long deadline = System.nanoTime() + limit.toNanos();
    vertx.setPeriodic(100, id -> {
      if (condition.getAsBoolean() || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        reached.tryComplete(condition.getAsBoolean());
      }
    });
    return reached.future();
  }

  /** Calls getMarketplaceParticipations for the sellers in turn, through the instances in turn, for {@code run}. */
  private Future<Map<Integer, AtomicInteger>> drive(List<Seller> traffic, Duration run, Duration every) {
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    failures.clear();
    Promise<Map<Integer, AtomicInteger>> done = Promise.promise();
    AtomicInteger turn = new AtomicInteger();
    AtomicInteger pending = new AtomicInteger();
    long deadline = System.nanoTime() + run.toNanos();
    long timer = vertx.setPeriodic(every.toMillis(), id -> {
      if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        if (pending.get() == 0) {
          done.tryComplete(statuses);
        }
        return;
      }
      for (int i = 0; i < Math.max(1, traffic.size() / 4); i++) {
        int n = turn.getAndIncrement();
        Seller seller = traffic.get(n % traffic.size());
        SellerTokens tokens = instances.get(n % instances.size()).gateway.services().sellerTokens();
        pending.incrementAndGet();
        tokens.accessToken(seller)
            .compose(token -> client.getAbs(simulator.baseUrl() + "/sellers/v1/marketplaceParticipations")
                .putHeader("x-amz-access-token", token).send())
            .onComplete(result -> {
              int status = result.succeeded() ? result.result().statusCode() : -1;
              if (result.failed()) {
                failures.add(result.cause().getMessage());
              }
              statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
              if (pending.decrementAndGet() == 0 && System.nanoTime() > deadline) {
                done.tryComplete(statuses);
              }
            });
      }
    });
    return done.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  private Future<Seller> untilStatus(UUID sellerId, Seller.Status status, Duration limit) {
    Promise<Seller> reached = Promise.promise();
    long deadline = System.nanoTime() + limit.toNanos();
    vertx.setPeriodic(100, id -> instances.get(0).gateway.services().sellers().byId(sellerId).onSuccess(found -> {
      if (found.orElseThrow().status() == status) {
        vertx.cancelTimer(id);
        reached.tryComplete(found.get());
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        reached.tryFail("seller " + sellerId + " did not reach " + status + " within " + limit);
      }
    }));
    return reached.future();
  }
}
