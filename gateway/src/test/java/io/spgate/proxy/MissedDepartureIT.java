package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Gateway;
import io.spgate.http.ApiException;
import io.spgate.overview.ActivityLog;
import io.spgate.quota.InProcessQuotaStore;
import io.spgate.quota.Plan;
import io.spgate.quota.QuotaFixtures;
import io.spgate.quota.QuotaGate;
import io.spgate.quota.Rate;
import io.spgate.spapi.OperationPlans;
import io.spgate.spapi.RequestPath;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiPipeline;
import io.spgate.spapi.SpApiRequest;
import io.spgate.spapi.SpApiResult;
import io.spgate.tracing.Tracing;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A call that gets no connection to SP-API in time after its quota slot is not sent late, when
 * Amazon's bucket may have let the refill it counted on go to waste: it asks for a new slot, or,
 * past its deadline, gives up. One answered after it had to reach Amazon makes our bucket give up
 * what Amazon's may have lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissedDepartureIT {

  private ScriptedGateway setup;

  @BeforeAll
  void start() {
    setup = new ScriptedGateway("Departures");
  }

  @AfterAll
  void stop() {
    setup.close();
  }

  @Test
  void should_not_send_a_call_late_when_no_connection_was_free_in_time_after_its_slot() {
    Vertx vertx = setup.gw.gateway.vertx();
    Gateway.Services services = setup.gw.gateway.services();
    // One connection to Amazon, which the first call holds for a second and a half.
    HttpClient oneConnection = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(1));
    Promise<Void> arrived = Promise.promise();
    setup.scripted.then(request -> {
      arrived.complete();
      Vertx.currentContext().owner().setTimer(1_500, id -> ScriptedAmazon.status(200, "{\"payload\":{}}").accept(request));
    });
    // Half a second of jitter allowance: a call into a full bucket may leave up to 250 ms after its slot.
    SpApiPipeline pipeline = new SpApiPipeline(vertx, new PerEventLoop<>(() -> oneConnection), "spgate-test", services.operations(),
        new OperationPlans(services.operations(), services.applications()::byId, new Rate(1, 1)),
        QuotaFixtures.gate(vertx, new InProcessQuotaStore(System::nanoTime, Duration.ofMillis(500))), services.sellerTokens(),
        services.grantlessTokens(), null, services.applications(), Optional.of(URI.create(setup.scripted.baseUrl())),
        new ActivityLog(System::currentTimeMillis), Tracing.off());
    SpApiClient client = new SpApiClient(vertx, pipeline, services.operations(), Duration.ofSeconds(5));
    await(services.sellerTokens().accessToken(setup.seller));
    int seenBefore = setup.scripted.seen.size();

    Future<SpApiResult> holding = client.call(setup.seller, SpApiRequest.get("/sellers/v1/marketplaceParticipations"),
        client.defaults(), result -> result);
    await(arrived.future());
    // Into getOrders' full bucket, with no time to wait for another slot.
    Throwable missed = await(client.call(setup.seller, SpApiRequest.get("/orders/v0/orders"),
        new SpApiClient.CallOptions(Duration.ZERO, Optional.empty()), result -> result).transform(result -> Future.succeededFuture(result.cause())));
    boolean heldStill = !holding.isComplete();
    SpApiResult held = await(holding);

    assertThat(missed).isInstanceOf(ApiException.class);
    ApiException problem = (ApiException) missed;
    assertThat(problem.problem().status()).isEqualTo(503);
    assertThat(problem.problem().code()).isEqualTo("spapi_departure_missed");
    assertThat(problem.headers()).containsEntry("Retry-After", "1");
    assertThat(heldStill).as("given up before the connection came free").isTrue();
    assertThat(held.status()).isEqualTo(200);
    assertThat(setup.scripted.seen).as("requests Amazon received").hasSize(seenBefore + 1);
    assertThat(setup.scripted.seen.get(seenBefore).uri()).isEqualTo("/sellers/v1/marketplaceParticipations");
    await(oneConnection.close());
  }

  @Test
  void should_give_up_the_refill_amazon_may_have_lost_when_a_call_is_answered_after_it_had_to_arrive() {
    Vertx vertx = setup.gw.gateway.vertx();
    Gateway.Services services = setup.gw.gateway.services();
    // Amazon answers a second and a half after the call left: it may have received it that late.
    setup.scripted.then(request -> Vertx.currentContext().owner().setTimer(1_500,
        id -> ScriptedAmazon.status(200, "{\"payload\":{}}").accept(request)));
    OperationPlans plans = new OperationPlans(services.operations(), services.applications()::byId, new Rate(1, 1));
    Plan getOrders = plans.plan(setup.seller.application(), services.operations().resolve("GET", RequestPath.parse("/orders/v0/orders")));
    // Half a second of jitter allowance: a call into a full bucket must reach Amazon within 500 ms of its slot.
    QuotaGate gate = QuotaFixtures.gate(vertx, new InProcessQuotaStore(System::nanoTime, Duration.ofMillis(500)), getOrders);
    SpApiPipeline pipeline = new SpApiPipeline(vertx, new PerEventLoop<>(() -> vertx.createHttpClient()), "spgate-test",
        services.operations(), plans, gate, services.sellerTokens(), services.grantlessTokens(), null, services.applications(),
        Optional.of(URI.create(setup.scripted.baseUrl())), new ActivityLog(System::currentTimeMillis), Tracing.off());
    SpApiClient client = new SpApiClient(vertx, pipeline, services.operations(), Duration.ofSeconds(5));
    await(services.sellerTokens().accessToken(setup.seller));
    long start = System.nanoTime();

    SpApiResult answered = await(client.call(setup.seller, SpApiRequest.get("/orders/v0/orders"), client.defaults(), result -> result));
    double tokens = await(gate.states(setup.seller.quotaOwner())).getJsonObject(0).getDouble("tokens");
    double intervalMillis = 1000 / getOrders.ratePerSecond();
    double elapsedMillis = (System.nanoTime() - start) / 1e6;

    assertThat(answered.status()).isEqualTo(200);
    // Full bucket (burst less the allowance's refill), one call, refill since; and at least a second (1.5 s − 500 ms) given up.
    double taken = getOrders.burst() - 500 / intervalMillis - 1 + elapsedMillis / intervalMillis;
    assertThat(tokens).isLessThanOrEqualTo(taken - 1000 / intervalMillis + 1e-9);
    assertThat(tokens).isGreaterThan(taken - 1 - 1e-9);
  }
}
