package io.spgate.simulator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(90)
class FaultInjectionTest {
  private static final String CALL = "/sellers/v1/marketplaceParticipations";

  /** The outcome of each of {@code calls} sequential calls: a status, or "reset" when the connection closed unanswered. */
  private static List<String> outcomes(SimHarness harness, String token, int calls) {
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      try {
        HttpResponse<Buffer> response = harness.get(CALL, token);
        String code = response.statusCode() == 200 ? ""
            : " " + response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code");
        outcomes.add(response.statusCode() + code);
      } catch (RuntimeException closed) {
        outcomes.add("reset");
      }
    }
    return outcomes;
  }

  private static List<String> run(Vertx vertx, long seed, double faultRate) {
    try (SimHarness harness = SimHarness.start(vertx,
        new SimulatorOptions().sellers(1).seed(seed).faultRate(faultRate).timeScale(100).quotas(false))) {
      List<String> outcomes = outcomes(harness, harness.accessToken(harness.seller(0)), 40);
      // Every call is accounted for, the reset ones included, once its connection is gone.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (harness.sim().stats().toJson().getInteger("inFlight") != 0 && System.nanoTime() < deadline) {
        harness.vertx().timer(10).await();
      }
      assertThat(harness.sim().stats().toJson().getInteger("inFlight")).isZero();
      return outcomes;
    }
  }

  @Test
  void faults_are_amazons_failure_modes_at_the_configured_rate_and_repeat_with_the_seed(Vertx vertx) {
    List<String> first = run(vertx, 7, 0.5);
    List<String> again = run(vertx, 7, 0.5);
    assertThat(again).isEqualTo(first);
    assertThat(first).contains("500 InternalFailure", "503 ServiceUnavailable", "reset", "200");
    long failed = first.stream().filter(o -> !o.equals("200")).count();
    // Slow responses succeed late; the other three kinds fail. Around 3/8 of 40 calls, give or take chance.
    assertThat(failed).isBetween(5L, 28L);
    assertThat(run(vertx, 8, 0.5)).isNotEqualTo(first);
    assertThat(run(vertx, 7, 0)).containsOnly("200");
  }

  @Test
  void failure_modes_switch_at_run_time_through_the_admin_endpoint(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(2))) {
      Seller seller = harness.seller(0);
      String token = harness.accessToken(seller);
      assertThat(harness.get(CALL, token).statusCode()).isEqualTo(200);

      JsonObject storm = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
          .sendJsonObject(new JsonObject().put("throttleStormSeconds", 30)).await().bodyAsJsonObject();
      assertThat(storm.getDouble("throttleStormSeconds")).isGreaterThan(0);
      HttpResponse<Buffer> throttled = harness.get(CALL, token);
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("QuotaExceeded");
      harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
          .sendJsonObject(new JsonObject().put("throttleStormSeconds", 0)).await();
      assertThat(harness.get(CALL, token).statusCode()).isEqualTo(200);

      JsonObject stats = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/stats").send().await().bodyAsJsonObject();
      JsonObject counts = stats.getJsonObject("sellers").getJsonObject(seller.sellerId()).getJsonObject("getMarketplaceParticipations");
      assertThat(counts.getLong("2xx")).isEqualTo(2);
      assertThat(counts.getLong("429")).isEqualTo(1);
      assertThat(stats.getInteger("maxConcurrency")).isGreaterThanOrEqualTo(1);

      harness.client().postAbs(harness.sim().baseUrl() + "/_sim/reset").send().await();
      JsonObject reset = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/stats").send().await().bodyAsJsonObject();
      assertThat(reset.getJsonObject("sellers").isEmpty()).isTrue();

      JsonArray sellers = harness.client().getAbs(harness.sim().baseUrl() + "/_sim/sellers").send().await().bodyAsJsonArray();
      assertThat(sellers).hasSize(2);
      assertThat(sellers.getJsonObject(0).fieldNames())
          .contains("sellerId", "region", "marketplaceIds", "refreshToken", "clientId", "clientSecret");

      harness.client().postAbs(harness.sim().baseUrl() + "/_sim/sellers/" + seller.sellerId() + "/revoke").send().await();
      HttpResponse<Buffer> refresh = harness.lwa(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token")
          .add("refresh_token", seller.refreshToken()).add("client_id", seller.application().clientId())
          .add("client_secret", seller.application().clientSecret()));
      assertThat(refresh.bodyAsJsonObject().getString("error")).isEqualTo("invalid_grant");
    }
  }

  /** The work is done and the answer never comes: the caller cannot tell whether the call took effect. */
  @Test
  void a_lost_answer_closes_the_connection_after_the_call_was_carried_out(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1).quotas(false))) {
      Seller seller = harness.seller(0);
      String token = harness.accessToken(seller);
      JsonObject switched = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
          .sendJsonObject(new JsonObject().put("lostAnswers", new JsonObject().put("getMarketplaceParticipations", 1)))
          .await().bodyAsJsonObject();

      List<String> outcomes = outcomes(harness, token, 2);

      assertThat(switched.getJsonObject("lostAnswers").getInteger("getMarketplaceParticipations")).isEqualTo(1);
      assertThat(outcomes).containsExactly("reset", "200");
      assertThat(harness.sim().faults().toJson(harness.sim().clock().now()).getJsonObject("lostAnswers")
          .getInteger("getMarketplaceParticipations")).isZero();
      JsonObject invalid = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
          .sendJsonObject(new JsonObject().put("lostAnswers", new JsonObject().put("getMarketplaceParticipations", -1))).await()
          .bodyAsJsonObject();
      assertThat(invalid.getString("error")).contains("0 or more");
    }
  }

  @Test
  void restricted_data_tokens_are_refused_as_amazon_refuses_an_application_without_the_role(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1))) {
      String token = harness.accessToken(harness.seller(0));
      JsonObject rdt = new JsonObject().put("restrictedResources", new JsonArray()
          .add(new JsonObject().put("method", "GET").put("path", "/orders/v0/orders").put("dataElements", new JsonArray().add("buyerInfo"))));

      JsonObject switched = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
          .sendJsonObject(new JsonObject().put("restrictedDataTokensRefused", true)).await().bodyAsJsonObject();
      HttpResponse<Buffer> refused = harness.send(io.vertx.core.http.HttpMethod.POST, "/tokens/2021-03-01/restrictedDataToken", token, rdt);
      harness.sim().faults().setRestrictedDataTokensRefused(false);
      HttpResponse<Buffer> granted = harness.send(io.vertx.core.http.HttpMethod.POST, "/tokens/2021-03-01/restrictedDataToken", token, rdt);

      assertThat(switched.getBoolean("restrictedDataTokensRefused")).isTrue();
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("Unauthorized");
      assertThat(refused.getHeader("x-amzn-RequestId")).isNotBlank();
      assertThat(granted.statusCode()).isEqualTo(200);
      assertThat(granted.bodyAsJsonObject().getString("restrictedDataToken")).isNotBlank();
    }
  }

  @Test
  void regional_endpoints_refuse_sellers_of_other_regions(Vertx vertx) {
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(12))) {
      Seller eu = harness.sellerIn("eu");
      String token = harness.accessToken(eu);
      assertThat(harness.get("/eu" + CALL, token).statusCode()).isEqualTo(200);
      assertThat(harness.get("/na" + CALL, token).statusCode()).isEqualTo(403);
      assertThat(harness.get(CALL, token).statusCode()).isEqualTo(200);
    }
  }
}
