package io.spgate.seller;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SellerApiIT {

  private static final String ADMIN = "spg_seller-test-admin-0123456789abcdefghijklmnopq";
  private static final String CLIENT_SECRET = "amzn1.oa2-cs.v1.client-secret-that-must-stay-sealed";
  private static final String US = "ATVPDKIKX0DER";
  private static final String CA = "A2EUQ1WTGCTBG2";
  private static final String DE = "A1PA6795UKMFR9";

  private TestPostgres postgres;
  private TestGateway gw;
  private String tenantA;
  private String writerA;
  private String readerA;
  private String writerB;

  @BeforeAll
  void start() throws IOException {
    Path apps = Files.createTempFile("spgate-applications", ".json");
    apps.toFile().deleteOnExit();
    Files.writeString(apps, new JsonArray().add(new JsonObject().put("id", "main").put("applicationId", "amzn1.sp.solution.test")
        .put("clientId", "amzn1.application-oa2-client.test").put("clientSecret", CLIENT_SECRET)).encode());
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN,
        "SPGATE_APPLICATIONS_FILE", apps.toString()));
    tenantA = tenant("Seller Tenant A");
    writerA = key(tenantA, "tenant:write");
    readerA = key(tenantA, "tenant:read");
    writerB = key(tenant("Seller Tenant B"), "tenant:write");
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
  }

  @Test
  void should_register_a_seller_and_never_show_or_store_its_refresh_token_in_clear() {
    String refreshToken = "Atzr|IwEBI-" + UUID.randomUUID();
    JsonObject seller = createSeller(writerA, "A1SELLER" + suffix(), List.of(US, CA), refreshToken);

    assertThat(seller.getString("region")).isEqualTo("na");
    assertThat(seller.getString("status")).isEqualTo("active");
    assertThat(seller.getString("application")).isEqualTo("main");
    assertThat(seller.getJsonArray("marketplaceIds")).containsExactly(US, CA);
    assertThat(seller.encode()).doesNotContain(refreshToken);
    HttpResponse<Buffer> read = send(gw.client.get("/v1/sellers/" + seller.getString("id")), readerA, null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsString()).doesNotContain(refreshToken);

    Pool pool = postgres.pool(gw.gateway.vertx(), 1);
    String dump = await(pool.query("SELECT (SELECT string_agg(s::text, ' ') FROM sellers s)"
            + " || (SELECT string_agg(a::text, ' ') FROM applications a)")
        .execute().map(rows -> rows.iterator().next().getString(0)));
    String bytesDump = await(pool.query("SELECT encode(refresh_token, 'escape') FROM sellers").execute()
        .map(rows -> { StringBuilder all = new StringBuilder(); rows.forEach(r -> all.append(r.getString(0))); return all.toString(); }));
    await(pool.close());
    assertThat(dump).contains(seller.getString("id")).doesNotContain(refreshToken).doesNotContain(CLIENT_SECRET);
    assertThat(bytesDump).doesNotContain("Atzr|").doesNotContain(refreshToken.substring(11));
  }

  @Test
  void should_validate_seller_input() {
    assertProblem(send(gw.client.post("/v1/sellers"), writerA, new JsonObject().put("sellingPartnerId", "bad id")
        .put("marketplaceIds", new JsonArray().add(US)).put("refreshToken", "Atzr|x")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), writerA, body("A1MIXED" + suffix(), List.of(US, DE), "Atzr|x")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), writerA, body("A1UNKNOWN" + suffix(), List.of("XYZ"), "Atzr|x")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), writerA, body("A1NOTOKEN" + suffix(), List.of(US), " ")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), writerA,
        body("A1REGION" + suffix(), List.of(US), "Atzr|x").put("region", "eu")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), writerA,
        body("A1APP" + suffix(), List.of(US), "Atzr|x").put("application", "other")), 400);
    assertProblem(send(gw.client.post("/v1/sellers"), readerA, body("A1READER" + suffix(), List.of(US), "Atzr|x")), 403);
    String id = "A1TWICE" + suffix();
    createSeller(writerA, id, List.of(US), "Atzr|first");
    assertThat(send(gw.client.post("/v1/sellers"), writerA, body(id, List.of(US), "Atzr|second")).statusCode()).isEqualTo(409);
  }

  @Test
  void should_keep_tenants_apart() {
    JsonObject mine = createSeller(writerA, "A1MINE" + suffix(), List.of(DE), "Atzr|mine");
    String path = "/v1/sellers/" + mine.getString("id");

    assertProblem(send(gw.client.get(path), writerB, null), 404);
    assertProblem(send(gw.client.patch(path), writerB, new JsonObject().put("status", "disabled")), 404);
    assertProblem(send(gw.client.delete(path), writerB, null), 404);
    assertProblem(send(gw.client.get("/v1/sellers").addQueryParam("tenantId", tenantA), writerB, null), 404);
    JsonObject listedByB = send(gw.client.get("/v1/sellers"), writerB, null).bodyAsJsonObject();
    assertThat(listedByB.getJsonArray("items").encode()).doesNotContain(mine.getString("id"));
    assertThat(send(gw.client.get(path), writerA, null).statusCode()).isEqualTo(200);
    assertThat(send(gw.client.get("/v1/sellers").addQueryParam("tenantId", tenantA), ADMIN, null).bodyAsString())
        .contains(mine.getString("id"));
  }

  @Test
  void should_update_disable_and_delete_a_seller() {
    JsonObject seller = createSeller(writerA, "A1LIFE" + suffix(), List.of(US), "Atzr|life");
    String path = "/v1/sellers/" + seller.getString("id");

    JsonObject updated = send(gw.client.patch(path), writerA, new JsonObject().put("marketplaceIds", new JsonArray().add(US).add(CA)))
        .bodyAsJsonObject();
    JsonObject disabled = send(gw.client.patch(path), writerA, new JsonObject().put("status", "disabled")).bodyAsJsonObject();
    assertProblem(send(gw.client.patch(path), writerA, new JsonObject().put("marketplaceIds", new JsonArray().add(DE))), 400);
    assertProblem(send(gw.client.patch(path), writerA, new JsonObject().put("status", "reauth_required")), 400);
    assertProblem(send(gw.client.patch(path), writerA, new JsonObject().put("refreshToken", "Atzr|sneak")), 400);
    HttpResponse<Buffer> deleted = send(gw.client.delete(path), writerA, null);

    assertThat(updated.getJsonArray("marketplaceIds")).containsExactly(US, CA);
    assertThat(disabled.getString("status")).isEqualTo("disabled");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertProblem(send(gw.client.get(path), writerA, null), 404);
  }

  @Test
  void should_list_with_filters_and_cursor() {
    String tenant = tenant("Lister " + UUID.randomUUID());
    String writer = key(tenant, "tenant:write");
    for (int i = 0; i < 5; i++) {
      createSeller(writer, "A1LIST" + i + suffix(), List.of(i % 2 == 0 ? US : DE), "Atzr|l" + i);
    }
    List<String> regions = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpRequest<Buffer> request = gw.client.get("/v1/sellers").addQueryParam("limit", "2");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = send(request, writer, null).bodyAsJsonObject();
      page.getJsonArray("items").forEach(s -> regions.add(((JsonObject) s).getString("region")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(regions).containsExactly("na", "eu", "na", "eu", "na");
    JsonObject eu = send(gw.client.get("/v1/sellers").addQueryParam("region", "eu"), writer, null).bodyAsJsonObject();
    assertThat(eu.getJsonArray("items")).hasSize(2);
    JsonObject us = send(gw.client.get("/v1/sellers").addQueryParam("marketplaceId", US).addQueryParam("status", "active"), writer, null)
        .bodyAsJsonObject();
    assertThat(us.getJsonArray("items")).hasSize(3);
    assertProblem(send(gw.client.get("/v1/sellers").addQueryParam("status", "sleeping"), writer, null), 400);
  }

  @Test
  void should_search_sellers_by_the_start_of_their_id_in_any_case() {
    String tenant = tenant("Searcher " + UUID.randomUUID());
    String writer = key(tenant, "tenant:write");
    String suffix = suffix();
    createSeller(writer, "A1FIND1" + suffix, List.of(US), "Atzr|f1");
    createSeller(writer, "A1FIND2" + suffix, List.of(US), "Atzr|f2");
    createSeller(writer, "A2OTHER" + suffix, List.of(US), "Atzr|f3");

    JsonObject found = send(gw.client.get("/v1/sellers").addQueryParam("q", "a1fi"), writer, null).bodyAsJsonObject();
    JsonObject one = send(gw.client.get("/v1/sellers").addQueryParam("q", "A1FIND2"), writer, null).bodyAsJsonObject();

    assertThat(found.getJsonArray("items").stream().map(s -> ((JsonObject) s).getString("sellingPartnerId")))
        .containsExactly("A1FIND1" + suffix, "A1FIND2" + suffix);
    assertThat(one.getJsonArray("items")).hasSize(1);
    assertProblem(send(gw.client.get("/v1/sellers").addQueryParam("q", "A1%"), writer, null), 400);
  }

  @Test
  void should_answer_404_when_an_admin_acts_for_a_tenant_that_does_not_exist() {
    String nobody = UUID.randomUUID().toString();
    JsonObject seller = createSeller(writerA, "A1NOBODY" + suffix(), List.of(US), "Atzr|nobody");

    List<HttpResponse<Buffer>> answers = List.of(
        send(gw.client.post("/v1/sellers").addQueryParam("tenantId", nobody), ADMIN, body("A1NOBODY" + suffix(), List.of(US), "Atzr|x")),
        send(gw.client.get("/v1/sellers").addQueryParam("tenantId", nobody), ADMIN, null),
        send(gw.client.get("/v1/sellers/" + seller.getString("id")).addQueryParam("tenantId", nobody), ADMIN, null),
        send(gw.client.patch("/v1/sellers/" + seller.getString("id")).addQueryParam("tenantId", nobody), ADMIN,
            new JsonObject().put("status", "disabled")),
        send(gw.client.post("/v1/sellers/authorizations").addQueryParam("tenantId", nobody), ADMIN,
            new JsonObject().put("marketplaceId", US)),
        send(gw.client.get("/v1/quotas").addQueryParam("tenantId", nobody).addQueryParam("sellerId", seller.getString("id")), ADMIN, null));

    for (HttpResponse<Buffer> answer : answers) {
      assertProblem(answer, 404);
      assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(answer.bodyAsJsonObject().getString("detail")).isEqualTo("Tenant " + nobody + " does not exist.");
    }
    assertThat(send(gw.client.get("/v1/sellers/" + seller.getString("id")), readerA, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("active");
  }

  private JsonObject createSeller(String key, String sellingPartnerId, List<String> marketplaces, String refreshToken) {
    HttpResponse<Buffer> response = send(gw.client.post("/v1/sellers"), key, body(sellingPartnerId, marketplaces, refreshToken));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static JsonObject body(String sellingPartnerId, List<String> marketplaces, String refreshToken) {
    return new JsonObject().put("sellingPartnerId", sellingPartnerId).put("marketplaceIds", new JsonArray(marketplaces))
        .put("refreshToken", refreshToken);
  }

  /** A new tenant with the operator's application shared with it. */
  private String tenant(String name) {
    String tenant = send(gw.client.post("/v1/tenants"), ADMIN, new JsonObject().put("name", name)).bodyAsJsonObject().getString("id");
    assertThat(send(gw.client.put("/v1/applications/main/tenants/" + tenant), ADMIN, null).statusCode()).isEqualTo(204);
    return tenant;
  }

  private String key(String tenant, String scope) {
    return send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN, new JsonObject().put("scopes", new JsonArray().add(scope)))
        .bodyAsJsonObject().getString("key");
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, JsonObject body) {
    request.putHeader("Authorization", "Bearer " + key);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }
}
