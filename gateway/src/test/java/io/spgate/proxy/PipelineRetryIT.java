package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.spapi.SpApiPipeline;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retries by class, against an endpoint that fails exactly when told to (tokens still come from
 * the simulator's LWA): what is repeated, what never is, and what the caller gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRetryIT {

  private static final String INTERNAL_FAILURE =
      "{\"errors\":[{\"code\":\"InternalFailure\",\"message\":\"We encountered an internal error.\"}]}";

  private ScriptedGateway setup;
  private SimulatedAmazon amazon;
  private ScriptedAmazon scripted;
  private TestGateway gw;

  @BeforeAll
  void start() {
    setup = new ScriptedGateway("Retrying");
    amazon = setup.amazon;
    scripted = setup.scripted;
    gw = setup.gw;
  }

  @BeforeEach
  void clear() {
    scripted.clear();
  }

  @AfterAll
  void stop() {
    setup.close();
  }

  @Test
  void should_retry_an_idempotent_call_after_500_and_503() {
    scripted.then(ScriptedAmazon.status(503, INTERNAL_FAILURE)).then(ScriptedAmazon.status(500, INTERNAL_FAILURE));

    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(scripted.seen).hasSize(3);
  }

  @Test
  void should_give_a_non_idempotent_calls_500_back_without_repeating_it() {
    scripted.then(ScriptedAmazon.status(500, INTERNAL_FAILURE));

    HttpResponse<Buffer> response = post("/feeds/2021-06-30/documents", new JsonObject().put("contentType", "application/json"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("InternalFailure");
    assertThat(response.getHeader("x-amzn-RequestId")).isEqualTo("scripted-500");
    assertThat(scripted.seen).hasSize(1);
  }

  @Test
  void should_retry_an_idempotent_call_after_a_lost_connection() {
    scripted.then(ScriptedAmazon.lostConnection());

    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(scripted.seen).hasSize(2);
  }

  @Test
  void should_never_repeat_a_non_idempotent_call_whose_outcome_is_unknown() {
    scripted.then(ScriptedAmazon.lostConnection());

    HttpResponse<Buffer> response = post("/feeds/2021-06-30/documents", new JsonObject().put("contentType", "application/json"));

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("spapi_outcome_unknown");
    assertThat(scripted.seen).hasSize(1);
  }

  @Test
  void should_refresh_the_token_once_when_amazon_says_it_expired() {
    String expired = "{\"errors\":[{\"code\":\"Unauthorized\",\"message\":\"Access to requested resource is denied.\","
        + "\"details\":\"The access token you provided has expired.\"}]}";
    assertThat(get("/sellers/v1/marketplaceParticipations").statusCode()).as("the seller holds a token").isEqualTo(200);
    scripted.clear();
    scripted.then(ScriptedAmazon.status(403, expired)).then(ScriptedAmazon.status(403, expired));
    long refreshes = amazon.simulator.lwaCounters().callsWithRefreshToken(amazon.simulator.sellers().get(0).refreshToken());

    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations");

    assertThat(response.statusCode()).as("the second 403 is Amazon's answer: one refresh only").isEqualTo(403);
    assertThat(scripted.seen).hasSize(2);
    assertThat(scripted.seen.get(0).headers().get("x-amz-access-token"))
        .isNotEqualTo(scripted.seen.get(1).headers().get("x-amz-access-token"));
    assertThat(amazon.simulator.lwaCounters().callsWithRefreshToken(amazon.simulator.sellers().get(0).refreshToken()) - refreshes)
        .isEqualTo(1);
  }

  @Test
  void should_stop_retrying_at_the_deadline_and_give_amazons_last_answer() {
    for (int i = 0; i < 10; i++) {
      scripted.then(ScriptedAmazon.status(503, INTERNAL_FAILURE));
    }

    HttpResponse<Buffer> response = await(gw.client.get(path("/sellers/v1/marketplaceParticipations"))
        .putHeader("X-Spgate-Max-Wait", "150").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(scripted.seen.size()).isBetween(1, 4);
  }

  @Test
  void should_send_only_the_token_content_headers_and_model_headers_to_the_normalised_path() {
    await(gw.client.get(path("/orders/v0/%6Frders/123-1234567-1234567/orderItems")).addQueryParam("NextToken", "a b")
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).putHeader("Cookie", "session=1")
        .putHeader("X-Forwarded-For", "10.0.0.1").putHeader("x-amzn-shipping-business-id", "AmazonShipping_US").send());

    ScriptedAmazon.Seen seen = scripted.seen.get(0);
    assertThat(seen.uri()).isEqualTo("/orders/v0/orders/123-1234567-1234567/orderItems?NextToken=a%20b");
    assertThat(seen.headers().get("x-amz-access-token")).startsWith("Atza|");
    assertThat(seen.headers().get("x-amzn-shipping-business-id")).isEqualTo("AmazonShipping_US");
    assertThat(seen.headers().get("user-agent")).startsWith("spgate/");
    assertThat(seen.headers().names()).map(String::toLowerCase).doesNotContain("authorization", "cookie", "x-forwarded-for");
  }

  @Test
  void should_answer_unreachable_when_amazon_cannot_be_reached() {
    TestGateway nowhere = TestGateway.start(amazon.gatewaySettings(setup.postgres, Map.of("SPGATE_SPAPI_ENDPOINT", "http://127.0.0.1:9")));
    try {
      HttpResponse<Buffer> response = await(nowhere.client.get(path("/sellers/v1/marketplaceParticipations"))
          .putHeader("X-Spgate-Max-Wait", "2000").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("spapi_unreachable");
      assertThat(response.bodyAsString()).doesNotContain("Atza|");
    } finally {
      nowhere.close();
    }
  }

  @Test
  void should_fail_a_call_amazon_goes_silent_on_after_the_read_timeout_and_repeat_it_only_if_idempotent() {
    TestGateway impatient = TestGateway.start(amazon.gatewaySettings(setup.postgres, Map.of("SPGATE_SPAPI_ENDPOINT", scripted.baseUrl(),
        "SPGATE_SPAPI_READ_TIMEOUT", "1s")));
    try {
      scripted.then(ScriptedAmazon.silence());
      HttpResponse<Buffer> read = await(impatient.client.get(path("/sellers/v1/marketplaceParticipations"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
      // The pooled connection the next call may reuse last read Amazon's bytes a moment before this: its read timeout counts
      // from that read, so the next call may fail a little less than a second after this line.
      long lastRead = System.nanoTime();

      assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
      assertThat(scripted.seen).hasSize(2);

      scripted.clear();
      scripted.then(ScriptedAmazon.silence());
      HttpResponse<Buffer> write = await(impatient.client.post(path("/feeds/2021-06-30/documents"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
          .sendJsonObject(new JsonObject().put("contentType", "text/plain")));

      assertThat(write.statusCode()).as(write.bodyAsString()).isEqualTo(504);
      assertThat(write.bodyAsJsonObject().getString("code")).isEqualTo("spapi_outcome_unknown");
      assertThat(scripted.seen).hasSize(1);
      assertThat(Duration.ofNanos(System.nanoTime() - lastRead)).as("failed only once the read timeout ran out")
          .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    } finally {
      impatient.close();
    }
  }

  @Test
  void should_answer_503_spapi_pool_exhausted_when_no_connection_to_amazon_comes_free_in_time() {
    // One event loop serving calls, so both calls share its client and its one connection to Amazon; Amazon answers the held
    // call only when the read timeout closes its connection, which would let the second call through with 200.
    TestGateway narrow = TestGateway.start(amazon.gatewaySettings(setup.postgres, Map.of("SPGATE_SPAPI_ENDPOINT", scripted.baseUrl(),
        "SPGATE_SPAPI_CONNECTIONS", "1", "SPGATE_HTTP_INSTANCES", "1", "SPGATE_SPAPI_READ_TIMEOUT", "25s")));
    try {
      Promise<Void> reached = Promise.promise();
      scripted.then(request -> reached.complete());
      narrow.client.get(path("/sellers/v1/marketplaceParticipations")).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
          .send();
      await(reached.future());

      long start = System.nanoTime();
      HttpResponse<Buffer> refused = await(narrow.client.get(path("/sellers/v1/marketplaceParticipations"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());

      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("spapi_pool_exhausted");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(SpApiPipeline.POOL_WAIT_MILLIS - 100));
      assertThat(scripted.seen).hasSize(1);
    } finally {
      narrow.close();
    }
  }

  private HttpResponse<Buffer> get(String spApiPath) {
    return await(gw.client.get(path(spApiPath)).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
  }

  private HttpResponse<Buffer> post(String spApiPath, JsonObject body) {
    return await(gw.client.post(path(spApiPath)).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).sendJsonObject(body));
  }

  private String path(String spApiPath) {
    return setup.path(spApiPath);
  }
}
