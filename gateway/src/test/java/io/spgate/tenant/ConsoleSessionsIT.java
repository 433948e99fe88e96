package io.spgate.tenant;

import static io.spgate.ApiCalls.assertProblem;
import static io.spgate.ApiCalls.send;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console's sign-in: an API key exchanged for a session cookie, writes guarded by the session's CSRF token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSessionsIT {

  private static final String ADMIN_KEY = "spg_test-admin-key-0123456789abcdefghijklmnop";

  private TestPostgres postgres;
  private TestGateway gw;

  @BeforeAll
  void start() {
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY));
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
  }

  @Test
  void should_exchange_a_key_for_an_http_only_strict_cookie_that_reads_as_the_keys_tenant_and_never_shows_the_key() {
    String tenant = createTenant("Sessions " + UUID.randomUUID());
    String key = createKey(tenant, "tenant:write").getString("key");

    HttpResponse<Buffer> signedIn = await(gw.client.post("/v1/session").putHeader("Authorization", "Bearer " + key).send());
    String setCookie = signedIn.getHeader("Set-Cookie");
    String cookie = cookieOf(signedIn);
    HttpResponse<Buffer> me = await(gw.client.get("/v1/me").putHeader("Cookie", cookie).send());
    HttpResponse<Buffer> current = await(gw.client.get("/v1/session").putHeader("Cookie", cookie).send());

    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(201);
    assertThat(setCookie).containsIgnoringCase("; HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Secure");
    JsonObject session = signedIn.bodyAsJsonObject();
    assertThat(session.getString("tenantId")).isEqualTo(tenant);
    assertThat(session.getBoolean("admin")).isFalse();
    assertThat(session.getJsonArray("scopes")).containsExactly("tenant:write");
    assertThat(session.getString("csrfToken")).isNotBlank();
    assertThat(signedIn.bodyAsString()).doesNotContain(key).doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("tenantId")).isEqualTo(tenant);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.bodyAsJsonObject().getString("csrfToken")).as("the same token in every tab")
        .isEqualTo(session.getString("csrfToken"));
  }

  @Test
  void should_refuse_a_write_by_cookie_alone_and_allow_it_with_the_sessions_token() {
    String tenant = createTenant("Csrf " + UUID.randomUUID());
    Signed signed = signIn(createKey(tenant, "tenant:write").getString("key"));
    JsonObject body = new JsonObject().put("name", "from the console").put("scopes", new JsonArray().add("tenant:read"));
    String keys = "/v1/tenants/" + tenant + "/keys";

    HttpResponse<Buffer> cookieOnly = await(gw.client.post(keys).putHeader("Cookie", signed.cookie()).sendJsonObject(body));
    HttpResponse<Buffer> wrongToken = await(gw.client.post(keys).putHeader("Cookie", signed.cookie())
        .putHeader(ConsoleSessions.CSRF_HEADER, signed.csrf() + "x").sendJsonObject(body));
    HttpResponse<Buffer> withToken = await(gw.client.post(keys).putHeader("Cookie", signed.cookie())
        .putHeader(ConsoleSessions.CSRF_HEADER, signed.csrf()).sendJsonObject(body));

    assertProblem(cookieOnly, 403, "csrf_token_invalid");
    assertProblem(wrongToken, 403, "csrf_token_invalid");
    assertThat(withToken.statusCode()).as(withToken.bodyAsString()).isEqualTo(201);
  }

  @Test
  void should_end_on_sign_out_and_when_its_key_is_revoked() {
    String tenant = createTenant("Ends " + UUID.randomUUID());
    JsonObject key = createKey(tenant, "tenant:read");
    Signed out = signIn(key.getString("key"));
    Signed revoked = signIn(key.getString("key"));

    HttpResponse<Buffer> signOutWithoutToken = await(gw.client.delete("/v1/session").putHeader("Cookie", out.cookie()).send());
    HttpResponse<Buffer> signedOut = await(gw.client.delete("/v1/session").putHeader("Cookie", out.cookie())
        .putHeader(ConsoleSessions.CSRF_HEADER, out.csrf()).send());
    HttpResponse<Buffer> afterSignOut = await(gw.client.get("/v1/me").putHeader("Cookie", out.cookie()).send());
    HttpResponse<Buffer> beforeRevoking = await(gw.client.get("/v1/me").putHeader("Cookie", revoked.cookie()).send());
    assertThat(send(gw.client.delete("/v1/tenants/" + tenant + "/keys/" + key.getString("id")), ADMIN_KEY, null).statusCode())
        .isEqualTo(204);
    HttpResponse<Buffer> afterRevoking = await(gw.client.get("/v1/me").putHeader("Cookie", revoked.cookie()).send());

    assertProblem(signOutWithoutToken, 403, "csrf_token_invalid");
    assertThat(signedOut.statusCode()).isEqualTo(204);
    assertThat(signedOut.getHeader("Set-Cookie")).contains(ConsoleSessions.COOKIE + "=").contains("Max-Age=0");
    assertProblem(afterSignOut, 401, "session_expired");
    assertThat(beforeRevoking.statusCode()).isEqualTo(200);
    assertProblem(afterRevoking, 401, "session_expired");
  }

  @Test
  void should_end_a_session_unused_for_longer_than_the_idle_limit_and_store_only_a_hash_of_its_id() {
    String tenant = createTenant("Idle " + UUID.randomUUID());
    Signed signed = signIn(createKey(tenant, "tenant:read").getString("key"));
    String id = signed.cookie().substring(signed.cookie().indexOf('=') + 1);
    Pool pool = postgres.pool(gw.gateway.vertx(), 1);
    String rows = await(pool.query("SELECT string_agg(s::text, E'\\n') FROM console_sessions s").execute()
        .map(found -> found.iterator().next().getString(0)));
    assertThat(await(gw.client.get("/v1/me").putHeader("Cookie", signed.cookie()).send()).statusCode()).isEqualTo(200);

    await(pool.preparedQuery("UPDATE console_sessions SET last_seen_at = now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) ConsoleSessions.IDLE.toSeconds() + 1)));
    HttpResponse<Buffer> idle = await(gw.client.get("/v1/me").putHeader("Cookie", signed.cookie()).send());
    await(pool.close());

    assertThat(rows).doesNotContain(id);
    assertProblem(idle, 401, "session_expired");
  }

  @Test
  void should_refuse_to_open_a_session_from_a_session() {
    Signed signed = signIn(createKey(createTenant("Nested " + UUID.randomUUID()), "tenant:read").getString("key"));

    HttpResponse<Buffer> nested = await(gw.client.post("/v1/session").putHeader("Cookie", signed.cookie())
        .putHeader(ConsoleSessions.CSRF_HEADER, signed.csrf()).send());

    assertProblem(nested, 400, "api_key_required");
  }

  private record Signed(String cookie, String csrf) {}

  private Signed signIn(String key) {
    HttpResponse<Buffer> signedIn = await(gw.client.post("/v1/session").putHeader("Authorization", "Bearer " + key).send());
    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(201);
    return new Signed(cookieOf(signedIn), signedIn.bodyAsJsonObject().getString("csrfToken"));
  }

  /** The name=value part of the session cookie the answer sets. */
  private static String cookieOf(HttpResponse<Buffer> response) {
    String setCookie = response.getHeader("Set-Cookie");
    assertThat(setCookie).startsWith(ConsoleSessions.COOKIE + "=");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private String createTenant(String name) {
    HttpResponse<Buffer> response = send(gw.client.post("/v1/tenants"), ADMIN_KEY, new JsonObject().put("name", name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private JsonObject createKey(String tenantId, String scope) {
    HttpResponse<Buffer> response = send(gw.client.post("/v1/tenants/" + tenantId + "/keys"), ADMIN_KEY,
        new JsonObject().put("name", "console").put("scopes", new JsonArray().add(scope)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }
}
