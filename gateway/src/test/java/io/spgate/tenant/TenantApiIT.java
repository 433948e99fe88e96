package io.spgate.tenant;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantApiIT {

  private static final String ADMIN_KEY = "spg_test-admin-key-0123456789abcdefghijklmnop";

  private TestPostgres postgres;
  private TestGateway gw;

  @BeforeAll
  void start() {
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY,
        "SPGATE_BODY_LIMIT", "4KiB"));
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
  }

  @Test
  void should_answer_401_problem_without_or_with_a_wrong_key() {
    HttpResponse<Buffer> missing = send(gw.client.get("/v1/me"), null, null);
    HttpResponse<Buffer> wrong = send(gw.client.get("/v1/me"), "spg_not-a-key-at-all-0000000000000000000000", null);
    HttpResponse<Buffer> notBearer = send(gw.client.get("/v1/me").putHeader("Authorization", "Basic YWRtaW46YWRtaW4="), null, null);

    assertProblem(missing, 401, "missing_api_key");
    assertProblem(wrong, 401, "invalid_api_key");
    assertProblem(notBearer, 401, "invalid_api_key");
    assertThat(wrong.getHeader("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void should_let_the_admin_create_tenants_and_keys_shown_once() {
    JsonObject tenant = createTenant("Acme Repricing " + UUID.randomUUID());
    JsonObject key = createKey(tenant.getString("id"), ADMIN_KEY, "tenant:write");

    assertThat(key.getString("key")).startsWith("spg_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(key.getJsonArray("scopes")).containsExactly("tenant:write");
    HttpResponse<Buffer> me = send(gw.client.get("/v1/me"), key.getString("key"), null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("tenantId")).isEqualTo(tenant.getString("id"));

    HttpResponse<Buffer> listed = send(gw.client.get("/v1/tenants/" + tenant.getString("id") + "/keys"), key.getString("key"), null);
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonObject listedKey = listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(listedKey.getString("prefix")).isEqualTo(key.getString("key").substring(0, 12));
    assertThat(listedKey.containsKey("key")).isFalse();
    assertThat(listed.bodyAsString()).doesNotContain(key.getString("key"));
  }

  @Test
  void should_store_keys_only_as_hashes() {
    JsonObject tenant = createTenant("Hash Check " + UUID.randomUUID());
    String key = createKey(tenant.getString("id"), ADMIN_KEY, "tenant:read").getString("key");

    Pool pool = postgres.pool(gw.gateway.vertx(), 1);
    String dump = await(pool.query("SELECT string_agg(t::text, E'\\n') FROM api_keys t").execute()
        .map(rows -> rows.iterator().next().getString(0)));
    await(pool.close());

    assertThat(dump).doesNotContain(key).doesNotContain(ADMIN_KEY).doesNotContain(key.substring(12));
  }

  @Test
  void should_reject_a_revoked_key_with_401() {
    JsonObject tenant = createTenant("Revoked " + UUID.randomUUID());
    JsonObject key = createKey(tenant.getString("id"), ADMIN_KEY, "tenant:read");
    assertThat(send(gw.client.get("/v1/me"), key.getString("key"), null).statusCode()).isEqualTo(200);

    String keyPath = "/v1/tenants/" + tenant.getString("id") + "/keys/" + key.getString("id");
    HttpResponse<Buffer> revoked = send(gw.client.delete(keyPath), ADMIN_KEY, null);
    HttpResponse<Buffer> again = send(gw.client.delete(keyPath), ADMIN_KEY, null);

    assertThat(revoked.statusCode()).isEqualTo(204);
    assertProblem(again, 404, "not_found");
    assertProblem(send(gw.client.get("/v1/me"), key.getString("key"), null), 401, "invalid_api_key");
  }

  @Test
  void should_answer_403_when_the_scope_is_missing() {
    JsonObject tenant = createTenant("Read Only " + UUID.randomUUID());
    String reader = createKey(tenant.getString("id"), ADMIN_KEY, "tenant:read").getString("key");
    String writer = createKey(tenant.getString("id"), ADMIN_KEY, "tenant:write").getString("key");

    assertProblem(send(gw.client.post("/v1/tenants/" + tenant.getString("id") + "/keys"), reader,
        new JsonObject().put("scopes", new JsonArray().add("tenant:read"))), 403, "insufficient_scope");
    assertProblem(send(gw.client.post("/v1/tenants"), writer, new JsonObject().put("name", "sneaky")), 403, "insufficient_scope");
    assertProblem(send(gw.client.get("/v1/tenants"), reader, null), 403, "insufficient_scope");
    assertProblem(send(gw.client.post("/v1/tenants/" + tenant.getString("id") + "/keys"), writer,
        new JsonObject().put("scopes", new JsonArray().add("admin"))), 400, "validation_failed");
  }

  @Test
  void should_report_another_tenants_resources_as_404() {
    JsonObject mine = createTenant("Mine " + UUID.randomUUID());
    JsonObject theirs = createTenant("Theirs " + UUID.randomUUID());
    String myWriter = createKey(mine.getString("id"), ADMIN_KEY, "tenant:write").getString("key");
    JsonObject theirKey = createKey(theirs.getString("id"), ADMIN_KEY, "tenant:read");
    String theirPath = "/v1/tenants/" + theirs.getString("id");

    assertProblem(send(gw.client.get(theirPath), myWriter, null), 404, "not_found");
    assertProblem(send(gw.client.get(theirPath + "/keys"), myWriter, null), 404, "not_found");
    assertProblem(send(gw.client.delete(theirPath + "/keys/" + theirKey.getString("id")), myWriter, null), 404, "not_found");
    assertProblem(send(gw.client.delete("/v1/tenants/" + mine.getString("id") + "/keys/" + theirKey.getString("id")), myWriter, null),
        404, "not_found");
    assertProblem(send(gw.client.get("/v1/tenants/" + UUID.randomUUID()), myWriter, null), 404, "not_found");
    assertThat(send(gw.client.get("/v1/me"), theirKey.getString("key"), null).statusCode()).isEqualTo(200);
    assertThat(send(gw.client.get("/v1/tenants/" + mine.getString("id")), myWriter, null).statusCode()).isEqualTo(200);
  }

  @Test
  void should_page_through_tenants_with_a_cursor() {
    String prefix = "Paged " + UUID.randomUUID() + " ";
    for (int i = 0; i < 3; i++) {
      createTenant(prefix + i);
    }
    java.util.List<String> seen = new java.util.ArrayList<>();
    String cursor = null;
    do {
      HttpRequest<Buffer> request = gw.client.get("/v1/tenants").addQueryParam("limit", "2");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = send(request, ADMIN_KEY, null).bodyAsJsonObject();
      page.getJsonArray("items").forEach(t -> seen.add(((JsonObject) t).getString("name")));
      cursor = page.getString("nextCursor");
    } while (cursor != null);

    assertThat(seen).isSorted().doesNotHaveDuplicates().contains(prefix + 0, prefix + 1, prefix + 2);
    assertProblem(send(gw.client.get("/v1/tenants").addQueryParam("limit", "0"), ADMIN_KEY, null), 400, "validation_failed");
  }

  @Test
  void should_validate_bodies_and_refuse_duplicates() {
    String name = "Duplicate " + UUID.randomUUID();
    createTenant(name);

    assertProblem(send(gw.client.post("/v1/tenants"), ADMIN_KEY, new JsonObject().put("name", name)), 409, "tenant_name_taken");
    assertProblem(send(gw.client.post("/v1/tenants"), ADMIN_KEY, new JsonObject().put("name", "  ")), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/tenants"), ADMIN_KEY, new JsonObject().put("name", 42)), 400, "validation_failed");
    HttpResponse<Buffer> notJson = await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json")));
    assertProblem(notJson, 400, "malformed_json");
    HttpResponse<Buffer> tooLarge = await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("name", "x".repeat(8192)).encode())));
    assertProblem(tooLarge, 413, "body_too_large");
  }

  @Test
  void should_answer_problem_json_with_request_id_for_unknown_routes() {
    HttpResponse<Buffer> unknown = await(gw.client.get("/v1/nothing-here").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .putHeader("X-Request-Id", "caller-id-123").send());
    HttpResponse<Buffer> outside = await(gw.client.get("/no/such/page").send());

    assertProblem(unknown, 404, "not_found");
    assertThat(unknown.getHeader("X-Request-Id")).isEqualTo("caller-id-123");
    assertThat(unknown.bodyAsJsonObject().getString("requestId")).isEqualTo("caller-id-123");
    assertProblem(outside, 404, "not_found");
    assertThat(outside.getHeader("X-Request-Id")).isNotBlank().isNotEqualTo("caller-id-123");
  }

  private JsonObject createTenant(String name) {
    HttpResponse<Buffer> response = send(gw.client.post("/v1/tenants"), ADMIN_KEY, new JsonObject().put("name", name));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private JsonObject createKey(String tenantId, String asKey, String scope) {
    HttpResponse<Buffer> response = send(gw.client.post("/v1/tenants/" + tenantId + "/keys"), asKey,
        new JsonObject().put("name", "test").put("scopes", new JsonArray().add(scope)));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, JsonObject body) {
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).isEqualTo("urn:spgate:problem:" + code);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(response.getHeader("X-Request-Id")).isNotBlank();
  }
}
