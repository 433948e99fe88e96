package io.spgate.idempotency;

import static io.spgate.ApiCalls.assertProblem;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.crypto.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Idempotency keys on the /v1 routes, against the real Postgres: a retry replays the first answer without acting twice,
 * another request under the key is refused, tenants' keys are apart, errors are not kept, keys expire after 24 hours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyKeysIT {

  private static final String ADMIN = "spg_idempotency-test-admin-0123456789abcdefghijkl";
  private static final String US = "ATVPDKIKX0DER";
  private static final String KEY = "Idempotency-Key";
  /** The key TestGateway's gateways seal with. */
  private static final SecretBox TEST_BOX = new SecretBox(List.of(new SecretBox.Key("test1", new byte[32])));

  private TestPostgres postgres;
  private TestGateway gw;
  private Pool pool;
  private String tenantA;
  private String writerA;
  private String readerA;
  private String writerB;

  @BeforeAll
  void start() throws IOException {
    Path apps = Files.createTempFile("spgate-applications", ".json");
    apps.toFile().deleteOnExit();
    Files.writeString(apps, new JsonArray().add(new JsonObject().put("id", "main").put("applicationId", "amzn1.sp.solution.test")
        .put("clientId", "amzn1.application-oa2-client.test").put("clientSecret", "client-secret")).encode());
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN,
        "SPGATE_APPLICATIONS_FILE", apps.toString()));
    pool = postgres.pool(gw.gateway.vertx(), 2);
    tenantA = tenant("Idempotent A");
    writerA = key(tenantA, "tenant:write");
    readerA = key(tenantA, "tenant:read");
    writerB = key(tenant("Idempotent B"), "tenant:write");
  }

  @AfterAll
  void stop() {
    await(pool.close());
    gw.close();
    postgres.close();
  }

  @Test
  void should_replay_the_first_answer_to_a_retry_without_acting_twice() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1ONCE" + suffix());

    HttpResponse<Buffer> first = send(gw.client.post("/v1/sellers"), writerA, key, seller);
    HttpResponse<Buffer> retry = send(gw.client.post("/v1/sellers"), writerA, key, seller);

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());
    assertThat(retry.getHeader("X-Request-Id")).isNotEqualTo(first.getHeader("X-Request-Id"));
    assertThat(sellersNamed(seller)).isEqualTo(1);
    // Without the key the same body acts again, and is refused as a second registration.
    assertProblem(send(gw.client.post("/v1/sellers"), writerA, null, seller), 409, "seller_exists");
  }

  @Test
  void should_replay_an_answer_without_a_body() {
    String id = created(send(gw.client.post("/v1/sellers"), writerA, null, seller("A1GONE" + suffix())));
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> deleted = send(gw.client.delete("/v1/sellers/" + id), writerA, key, null);
    HttpResponse<Buffer> retry = send(gw.client.delete("/v1/sellers/" + id), writerA, key, null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(retry.statusCode()).isEqualTo(204);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertProblem(send(gw.client.delete("/v1/sellers/" + id), writerA, null, null), 404, "not_found");
  }

  @Test
  void should_refuse_the_key_with_another_body_or_on_another_route() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1FIRST" + suffix());
    String id = created(send(gw.client.post("/v1/sellers"), writerA, key, seller));
    JsonObject other = seller("A1OTHER" + suffix());

    assertProblem(send(gw.client.post("/v1/sellers"), writerA, key, other), 409, "idempotency_key_reused");
    assertProblem(send(gw.client.patch("/v1/sellers/" + id), writerA, key, seller), 409, "idempotency_key_reused");
    assertProblem(send(gw.client.post("/v1/sellers").addQueryParam("tenantId", tenantA), writerA, key, seller), 409,
        "idempotency_key_reused");
    assertThat(sellersNamed(other)).isZero();
    assertThat(send(gw.client.post("/v1/sellers"), writerA, key, seller).getHeader("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void should_keep_each_tenants_keys_apart() {
    String key = UUID.randomUUID().toString();
    JsonObject mine = seller("A1MINE" + suffix());
    JsonObject theirs = seller("A1THEIRS" + suffix());

    String a = created(send(gw.client.post("/v1/sellers"), writerA, key, mine));
    HttpResponse<Buffer> b = send(gw.client.post("/v1/sellers"), writerB, key, theirs);
    HttpResponse<Buffer> bAgain = send(gw.client.post("/v1/sellers"), writerB, key, theirs);

    assertThat(b.statusCode()).as(b.bodyAsString()).isEqualTo(201);
    assertThat(b.getHeader("Idempotent-Replayed")).isNull();
    assertThat(created(b)).isNotEqualTo(a);
    assertThat(created(bAgain)).isEqualTo(created(b));
    assertThat(sellersNamed(mine)).isEqualTo(1);
    assertThat(sellersNamed(theirs)).isEqualTo(1);
  }

  @Test
  void should_give_a_kept_answer_only_to_a_key_that_may_make_the_request() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1WRITER" + suffix());
    created(send(gw.client.post("/v1/sellers"), writerA, key, seller));

    assertProblem(send(gw.client.post("/v1/sellers"), readerA, key, seller), 403, "insufficient_scope");
  }

  @Test
  void should_answer_in_use_while_the_first_request_is_in_flight() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1SLOW" + suffix());
    SqlConnection lock = lockSellers();
    Future<HttpResponse<Buffer>> first = request(gw.client.post("/v1/sellers"), writerA, key).sendJsonObject(seller);
    waitUntilASellerInsertWaits();

    HttpResponse<Buffer> meanwhile = send(gw.client.post("/v1/sellers"), writerA, key, seller);
    unlock(lock);
    HttpResponse<Buffer> answered = await(first);
    HttpResponse<Buffer> after = send(gw.client.post("/v1/sellers"), writerA, key, seller);

    assertProblem(meanwhile, 409, "idempotency_key_in_use");
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(201);
    assertThat(after.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(after.bodyAsString()).isEqualTo(answered.bodyAsString());
    assertThat(sellersNamed(seller)).isEqualTo(1);
  }

  @Test
  void should_not_keep_a_5xx_so_that_the_retry_runs_again() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1RETRY" + suffix());
    SqlConnection lock = lockSellers();
    Future<HttpResponse<Buffer>> first = request(gw.client.post("/v1/sellers"), writerA, key).sendJsonObject(seller);
    int waiting = waitUntilASellerInsertWaits();
    // Postgres cancels the route's insert, as at its statement timeout: the route fails with a 503.
    await(pool.preparedQuery("SELECT pg_cancel_backend($1)").execute(Tuple.of(waiting)));
    HttpResponse<Buffer> failed = await(first);
    unlock(lock);

    HttpResponse<Buffer> retry = send(gw.client.post("/v1/sellers"), writerA, key, seller);

    assertProblem(failed, 503, "postgres_timeout");
    assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(201);
    assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
    assertThat(sellersNamed(seller)).isEqualTo(1);
  }

  @Test
  void should_not_keep_a_refusal_so_that_a_corrected_request_may_use_the_key() {
    String key = UUID.randomUUID().toString();
    JsonObject seller = seller("A1FIXED" + suffix());

    HttpResponse<Buffer> refused = send(gw.client.post("/v1/sellers"), writerA, key, seller.copy().put("marketplaceIds",
        new JsonArray().add("XYZ")));
    HttpResponse<Buffer> corrected = send(gw.client.post("/v1/sellers"), writerA, key, seller);

    assertProblem(refused, 400, "validation_failed");
    assertThat(corrected.statusCode()).as(corrected.bodyAsString()).isEqualTo(201);
    assertThat(sellersNamed(seller)).isEqualTo(1);
  }

  @Test
  void should_refuse_a_malformed_key() {
    JsonObject seller = seller("A1BADKEY" + suffix());

    for (String malformed : List.of("has space", "x".repeat(256), "", "tab\there")) {
      assertProblem(send(gw.client.post("/v1/sellers"), writerA, malformed, seller), 400, "validation_failed");
    }
    assertThat(send(gw.client.post("/v1/sellers"), writerA, "x".repeat(255), seller).statusCode()).isEqualTo(201);
  }

  @Test
  void should_refuse_a_route_that_requires_a_key_without_one() {
    HttpResponse<Buffer> updates = await(gw.client.post("/v1/updates").putHeader("Authorization", "Bearer " + writerA)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[]")));

    assertProblem(updates, 400, "idempotency_key_required");
  }

  @Test
  void should_let_an_expired_key_go_to_a_new_request_and_purge_it() {
    String key = UUID.randomUUID().toString();
    created(send(gw.client.post("/v1/sellers"), writerA, key, seller("A1DAY1" + suffix())));
    ageKey(key, 25);

    JsonObject nextDay = seller("A1DAY2" + suffix());
    HttpResponse<Buffer> reused = send(gw.client.post("/v1/sellers"), writerA, key, nextDay);
    String fresh = UUID.randomUUID().toString();
    created(send(gw.client.post("/v1/sellers"), writerA, fresh, seller("A1DAY3" + suffix())));
    String old = UUID.randomUUID().toString();
    created(send(gw.client.post("/v1/sellers"), writerA, old, seller("A1DAY4" + suffix())));
    ageKey(old, 23);
    String expired = UUID.randomUUID().toString();
    created(send(gw.client.post("/v1/sellers"), writerA, expired, seller("A1DAY5" + suffix())));
    ageKey(expired, 25);
    int purged = await(new KeptAnswers(pool, TEST_BOX).purgeExpired());

    assertThat(reused.statusCode()).as(reused.bodyAsString()).isEqualTo(201);
    assertThat(reused.getHeader("Idempotent-Replayed")).isNull();
    assertThat(sellersNamed(nextDay)).isEqualTo(1);
    assertThat(purged).isGreaterThanOrEqualTo(1);
    assertThat(keysStored(List.of(key, fresh, old, expired))).containsExactlyInAnyOrder(key, fresh, old);
  }

  @Test
  void should_keep_a_secret_shown_once_sealed_and_give_it_again_to_the_retry() {
    String key = UUID.randomUUID().toString();
    JsonObject request = new JsonObject().put("name", "shown once").put("scopes", new JsonArray().add("tenant:read"));

    HttpResponse<Buffer> created = send(gw.client.post("/v1/tenants/" + tenantA + "/keys"), writerA, key, request);
    HttpResponse<Buffer> retry = send(gw.client.post("/v1/tenants/" + tenantA + "/keys"), writerA, key, request);

    String secret = created.bodyAsJsonObject().getString("key");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(retry.bodyAsJsonObject().getString("key")).isEqualTo(secret);
    String stored = await(pool.preparedQuery("SELECT k::text || encode(answer_body, 'escape') FROM idempotency_keys k"
        + " WHERE idempotency_key = $1").execute(Tuple.of(key)).map(rows -> rows.iterator().next().getString(0)));
    assertThat(stored).doesNotContain(secret).doesNotContain(secret.substring(4, 20));
    long keys = await(pool.preparedQuery("SELECT count(*) FROM api_keys WHERE name = 'shown once'").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
    assertThat(keys).isEqualTo(1);
  }

  @Test
  void should_not_replay_an_answer_that_set_a_cookie() {
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> signedIn = send(gw.client.post("/v1/session"), writerA, key, null);
    // The key is let go once the answer with its cookie is written.
    assertThat(Eventually.until(gw.gateway.vertx(), () -> keysStored(List.of(key)), List::isEmpty)).isEmpty();
    HttpResponse<Buffer> again = send(gw.client.post("/v1/session"), writerA, key, null);

    assertThat(signedIn.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.getHeader("Idempotent-Replayed")).isNull();
    assertThat(again.cookies()).isNotEmpty().doesNotContainAnyElementsOf(signedIn.cookies());
  }

  private static HttpRequest<Buffer> request(HttpRequest<Buffer> request, String apiKey, String idempotencyKey) {
    request.putHeader("Authorization", "Bearer " + apiKey);
    if (idempotencyKey != null) {
      request.putHeader(KEY, idempotencyKey);
    }
    return request;
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String apiKey, String idempotencyKey, JsonObject body) {
    request(request, apiKey, idempotencyKey);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static String created(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  private static JsonObject seller(String sellingPartnerId) {
    return new JsonObject().put("sellingPartnerId", sellingPartnerId).put("marketplaceIds", new JsonArray().add(US))
        .put("refreshToken", "Atzr|" + sellingPartnerId);
  }

  private long sellersNamed(JsonObject seller) {
    return await(pool.preparedQuery("SELECT count(*) FROM sellers WHERE selling_partner_id = $1")
        .execute(Tuple.of(seller.getString("sellingPartnerId"))).map(rows -> rows.iterator().next().getLong(0)));
  }

  /** A transaction that holds the sellers table against writes, so that a request registering one waits in flight. */
  private SqlConnection lockSellers() {
    SqlConnection connection = await(pool.getConnection());
    await(connection.query("BEGIN").execute());
    await(connection.query("LOCK TABLE sellers IN SHARE MODE").execute());
    return connection;
  }

  private static void unlock(SqlConnection lock) {
    await(lock.query("ROLLBACK").execute());
    await(lock.close());
  }

  /** The backend whose insert of a seller waits for the lock; fails when none comes to wait. */
  private int waitUntilASellerInsertWaits() {
    List<Integer> waiting = Eventually.until(gw.gateway.vertx(), () -> await(pool.query("SELECT pid FROM pg_stat_activity"
            + " WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO sellers%'").execute()
        .map(rows -> {
          List<Integer> pids = new java.util.ArrayList<>();
          rows.forEach(row -> pids.add(row.getInteger(0)));
          return pids;
        })), pids -> !pids.isEmpty());
    assertThat(waiting).hasSize(1);
    return waiting.get(0);
  }

  private void ageKey(String key, int hours) {
    await(pool.preparedQuery("UPDATE idempotency_keys SET created_at = now() - make_interval(hours => $2) WHERE idempotency_key = $1")
        .execute(Tuple.of(key, hours)));
  }

  private List<String> keysStored(List<String> keys) {
    return await(pool.preparedQuery("SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key = ANY ($1)")
        .execute(Tuple.of(keys.toArray(String[]::new))).map(rows -> {
          List<String> found = new java.util.ArrayList<>();
          rows.forEach(row -> found.add(row.getString(0)));
          return found;
        }));
  }

  private String tenant(String name) {
    String tenant = created(send(gw.client.post("/v1/tenants"), ADMIN, null, new JsonObject().put("name", name)));
    assertThat(send(gw.client.put("/v1/applications/main/tenants/" + tenant), ADMIN, null, null).statusCode()).isEqualTo(204);
    return tenant;
  }

  private String key(String tenant, String scope) {
    return send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN, null, new JsonObject().put("scopes", new JsonArray().add(scope)))
        .bodyAsJsonObject().getString("key");
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
  }
}
