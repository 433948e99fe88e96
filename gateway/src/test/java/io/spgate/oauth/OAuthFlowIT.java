package io.spgate.oauth;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OAuth website flow end to end: gateway → the simulator's consent page → gateway callback → LWA code exchange. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthFlowIT {

  private static final String ADMIN = SimulatedAmazon.ADMIN_KEY;

  private SimulatedAmazon amazon;
  private Vertx vertx;
  private SpApiSimulator simulator;
  private TestPostgres postgres;
  private TestGateway gw;
  private WebClient browser;
  private String writer;
  private String otherWriter;

  @BeforeAll
  void start() throws IOException {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(5));
    vertx = amazon.vertx;
    simulator = amazon.simulator;
    postgres = TestPostgres.create();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_PORT", String.valueOf(port),
        "SPGATE_PUBLIC_URL", "http://127.0.0.1:" + port)));
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    writer = writerKey("OAuth tenant");
    otherWriter = writerKey("Other OAuth tenant");
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_onboard_a_seller_through_the_consent_page_and_refuse_a_replay() {
    var seller = simulator.sellers().get(0);
    String callback = consent(writer, seller.homeMarketplace().id(), seller.sellerId());

    HttpResponse<Buffer> completed = await(browser.getAbs(callback).send());
    HttpResponse<Buffer> replayed = await(browser.getAbs(callback).send());

    assertThat(completed.statusCode()).as(completed.bodyAsString()).isEqualTo(201);
    JsonObject created = completed.bodyAsJsonObject();
    assertThat(created.getString("sellingPartnerId")).isEqualTo(seller.sellerId());
    assertThat(created.getString("status")).isEqualTo("active");
    assertThat(created.getString("region")).isEqualTo(seller.region().code());
    assertThat(completed.bodyAsString()).doesNotContain("Atzr|");
    assertProblem(replayed, 400, "oauth_state_used");
    assertThat(sellerCount()).isEqualTo(1);
    assertThat(send(gw.client.get("/v1/sellers/" + created.getString("id")), otherWriter, null).statusCode()).isEqualTo(404);
  }

  @Test
  void should_refuse_a_forged_state_or_a_reused_code_and_change_nothing() {
    var seller = simulator.sellers().get(1);
    String callback = consent(writer, seller.homeMarketplace().id(), seller.sellerId());
    long before = sellerCount();

    HttpResponse<Buffer> forged = await(browser.getAbs(callback.replaceFirst("state=([^&.]+)", "state=forged$1")).send());
    assertProblem(forged, 400, "oauth_state_invalid");
    assertThat(await(browser.getAbs(callback).send()).statusCode()).isEqualTo(201);

    // A new state with the code that was already exchanged: LWA refuses the code.
    String fresh = consent(writer, seller.homeMarketplace().id(), seller.sellerId());
    String usedCode = callback.replaceAll(".*spapi_oauth_code=([^&]+).*", "$1");
    HttpResponse<Buffer> reusedCode =
        await(browser.getAbs(fresh.replaceAll("spapi_oauth_code=[^&]+", "spapi_oauth_code=" + usedCode)).send());

    assertProblem(reusedCode, 400, "oauth_code_invalid");
    assertThat(sellerCount()).isEqualTo(before + 1);
  }

  @Test
  void should_refuse_an_expired_state() {
    var seller = simulator.sellers().get(2);
    String callback = consent(writer, seller.homeMarketplace().id(), seller.sellerId());
    Pool pool = postgres.pool(vertx, 1);
    await(pool.query("UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE used_at IS NULL").execute());
    await(pool.close());

    assertProblem(await(browser.getAbs(callback).send()), 400, "oauth_state_expired");
  }

  @Test
  void should_build_the_consent_url_for_the_marketplace() {
    HttpResponse<Buffer> started = send(gw.client.post("/v1/sellers/authorizations"), writer,
        new JsonObject().put("marketplaceId", "A1PA6795UKMFR9"));
    JsonObject body = started.bodyAsJsonObject();

    assertThat(started.statusCode()).isEqualTo(201);
    assertThat(body.getString("consentUrl")).startsWith(simulator.baseUrl() + "/apps/authorize/consent?application_id="
        + simulator.applications().get(0).applicationId() + "&state=").doesNotContain("version=beta");
    assertThat(body.getString("redirectUri")).endsWith("/oauth/callback");
    assertProblem(send(gw.client.post("/v1/sellers/authorizations"), writer, new JsonObject().put("marketplaceId", "nope")), 400,
        "validation_failed");
  }

  /** Starts a flow and lets the simulator's consent page answer for the seller; returns the callback URL. */
  private String consent(String key, String marketplaceId, String sellingPartnerId) {
    JsonObject started = send(gw.client.post("/v1/sellers/authorizations"), key, new JsonObject().put("marketplaceId", marketplaceId))
        .bodyAsJsonObject();
    HttpResponse<Buffer> consentPage =
        await(browser.getAbs(started.getString("consentUrl") + "&selling_partner_id=" + sellingPartnerId).send());
    assertThat(consentPage.statusCode()).as(consentPage.bodyAsString()).isEqualTo(302);
    String location = consentPage.getHeader("location");
    assertThat(location).startsWith(started.getString("redirectUri"));
    return location;
  }

  private long sellerCount() {
    Pool pool = postgres.pool(vertx, 1);
    long count = await(pool.query("SELECT count(*) FROM sellers").execute().map(rows -> rows.iterator().next().getLong(0)));
    await(pool.close());
    return count;
  }

  private String writerKey(String tenantName) {
    String tenant = send(gw.client.post("/v1/tenants"), ADMIN, new JsonObject().put("name", tenantName)).bodyAsJsonObject().getString("id");
    return send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN,
            new JsonObject().put("scopes", new JsonArray().add("tenant:write")))
        .bodyAsJsonObject().getString("key");
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, JsonObject body) {
    request.putHeader("Authorization", "Bearer " + key);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }
}
