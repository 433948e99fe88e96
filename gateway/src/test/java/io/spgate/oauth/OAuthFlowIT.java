package io.spgate.oauth;

import static io.spgate.ApiCalls.assertProblem;
import static io.spgate.ApiCalls.send;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OAuth website flow end to end: gateway → the simulator's consent page → gateway callback → LWA code exchange,
 * for new sellers and re-authorizations, and where the browser lands afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthFlowIT {

  private static final String ADMIN = SimulatedAmazon.ADMIN_KEY;
  private static final String RETURN_URL = "https://vendor.example/spgate/done?from=spgate";

  private SimulatedAmazon amazon;
  private Vertx vertx;
  private SpApiSimulator simulator;
  private TestPostgres postgres;
  private TestGateway gw;
  private WebClient browser;
  private String publicUrl;
  private String writer;
  private String otherWriter;

  @BeforeAll
  void start() throws IOException {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(20));
    vertx = amazon.vertx;
    simulator = amazon.simulator;
    postgres = TestPostgres.create();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    publicUrl = "http://127.0.0.1:" + port;
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_PORT", String.valueOf(port), "SPGATE_PUBLIC_URL", publicUrl)));
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
    Seller seller = simulator.sellers().get(0);
    String callback = consent(connect(writer, seller, null), seller);
    long before = sellerCount();

    HttpResponse<Buffer> completed = asApi(callback);
    HttpResponse<Buffer> replayed = asApi(callback);

    assertThat(completed.statusCode()).as(completed.bodyAsString()).isEqualTo(201);
    JsonObject created = completed.bodyAsJsonObject();
    assertThat(created.getString("sellingPartnerId")).isEqualTo(seller.sellerId());
    assertThat(created.getString("status")).isEqualTo("active");
    assertThat(created.getString("region")).isEqualTo(seller.region().code());
    assertThat(completed.bodyAsString()).doesNotContain("Atzr|");
    assertProblem(replayed, 400, "oauth_state_used");
    assertThat(sellerCount()).isEqualTo(before + 1);
    assertThat(send(gw.client.get("/v1/sellers/" + created.getString("id")), otherWriter, null).statusCode()).isEqualTo(404);
  }

  @Test
  void should_keep_the_marketplaces_amazon_says_the_new_seller_participates_in_the_consents_first() {
    Seller seller = sellerOfSeveralMarketplaces(0);
    String consented = seller.marketplaceIds().get(seller.marketplaceIds().size() - 1);

    HttpResponse<Buffer> completed = asApi(consent(connect(writer, seller, consented, null), seller));

    assertThat(completed.statusCode()).as(completed.bodyAsString()).isEqualTo(201);
    List<String> expected = new ArrayList<>(List.of(consented));
    seller.marketplaceIds().stream().filter(id -> !id.equals(consented)).forEach(expected::add);
    assertThat(completed.bodyAsJsonObject().getJsonArray("marketplaceIds").getList()).containsExactlyElementsOf(expected);
    assertThat(send(gw.client.get("/v1/sellers/" + completed.bodyAsJsonObject().getString("id")), writer, null).bodyAsJsonObject()
        .getJsonArray("marketplaceIds").getList()).containsExactlyElementsOf(expected);
  }

  @Test
  void should_connect_the_seller_with_the_consents_marketplace_when_amazon_cannot_say_which_others() {
    Seller seller = sellerOfSeveralMarketplaces(1);
    String callback = consent(connect(writer, seller, null), seller);
    simulator.faults().throttleStorm(Instant.now().plusSeconds(60));
    HttpResponse<Buffer> completed;
    try {
      completed = asApi(callback);
    } finally {
      simulator.faults().throttleStorm(Instant.MIN);
    }

    assertThat(completed.statusCode()).as(completed.bodyAsString()).isEqualTo(201);
    assertThat(completed.bodyAsJsonObject().getJsonArray("marketplaceIds").getList()).containsExactly(seller.homeMarketplace().id());
  }

  @Test
  void should_send_the_browser_to_the_console_page_or_the_return_url_with_the_outcome_and_nothing_secret() {
    Seller toConsole = simulator.sellers().get(5);
    Seller toVendor = simulator.sellers().get(6);
    String consoleCallback = consent(connect(writer, toConsole, null), toConsole);
    String vendorCallback = consent(connect(writer, toVendor, RETURN_URL), toVendor);

    HttpResponse<Buffer> toConsolePage = asBrowser(consoleCallback);
    HttpResponse<Buffer> toVendorPage = asBrowser(vendorCallback);
    HttpResponse<Buffer> replayed = asBrowser(vendorCallback);
    HttpResponse<Buffer> forged = asBrowser(publicUrl + "/oauth/callback?state=forged&spapi_oauth_code=x&selling_partner_id=A1FORGED");
    HttpResponse<Buffer> page = await(browser.getAbs(publicUrl + "/connected?outcome=connected&sellerId=x").send());

    assertThat(toConsolePage.statusCode()).isEqualTo(303);
    assertThat(toConsolePage.getHeader("Location"))
        .isEqualTo(publicUrl + "/connected?outcome=connected&sellerId=" + sellerIdOf(toConsole.sellerId()));
    assertThat(toVendorPage.statusCode()).isEqualTo(303);
    assertThat(toVendorPage.getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=connected&sellerId=" + sellerIdOf(toVendor.sellerId()));
    assertThat(replayed.getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=failed&code=oauth_state_used");
    assertThat(forged.getHeader("Location")).isEqualTo(publicUrl + "/connected?outcome=failed&code=oauth_state_invalid");
    for (HttpResponse<Buffer> landing : java.util.List.of(toConsolePage, toVendorPage, replayed)) {
      assertThat(landing.getHeader("Location")).doesNotContain("state=").doesNotContain("spapi_oauth_code").doesNotContain("Atzr");
      assertThat(landing.bodyAsString()).isNullOrEmpty();
    }
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("<div id=\"root\">");
  }

  @Test
  void should_refuse_return_urls_that_are_not_absolute_web_addresses() {
    for (String bad : new String[] {"javascript:alert(1)", "/relative/page", "https://user:secret@vendor.example/", "ftp://vendor.example/",
        "https://vendor.example/done#fragment", "https://vendor.example/" + "x".repeat(2100), "https://vendor.example/größe",
        "https://vendor.example/a\r\nSet-Cookie: x=1"}) {
      HttpResponse<Buffer> refused = send(gw.client.post("/v1/sellers/authorizations"), writer,
          new JsonObject().put("marketplaceId", "ATVPDKIKX0DER").put("returnUrl", bad));
      assertProblem(refused, 400, "validation_failed");
      assertThat(refused.bodyAsJsonObject().getString("detail")).doesNotContain("secret");
    }
  }

  @Test
  void should_answer_seller_exists_to_a_new_connect_for_a_selling_partner_the_tenant_has_and_keep_its_credentials() {
    Seller seller = simulator.sellers().get(3);
    assertThat(asApi(consent(connect(writer, seller, null), seller)).statusCode()).isEqualTo(201);
    UUID sellerId = sellerIdOf(seller.sellerId());
    String tokenBefore = refreshToken(sellerId);
    simulator.revokeRefreshToken(seller.refreshToken());

    HttpResponse<Buffer> again = asApi(consent(connect(writer, seller, null), seller));
    HttpResponse<Buffer> againInBrowser = asBrowser(consent(connect(writer, seller, RETURN_URL), seller));

    assertProblem(again, 409, "seller_exists");
    assertThat(again.bodyAsJsonObject().getString("detail")).contains("re-authorization");
    assertThat(againInBrowser.getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=failed&code=seller_exists");
    assertThat(refreshToken(sellerId)).isEqualTo(tokenBefore);
  }

  @Test
  void should_never_let_another_merchants_consent_replace_a_sellers_credentials() {
    Seller victim = simulator.sellers().get(1);
    Seller merchant = simulator.sellers().get(2);
    assertThat(asApi(consent(connect(writer, victim, null), victim)).statusCode()).isEqualTo(201);
    UUID victimId = sellerIdOf(victim.sellerId());
    String victimToken = refreshToken(victimId);
    long sellers = sellerCount();

    // The merchant consents as itself for a new connection and rewrites the callback to name the victim.
    String rewritten = consent(connect(writer, merchant, null), merchant)
        .replace("selling_partner_id=" + merchant.sellerId(), "selling_partner_id=" + victim.sellerId());
    assertProblem(asApi(rewritten), 409, "seller_exists");
    // The merchant consents as itself on the victim's re-authorization URL.
    HttpResponse<Buffer> mismatch = asBrowser(consent(reauthorize(writer, victimId, RETURN_URL), merchant));
    assertThat(mismatch.getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=failed&code=selling_partner_mismatch");
    assertProblem(asApi(consent(reauthorize(writer, victimId, null), merchant)), 409, "selling_partner_mismatch");
    assertThat(refreshToken(victimId)).isEqualTo(victimToken);
    assertThat(sellerCount()).isEqualTo(sellers);
  }

  @Test
  void should_reauthorize_the_named_seller_and_reactivate_it() {
    Seller seller = simulator.sellers().get(4);
    assertThat(asApi(consent(connect(writer, seller, null), seller)).statusCode()).isEqualTo(201);
    UUID sellerId = sellerIdOf(seller.sellerId());
    simulator.revokeRefreshToken(seller.refreshToken());
    execute("UPDATE sellers SET status = 'reauth_required', last_error = 'invalid_grant' WHERE id = $1", sellerId);
    String tokenBefore = refreshToken(sellerId);
    long sellers = sellerCount();

    JsonObject issued = reauthorize(writer, sellerId, null);
    HttpResponse<Buffer> renewed = asApi(consent(issued, seller));

    assertThat(issued.getString("intent")).isEqualTo("reauthorize");
    assertThat(issued.getString("sellerId")).isEqualTo(sellerId.toString());
    assertThat(renewed.statusCode()).as(renewed.bodyAsString()).isEqualTo(200);
    assertThat(renewed.bodyAsJsonObject().getString("id")).isEqualTo(sellerId.toString());
    assertThat(renewed.bodyAsJsonObject().getString("status")).isEqualTo("active");
    assertThat(renewed.bodyAsJsonObject().getJsonObject("token").getString("lastError")).isNull();
    assertThat(refreshToken(sellerId)).isNotEqualTo(tokenBefore);
    assertThat(sellerCount()).isEqualTo(sellers);
    HttpResponse<Buffer> inBrowser = asBrowser(consent(reauthorize(writer, sellerId, RETURN_URL), seller));
    assertThat(inBrowser.getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=reauthorized&sellerId=" + sellerId);
  }

  @Test
  void should_refuse_the_reauthorization_of_a_seller_deleted_meanwhile() {
    Seller seller = simulator.sellers().get(7);
    assertThat(asApi(consent(connect(writer, seller, null), seller)).statusCode()).isEqualTo(201);
    UUID sellerId = sellerIdOf(seller.sellerId());
    JsonObject issued = reauthorize(writer, sellerId, null);
    assertThat(send(gw.client.delete("/v1/sellers/" + sellerId), writer, null).statusCode()).isEqualTo(204);

    assertProblem(asApi(consent(issued, seller)), 409, "seller_deleted");
    assertThat(sellerIdOrNull(seller.sellerId())).isNull();
  }

  @Test
  void should_issue_reauthorizations_only_for_the_tenants_own_sellers_and_their_marketplaces() {
    Seller seller = simulator.sellers().get(8);
    assertThat(asApi(consent(connect(writer, seller, null), seller)).statusCode()).isEqualTo(201);
    String path = "/v1/sellers/" + sellerIdOf(seller.sellerId()) + "/authorizations";

    assertProblem(send(gw.client.post(path), otherWriter, new JsonObject()), 404, "not_found");
    String elsewhere = seller.region().code().equals("na") ? "A1PA6795UKMFR9" : "ATVPDKIKX0DER";
    assertProblem(send(gw.client.post(path), writer, new JsonObject().put("marketplaceId", elsewhere)), 400, "validation_failed");
    assertProblem(send(gw.client.post(path), writer, new JsonObject().put("sellingPartnerId", "A1OTHER")), 400, "validation_failed");
    HttpResponse<Buffer> withoutBody = send(gw.client.post(path), writer, null);
    assertThat(withoutBody.statusCode()).as(withoutBody.bodyAsString()).isEqualTo(201);
    assertThat(withoutBody.bodyAsJsonObject().getString("consentUrl")).startsWith(simulator.baseUrl() + "/apps/authorize/consent?");
  }

  @Test
  void should_refuse_a_forged_state_or_a_reused_code_and_change_nothing() {
    Seller seller = simulator.sellers().get(9);
    String callback = consent(connect(otherWriter, seller, null), seller);
    long before = sellerCount();

    HttpResponse<Buffer> forged = asApi(callback.replaceFirst("state=([^&.]+)", "state=forged$1"));
    assertProblem(forged, 400, "oauth_state_invalid");
    assertThat(asApi(callback).statusCode()).isEqualTo(201);

    // A new state with the code that was already exchanged: LWA refuses the code.
    Seller another = simulator.sellers().get(10);
    String freshCallback = consent(connect(otherWriter, another, null), another);
    String usedCode = callback.replaceAll(".*spapi_oauth_code=([^&]+).*", "$1");
    HttpResponse<Buffer> reusedCode = asApi(freshCallback.replaceAll("spapi_oauth_code=[^&]+", "spapi_oauth_code=" + usedCode));

    assertProblem(reusedCode, 400, "oauth_code_invalid");
    assertThat(sellerCount()).isEqualTo(before + 1);
  }

  @Test
  void should_purge_states_a_day_after_they_expired_and_tell_late_callbacks_why_until_then() {
    Seller seller = simulator.sellers().get(11);
    String longGone = consent(connect(otherWriter, seller, RETURN_URL), seller);
    String lately = consent(connect(otherWriter, seller, RETURN_URL), seller);
    execute("UPDATE oauth_states SET expires_at = now() - interval '25 hours' WHERE nonce = $1", nonceOf(longGone));
    execute("UPDATE oauth_states SET expires_at = now() - interval '23 hours' WHERE nonce = $1", nonceOf(lately));
    Pool pool = postgres.pool(vertx, 1);

    int purged = await(new OAuthStates(pool).purgeExpired(AuthorizationRoutes.EXPIRED_STATES_KEPT));
    await(pool.close());

    assertThat(purged).isEqualTo(1);
    assertThat(asBrowser(longGone).getHeader("Location")).endsWith("/connected?outcome=failed&code=oauth_state_invalid");
    assertThat(asBrowser(lately).getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=failed&code=oauth_state_expired");
  }

  @Test
  void should_refuse_an_expired_state() {
    Seller seller = simulator.sellers().get(11);
    String callback = consent(connect(otherWriter, seller, RETURN_URL), seller);
    execute("UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE nonce = $1", nonceOf(callback));

    assertThat(asBrowser(callback).getHeader("Location")).isEqualTo(RETURN_URL + "&outcome=failed&code=oauth_state_expired");
  }

  @Test
  void should_build_the_consent_url_for_the_marketplace() {
    HttpResponse<Buffer> started = send(gw.client.post("/v1/sellers/authorizations"), writer,
        new JsonObject().put("marketplaceId", "A1PA6795UKMFR9").put("returnUrl", RETURN_URL));
    JsonObject body = started.bodyAsJsonObject();

    assertThat(started.statusCode()).isEqualTo(201);
    assertThat(body.getString("consentUrl")).startsWith(simulator.baseUrl() + "/apps/authorize/consent?application_id="
        + simulator.applications().get(0).applicationId() + "&state=").doesNotContain("version=beta");
    assertThat(body.getString("redirectUri")).endsWith("/oauth/callback");
    assertThat(body.getString("intent")).isEqualTo("connect");
    assertThat(body.getString("returnUrl")).isEqualTo(RETURN_URL);
    assertProblem(send(gw.client.post("/v1/sellers/authorizations"), writer, new JsonObject().put("marketplaceId", "nope")), 400,
        "validation_failed");
  }

  /** The {@code n}th of the simulated sellers beyond the first 12 (the other tests' own) that sells in several marketplaces. */
  private Seller sellerOfSeveralMarketplaces(int n) {
    return simulator.sellers().stream().skip(12).filter(s -> s.marketplaces().size() > 1).skip(n).findFirst().orElseThrow();
  }

  private JsonObject connect(String key, Seller seller, String returnUrl) {
    return connect(key, seller, seller.homeMarketplace().id(), returnUrl);
  }

  private JsonObject connect(String key, Seller seller, String marketplaceId, String returnUrl) {
    JsonObject body = new JsonObject().put("marketplaceId", marketplaceId);
    if (returnUrl != null) {
      body.put("returnUrl", returnUrl);
    }
    HttpResponse<Buffer> started = send(gw.client.post("/v1/sellers/authorizations"), key, body);
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
    return started.bodyAsJsonObject();
  }

  private JsonObject reauthorize(String key, UUID sellerId, String returnUrl) {
    JsonObject body = returnUrl == null ? new JsonObject() : new JsonObject().put("returnUrl", returnUrl);
    HttpResponse<Buffer> started = send(gw.client.post("/v1/sellers/" + sellerId + "/authorizations"), key, body);
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(201);
    return started.bodyAsJsonObject();
  }

  /** Lets the simulator's consent page answer for the seller; returns the callback URL it sends the browser to. */
  private String consent(JsonObject started, Seller seller) {
    HttpResponse<Buffer> consentPage =
        await(browser.getAbs(started.getString("consentUrl") + "&selling_partner_id=" + seller.sellerId()).send());
    assertThat(consentPage.statusCode()).as(consentPage.bodyAsString()).isEqualTo(302);
    String location = consentPage.getHeader("location");
    assertThat(location).startsWith(started.getString("redirectUri"));
    return location;
  }

  /** The nonce a callback's signed state carries. */
  private static String nonceOf(String callback) {
    return callback.replaceAll(".*[?&]state=([^&.]+).*", "$1");
  }

  /** The callback as a browser follows it. */
  private HttpResponse<Buffer> asBrowser(String callback) {
    return await(browser.getAbs(callback).putHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").send());
  }

  /** The callback as an API client that wants JSON only. */
  private HttpResponse<Buffer> asApi(String callback) {
    return await(browser.getAbs(callback).putHeader("Accept", "application/json").send());
  }

  private UUID sellerIdOf(String sellingPartnerId) {
    String id = sellerIdOrNull(sellingPartnerId);
    assertThat(id).as("seller " + sellingPartnerId).isNotNull();
    return UUID.fromString(id);
  }

  private String sellerIdOrNull(String sellingPartnerId) {
    Pool pool = postgres.pool(vertx, 1);
    String id = await(pool.preparedQuery("SELECT id::text FROM sellers WHERE selling_partner_id = $1").execute(Tuple.of(sellingPartnerId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0)));
    await(pool.close());
    return id;
  }

  private String refreshToken(UUID sellerId) {
    return await(gw.gateway.services().sellers().refreshToken(sellerId));
  }

  private void execute(String sql, Object parameter) {
    Pool pool = postgres.pool(vertx, 1);
    await(pool.preparedQuery(sql).execute(Tuple.of(parameter)));
    await(pool.close());
  }

  private long sellerCount() {
    Pool pool = postgres.pool(vertx, 1);
    long count = await(pool.query("SELECT count(*) FROM sellers").execute().map(rows -> rows.iterator().next().getLong(0)));
    await(pool.close());
    return count;
  }

  private String writerKey(String tenantName) {
    String tenant = send(gw.client.post("/v1/tenants"), ADMIN, new JsonObject().put("name", tenantName)).bodyAsJsonObject().getString("id");
    SimulatedAmazon.share(gw, "main", tenant);
    return send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN,
            new JsonObject().put("scopes", new JsonArray().add("tenant:write")))
        .bodyAsJsonObject().getString("key");
  }
}
