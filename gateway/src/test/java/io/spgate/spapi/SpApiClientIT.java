package io.spgate.spapi;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.Gateway;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.http.ApiException;
import io.spgate.lwa.GrantlessTokens;
import io.spgate.lwa.InProcessTokenCache;
import io.spgate.lwa.RefreshMetrics;
import io.spgate.lwa.SellerTokens;
import io.spgate.lwa.SharedTokens;
import io.spgate.lwa.TokenPolicy;
import io.spgate.overview.ActivityLog;
import io.spgate.quota.InProcessQuotaStore;
import io.spgate.quota.QuotaFixtures;
import io.spgate.quota.Rate;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The internal SP-API client against the simulator: RDTs for restricted calls, grantless tokens, reactive refresh. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpApiClientIT {

  private SimulatedAmazon amazon;
  private Vertx vertx;
  private SpApiSimulator simulator;
  private TestPostgres postgres;
  private TestGateway gw;
  private Gateway.Services services;
  private final List<Seller> sellers = new ArrayList<>();

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(4).quotas(false));
    vertx = amazon.vertx;
    simulator = amazon.simulator;
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    services = gw.gateway.services();
    sellers.addAll(amazon.registerSellers(gw, "Client"));
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_use_one_cached_restricted_data_token_for_restricted_calls() {
    Seller seller = sellers.get(0);
    String orderId = firstOrderId(seller);
    String addressPath = "/orders/v0/orders/" + orderId + "/address";

    SpApiResult first = await(send(services.spApi(), seller, SpApiRequest.get(addressPath)));
    SpApiResult second = await(send(services.spApi(), seller, SpApiRequest.get(addressPath)));
    SpApiResult withBuyerInfo = await(send(services.spApi(), seller,
        SpApiRequest.get("/orders/v0/orders/" + orderId).withDataElements(List.of("buyerInfo"))));
    String accessToken = await(services.sellerTokens().accessToken(seller));
    HttpResponse<Buffer> withoutRdt = await(WebClient.create(vertx).getAbs(simulator.baseUrl() + addressPath)
        .putHeader("x-amz-access-token", accessToken).send());

    assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(withBuyerInfo.status()).as(withBuyerInfo.body().toString()).isEqualTo(200);
    assertThat(withoutRdt.statusCode()).isEqualTo(403);
    assertThat(simulator.stats().count(simulator.sellers().get(0).sellerId(), "createRestrictedDataToken", "2xx")).isEqualTo(2);
  }

  @Test
  void should_show_a_sellers_buckets_after_its_calls() {
    Seller seller = sellers.get(2);
    SpApiRequest participations = SpApiRequest.get("/sellers/v1/marketplaceParticipations");
    long start = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertThat(await(send(services.spApi(), seller, participations)).status()).isEqualTo(200);
    }

    HttpResponse<Buffer> shown = await(gw.client.get("/v1/quotas").addQueryParam("sellerId", seller.id().toString())
        .addQueryParam("tenantId", seller.tenantId().toString()).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
    HttpResponse<Buffer> otherTenant = await(gw.client.get("/v1/quotas").addQueryParam("sellerId", seller.id().toString())
        .addQueryParam("tenantId", UUID.randomUUID().toString()).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());

    assertThat(shown.statusCode()).as(shown.bodyAsString()).isEqualTo(200);
    JsonObject bucket = shown.bodyAsJsonObject().getJsonArray("operations").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("operation").equals("getMarketplaceParticipations")).findFirst().orElseThrow();
    assertThat(bucket.getInteger("burst")).isEqualTo(15);
    // 15 in Amazon's bucket less 500 ms of refill kept against jitter (0.008 token), 3 used, and refill since the first.
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(bucket.getDouble("tokens")).isBetween(11.9, 11.993 + 0.016 * seconds);
    assertThat(bucket.getDouble("planRatePerSecond")).isEqualTo(0.016);
    // With its quotas lifted the simulator announces no rate: the table's is in force.
    assertThat(bucket.getString("rateSource")).isEqualTo("table");
    assertThat(bucket.getInteger("waiting")).isZero();
    assertThat(otherTenant.statusCode()).isEqualTo(404);
  }

  @Test
  void should_cache_grantless_tokens_per_application_and_scope() {
    long before = simulator.lwaCounters().calls("client_credentials");
    var app = services.applications().byId("main").orElseThrow();

    String first = await(services.grantlessTokens().accessToken(app, GrantlessTokens.NOTIFICATIONS));
    String second = await(services.grantlessTokens().accessToken(app, GrantlessTokens.NOTIFICATIONS));
    String rotation = await(services.grantlessTokens().accessToken(app, GrantlessTokens.CLIENT_CREDENTIAL_ROTATION));
    Future<String> badScope = services.grantlessTokens().accessToken(app, "sellingpartnerapi::everything");

    assertThat(second).isEqualTo(first);
    assertThat(rotation).isNotEqualTo(first);
    assertThat(simulator.lwaCounters().calls("client_credentials") - before).isEqualTo(2);
    assertThat(badScope.failed()).isTrue();
    assertThat(((ApiException) badScope.cause()).problem().code()).isEqualTo("validation_failed");
  }

  @Test
  void should_refresh_once_and_retry_when_amazon_says_the_token_expired() {
    Seller seller = sellers.get(1);
    String sellerId = simulator.sellers().get(1).sellerId();
    // A gateway clock a minute behind believes the token valid after Amazon has let it expire.
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60));
    // Built on the gateway's Vert.x like its services: continuations of their futures run on its loops, and a
    // response paused on one Vert.x's loop and read from another's can lose its first bytes (and never end).
    Vertx gateway = gw.gateway.vertx();
    SellerTokens skewed = new SellerTokens(gateway, new SharedTokens(gateway, new InProcessTokenCache(behind), behind), services.lwa(),
        services.sellers(), services.applications(), behind,
        new TokenPolicy(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1)), new ActivityLog(System::currentTimeMillis),
        new RefreshMetrics(new SimpleMeterRegistry()));
    OperationPlans plans = new OperationPlans(services.operations(), services.applications()::byId, new Rate(1, 1));
    SpApiPipeline pipeline = new SpApiPipeline(gateway, new PerEventLoop<>(gateway::createHttpClient), "spgate-test",
        services.operations(), plans, QuotaFixtures.gate(gateway, new InProcessQuotaStore(System::nanoTime, Duration.ZERO)),
        skewed, services.grantlessTokens(), null,
        services.applications(), java.util.Optional.of(java.net.URI.create(simulator.baseUrl())),
        new ActivityLog(System::currentTimeMillis), io.spgate.tracing.Tracing.off());
    SpApiClient client = new SpApiClient(gateway, pipeline, services.operations(), Duration.ofSeconds(5));
    simulator.tokenLifetime(Duration.ofSeconds(2));
    SpApiRequest participations = SpApiRequest.get("/sellers/v1/marketplaceParticipations");
    try {
      assertThat(await(send(client, seller, participations)).status()).isEqualTo(200);
      long expiredBefore = simulator.expiredTokenCalls(sellerId);
      long refreshesBefore = simulator.lwaCounters().callsWithRefreshToken(simulator.sellers().get(1).refreshToken());

      SpApiResult afterExpiry = await(after(Duration.ofMillis(2_500)).compose(v -> send(client, seller, participations)));

      assertThat(afterExpiry.status()).as(afterExpiry.body().toString()).isEqualTo(200);
      assertThat(simulator.expiredTokenCalls(sellerId) - expiredBefore).isEqualTo(1);
      assertThat(simulator.lwaCounters().callsWithRefreshToken(simulator.sellers().get(1).refreshToken()) - refreshesBefore).isEqualTo(1);
    } finally {
      simulator.tokenLifetime(Duration.ofHours(1));
    }
  }

  private String firstOrderId(Seller seller) {
    SpApiResult orders = await(send(services.spApi(), seller, SpApiRequest.get("/orders/v0/orders")
        .withQuery("MarketplaceIds", seller.marketplaces().get(0)).withQuery("CreatedAfter", "2000-01-01T00:00:00Z")));
    assertThat(orders.status()).as(orders.body().toString()).isEqualTo(200);
    return orders.json().getJsonObject("payload").getJsonArray("Orders").getJsonObject(0).getString("AmazonOrderId");
  }

  @Test
  void should_fail_with_amazons_answer_when_amazon_refuses_a_call() {
    Seller seller = sellers.get(3);
    SpApiClient client = services.spApi();

    Throwable refused = failure(client.call(seller, SpApiRequest.get("/orders/v0/orders/999-9999999-9999999"), client.defaults(),
        SpApiResult::json));

    assertThat(refused).isInstanceOf(SpApiException.class);
    SpApiException amazon = (SpApiException) refused;
    assertThat(amazon.status()).isEqualTo(404);
    assertThat(amazon.amazonCode()).isEqualTo("NotFound");
    assertThat(amazon.result().requestId()).isNotBlank();
  }

  private static Future<SpApiResult> send(SpApiClient client, Seller seller, SpApiRequest request) {
    return client.call(seller, request, client.defaults(), result -> result);
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected a failure");
  }

  /** Lets real time pass (tokens expire by the clock, not by any event we could wait on). */
  private Future<Void> after(Duration delay) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(delay.toMillis(), id -> elapsed.complete());
    return elapsed.future();
  }
}
