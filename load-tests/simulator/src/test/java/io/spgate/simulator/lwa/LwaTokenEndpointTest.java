package io.spgate.simulator.lwa;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class LwaTokenEndpointTest {
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(4));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  private static MultiMap refresh(Seller seller, String refreshToken) {
    return form("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", seller.application().clientId(),
        "client_secret", seller.application().clientSecret());
  }

  private static void assertLwaError(HttpResponse<Buffer> response, int status, String error) {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("error_description")).isNotBlank();
  }

  @Test
  void refresh_token_grant_answers_with_lwa_token_shape_and_is_counted() {
    Seller seller = harness.seller(0);
    long before = harness.sim().lwaCounters().callsWithRefreshToken(seller.refreshToken());
    HttpResponse<Buffer> response = harness.lwa(refresh(seller, seller.refreshToken()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("cache-control")).isEqualTo("no-store");
    assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("access_token")).startsWith("Atza|");
    assertThat(body.getString("token_type")).isEqualTo("bearer");
    assertThat(body.getInteger("expires_in")).isEqualTo(3600);
    assertThat(body.getString("refresh_token")).isEqualTo(seller.refreshToken());
    assertThat(harness.sim().lwaCounters().callsWithRefreshToken(seller.refreshToken())).isEqualTo(before + 1);
  }

  @Test
  void the_sdk_json_body_is_accepted_too() {
    Seller seller = harness.seller(0);
    JsonObject json = new JsonObject().put("grant_type", "refresh_token").put("refresh_token", seller.refreshToken())
        .put("client_id", seller.application().clientId()).put("client_secret", seller.application().clientSecret());
    HttpResponse<Buffer> response = harness.client().postAbs(harness.sim().lwaUrl()).sendJsonObject(json).await();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void lwa_errors_have_lwa_codes() {
    Seller seller = harness.seller(0);
    LwaApplication app = seller.application();
    assertLwaError(harness.lwa(refresh(seller, "Atzr|unknown")), 400, "invalid_grant");
    assertLwaError(harness.lwa(form("grant_type", "refresh_token", "refresh_token", seller.refreshToken(), "client_id", app.clientId(),
        "client_secret", "wrong")), 401, "invalid_client");
    assertLwaError(harness.lwa(form("grant_type", "password", "client_id", app.clientId(), "client_secret", app.clientSecret())), 400,
        "unsupported_grant_type");
    assertLwaError(harness.lwa(form("client_id", app.clientId(), "client_secret", app.clientSecret())), 400, "invalid_request");
    assertLwaError(harness.lwa(form("grant_type", "client_credentials", "scope", "sellingpartnerapi::orders", "client_id", app.clientId(),
        "client_secret", app.clientSecret())), 400, "invalid_scope");
  }

  @Test
  void client_credentials_grant_gives_a_scoped_token_without_refresh_token() {
    LwaApplication app = harness.sim().applications().get(0);
    HttpResponse<Buffer> response = harness.lwa(form("grant_type", "client_credentials",
        "scope", "sellingpartnerapi::client_credential:rotation",
        "client_id", app.clientId(), "client_secret", app.clientSecret()));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("scope")).isEqualTo("sellingpartnerapi::client_credential:rotation");
    assertThat(response.bodyAsJsonObject().containsKey("refresh_token")).isFalse();
  }

  @Test
  void a_revoked_refresh_token_gets_invalid_grant() {
    Seller seller = harness.seller(1);
    assertThat(harness.lwa(refresh(seller, seller.refreshToken())).statusCode()).isEqualTo(200);
    harness.sim().revokeRefreshToken(seller.refreshToken());
    assertLwaError(harness.lwa(refresh(seller, seller.refreshToken())), 400, "invalid_grant");
  }

  @Test
  void an_lwa_outage_answers_503_until_it_ends() {
    Seller seller = harness.seller(2);
    harness.sim().lwaOutage(Duration.ofMillis(1000), false);
    assertLwaError(harness.lwa(refresh(seller, seller.refreshToken())), 503, "temporarily_unavailable");
    harness.vertx().timer(1050).await();
    assertThat(harness.lwa(refresh(seller, seller.refreshToken())).statusCode()).isEqualTo(200);
  }

  @Test
  void a_hanging_lwa_outage_leaves_clients_to_their_timeouts() {
    Seller seller = harness.seller(2);
    harness.sim().lwaOutage(Duration.ofMillis(1500), true);
    io.vertx.core.Future<HttpResponse<Buffer>> attempt = harness.client().postAbs(harness.sim().lwaUrl()).timeout(200)
        .sendForm(refresh(seller, seller.refreshToken()));
    org.assertj.core.api.Assertions.assertThatThrownBy(attempt::await).hasMessageContaining("timeout");
    harness.vertx().timer(1550).await();
    assertThat(harness.lwa(refresh(seller, seller.refreshToken())).statusCode()).isEqualTo(200);
  }

  @Test
  void an_expired_access_token_is_refused_with_unauthorized_and_counted() {
    Seller seller = harness.seller(3);
    harness.sim().tokenLifetime(Duration.ofSeconds(2));
    String token = harness.accessToken(seller);
    harness.sim().tokenLifetime(Duration.ofSeconds(3600));
    assertThat(harness.get("/sellers/v1/marketplaceParticipations", token).statusCode()).isEqualTo(200);
    harness.vertx().timer(2100).await();
    long before = harness.sim().expiredTokenCalls(seller.sellerId());
    HttpResponse<Buffer> expired = harness.get("/sellers/v1/marketplaceParticipations", token);
    assertThat(expired.statusCode()).isEqualTo(403);
    JsonObject error = expired.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("code")).isEqualTo("Unauthorized");
    assertThat(error.getString("details")).contains("expired");
    assertThat(expired.getHeader("x-amzn-RateLimit-Limit")).isNull();
    assertThat(harness.sim().expiredTokenCalls(seller.sellerId())).isEqualTo(before + 1);
  }

  @Test
  void consent_redirects_with_a_single_use_code_that_exchanges_for_the_sellers_refresh_token() {
    Seller seller = harness.seller(0);
    LwaApplication app = seller.application();
    HttpResponse<Buffer> consent = harness.client().getAbs(harness.sim().consentUrl())
        .addQueryParam("application_id", app.applicationId()).addQueryParam("state", "st-123")
        .addQueryParam("redirect_uri", "https://app.example/callback").addQueryParam("selling_partner_id", seller.sellerId())
        .send().await();
    assertThat(consent.statusCode()).isEqualTo(302);
    String location = consent.getHeader("location");
    assertThat(location).startsWith("https://app.example/callback?");
    Map<String, String> query = java.util.Arrays.stream(location.substring(location.indexOf('?') + 1).split("&"))
        .map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(query).containsEntry("state", "st-123").containsEntry("selling_partner_id", seller.sellerId())
        .containsKey("spapi_oauth_code");

    MultiMap exchange = form("grant_type", "authorization_code", "code", query.get("spapi_oauth_code"),
        "redirect_uri", "https://app.example/callback",
        "client_id", app.clientId(), "client_secret", app.clientSecret());
    HttpResponse<Buffer> first = harness.lwa(exchange);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.bodyAsJsonObject().getString("refresh_token")).isEqualTo(seller.refreshToken());
    assertLwaError(harness.lwa(exchange), 400, "invalid_grant");
  }

  @Test
  void consent_without_a_selling_account_asks_which_one_and_keeps_the_request_in_the_form() {
    Seller seller = harness.seller(1);
    HttpResponse<Buffer> page = harness.client().getAbs(harness.sim().consentUrl())
        .addQueryParam("application_id", seller.application().applicationId()).addQueryParam("state", "st-<9>")
        .addQueryParam("redirect_uri", "https://app.example/callback").addQueryParam("version", "beta")
        .send().await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("content-type")).startsWith("text/html");
    assertThat(page.bodyAsString())
        .contains("<label for=\"account\">Selling account</label>")
        .contains("<option value=\"" + seller.sellerId() + "\">")
        .contains("name=\"state\" value=\"st-&lt;9&gt;\"")
        .contains("name=\"redirect_uri\" value=\"https://app.example/callback\"")
        .contains("name=\"version\" value=\"beta\"")
        .contains("<button type=\"submit\">Confirm</button>");
  }
}
