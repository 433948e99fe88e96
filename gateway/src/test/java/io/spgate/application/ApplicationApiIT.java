package io.spgate.application;

import static io.spgate.ApiCalls.assertProblem;
import static io.spgate.ApiCalls.send;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.lwa.GrantlessTokens;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Applications belong to tenants: the operator's, shared with the tenants it lists, or one tenant's own; a tenant
 * registers sellers and creates consent URLs only under those it may use, and sees no other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationApiIT {

  private static final String ADMIN = SimulatedAmazon.ADMIN_KEY;
  private static final String PARTICIPATIONS = "/sp-api/sellers/v1/marketplaceParticipations";

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  /** The simulator's second application, whose sellers are the odd ones. */
  private LwaApplication second;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(6).applications(2).quotas(false));
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    second = amazon.simulator.applications().get(1);
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_list_only_the_applications_a_tenant_may_use_and_never_their_secrets() {
    Tenant shared = tenant("main");
    Tenant alone = tenant();
    String operators = "ops-" + suffix();
    assertThat(send(gw.client.post("/v1/applications"), ADMIN, application(operators, second)).statusCode()).isEqualTo(201);

    JsonArray listed = items(send(gw.client.get("/v1/applications"), shared.reader, null));
    JsonArray listedAlone = items(send(gw.client.get("/v1/applications"), alone.reader, null));
    JsonArray all = items(send(gw.client.get("/v1/applications"), ADMIN, null));
    JsonArray asTenant = items(send(gw.client.get("/v1/applications").addQueryParam("tenantId", shared.id), ADMIN, null));

    assertThat(listed).containsExactly(new JsonObject().put("id", "main")
        .put("applicationId", amazon.simulator.applications().get(0).applicationId()).put("owner", "operator")
        .put("redirectUri", null).put("draft", false));
    assertThat(listedAlone).isEmpty();
    assertThat(asTenant).isEqualTo(listed);
    JsonObject main = find(all, "main");
    assertThat(main.getString("ownerTenantId")).isNull();
    assertThat(main.getJsonArray("sharedWith")).contains(shared.id);
    assertThat(find(all, operators).getJsonArray("sharedWith")).isEmpty();
    assertThat(all.encode() + listed.encode()).doesNotContain(second.clientSecret()).doesNotContain(second.clientId())
        .doesNotContain(amazon.simulator.applications().get(0).clientSecret());
    assertProblem(send(gw.client.get("/v1/applications").addQueryParam("tenantId", UUID.randomUUID().toString()), ADMIN, null), 404,
        "not_found");
  }

  @Test
  void should_let_a_tenant_add_its_own_application_and_use_it_alone() {
    Tenant owner = tenant();
    Tenant other = tenant("main");
    String own = "own-" + suffix();
    Seller oddSeller = amazon.simulator.sellers().get(1);

    HttpResponse<Buffer> created = send(gw.client.post("/v1/applications"), owner.writer,
        application(own, second).put("redirectUri", "https://vendor.example/oauth/callback"));
    // The only application the owner may use is taken when the registration names none.
    HttpResponse<Buffer> registered = register(owner.writer, oddSeller, null);
    HttpResponse<Buffer> called = send(gw.client.get("/v1/sellers/" + registered.bodyAsJsonObject().getString("id") + PARTICIPATIONS),
        owner.writer, null);
    HttpResponse<Buffer> byOther = register(other.writer, oddSeller, own);
    HttpResponse<Buffer> consentByOther = send(gw.client.post("/v1/sellers/authorizations"), other.writer,
        new JsonObject().put("marketplaceId", oddSeller.homeMarketplace().id()).put("application", own));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", own).put("applicationId", second.applicationId())
        .put("owner", "tenant").put("redirectUri", "https://vendor.example/oauth/callback").put("draft", false));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    assertThat(registered.bodyAsJsonObject().getString("application")).isEqualTo(own);
    assertThat(called.statusCode()).as(called.bodyAsString()).isEqualTo(200);
    assertProblem(byOther, 400, "validation_failed");
    assertThat(byOther.bodyAsJsonObject().getString("detail"))
        .isEqualTo("'application' must name an application this tenant may use: main.");
    assertProblem(consentByOther, 400, "validation_failed");
    assertThat(consentByOther.bodyAsString()).doesNotContain(own);
    assertThat(ids(send(gw.client.get("/v1/applications"), other.reader, null))).containsExactly("main");
    assertThat(ids(send(gw.client.get("/v1/applications"), owner.reader, null))).containsExactly(own);
    assertThat(dump()).contains(own).doesNotContain(second.clientSecret());
  }

  @Test
  void should_name_only_the_applications_the_tenant_may_use_when_none_or_a_wrong_one_is_given() {
    Tenant none = tenant();
    Tenant two = tenant("main");
    String own = "mine-" + suffix();
    assertThat(send(gw.client.post("/v1/applications"), two.writer, application(own, second)).statusCode()).isEqualTo(201);
    Seller seller = amazon.simulator.sellers().get(0);

    HttpResponse<Buffer> withNone = register(none.writer, seller, null);
    HttpResponse<Buffer> unnamed = register(two.writer, seller, null);
    HttpResponse<Buffer> unknown = register(two.writer, seller, "no-such-app");

    assertThat(withNone.bodyAsJsonObject().getString("detail")).startsWith("This tenant may use no application yet");
    assertThat(unnamed.bodyAsJsonObject().getString("detail"))
        .isEqualTo("'application' is required: this tenant may use main, " + own + ".");
    assertThat(unknown.bodyAsJsonObject().getString("detail"))
        .isEqualTo("'application' must name an application this tenant may use: main, " + own + ".");
    assertThat(register(two.writer, seller, "main").statusCode()).isEqualTo(201);
  }

  @Test
  void should_keep_existing_sellers_working_and_refuse_new_ones_once_an_application_is_unshared() {
    Tenant tenant = tenant("main");
    Seller seller = amazon.simulator.sellers().get(2);
    String sellerId = register(tenant.writer, seller, null).bodyAsJsonObject().getString("id");
    assertThat(send(gw.client.get("/v1/sellers/" + sellerId + PARTICIPATIONS), tenant.writer, null).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> unshared = send(gw.client.delete("/v1/applications/main/tenants/" + tenant.id), ADMIN, null);

    assertThat(unshared.statusCode()).isEqualTo(204);
    assertThat(send(gw.client.get("/v1/sellers/" + sellerId + PARTICIPATIONS), tenant.writer, null).statusCode()).isEqualTo(200);
    assertThat(send(gw.client.get("/v1/sellers/" + sellerId), tenant.reader, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("active");
    assertProblem(register(tenant.writer, amazon.simulator.sellers().get(4), "main"), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/sellers/authorizations"), tenant.writer,
        new JsonObject().put("marketplaceId", seller.homeMarketplace().id())), 400, "validation_failed");
    assertProblem(send(gw.client.post("/v1/sellers/" + sellerId + "/authorizations"), tenant.writer, new JsonObject()), 409,
        "application_not_shared");
    assertThat(items(send(gw.client.get("/v1/applications"), tenant.reader, null))).isEmpty();
  }

  @Test
  void should_validate_applications_and_leave_sharing_to_admins() {
    Tenant tenant = tenant();
    String own = "valid-" + suffix();
    JsonObject good = application(own, second);

    for (JsonObject bad : List.of(good.copy().put("id", "Upper"), good.copy().put("id", "x".repeat(65)), good.copy().put("id", "-dash"),
        good.copy().put("applicationId", "has space"), good.copy().put("clientId", ""), good.copy().put("clientSecret", "a b"),
        good.copy().put("clientSecret", "s".repeat(513)), good.copy().put("redirectUri", "https://user:pw@vendor.example/cb"),
        good.copy().put("redirectUri", "vendor.example/cb"), good.copy().put("draft", "yes"),
        good.copy().put("sharedWith", new JsonArray()),
        good.copy().put("rates", new JsonObject()))) {
      HttpResponse<Buffer> refused = send(gw.client.post("/v1/applications"), tenant.writer, bad);
      assertProblem(refused, 400, "validation_failed");
      assertThat(refused.bodyAsString()).doesNotContain(second.clientSecret());
    }
    assertProblem(send(gw.client.post("/v1/applications"), tenant.reader, good), 403, "insufficient_scope");
    assertProblem(send(gw.client.post("/v1/applications"), tenant.writer, good.copy().put("id", "main")), 409, "application_exists");
    assertThat(send(gw.client.post("/v1/applications"), tenant.writer, good).statusCode()).isEqualTo(201);
    assertProblem(send(gw.client.put("/v1/applications/main/tenants/" + tenant.id), tenant.writer, null), 403, "insufficient_scope");
    assertProblem(send(gw.client.put("/v1/applications/" + own + "/tenants/" + tenant().id), ADMIN, null), 409,
        "application_not_shareable");
    assertProblem(send(gw.client.put("/v1/applications/nothing-here/tenants/" + tenant.id), ADMIN, null), 404, "not_found");
    assertProblem(send(gw.client.put("/v1/applications/main/tenants/" + UUID.randomUUID()), ADMIN, null), 404, "not_found");
  }

  @Test
  void should_bound_how_many_applications_a_tenant_adds() {
    Tenant tenant = tenant();
    for (int i = 0; i < ApplicationRoutes.MAX_OWN; i++) {
      assertThat(send(gw.client.post("/v1/applications"), tenant.writer, application("many-" + i + "-" + suffix(), second)).statusCode())
          .isEqualTo(201);
    }

    assertProblem(send(gw.client.post("/v1/applications"), tenant.writer, application("one-too-many-" + suffix(), second)), 409,
        "application_limit");
  }

  @Test
  void should_delete_an_application_only_for_its_owner_and_only_when_no_seller_uses_it() {
    Tenant owner = tenant("main");
    Tenant other = tenant();
    String own = "gone-" + suffix();
    assertThat(send(gw.client.post("/v1/applications"), owner.writer, application(own, second)).statusCode()).isEqualTo(201);
    String sellerId = register(owner.writer, amazon.simulator.sellers().get(3), own).bodyAsJsonObject().getString("id");
    assertThat(register(owner.writer, amazon.simulator.sellers().get(0), "main").statusCode()).isEqualTo(201);
    JsonObject consent = send(gw.client.post("/v1/sellers/authorizations"), owner.writer,
        new JsonObject().put("marketplaceId", "ATVPDKIKX0DER").put("application", own)).bodyAsJsonObject();

    assertProblem(send(gw.client.delete("/v1/applications/" + own), other.writer, null), 404, "not_found");
    assertProblem(send(gw.client.delete("/v1/applications/main"), owner.writer, null), 403, "application_not_owned");
    assertProblem(send(gw.client.delete("/v1/applications/" + own), owner.writer, null), 409, "application_in_use");
    assertProblem(send(gw.client.delete("/v1/applications/main"), ADMIN, null), 409, "application_in_use");
    assertThat(send(gw.client.delete("/v1/sellers/" + sellerId), owner.writer, null).statusCode()).isEqualTo(204);
    assertThat(send(gw.client.delete("/v1/applications/" + own), owner.writer, null).statusCode()).isEqualTo(204);
    assertThat(ids(send(gw.client.get("/v1/applications"), owner.reader, null))).containsExactly("main");
    assertThat(consent.getString("state")).isNotBlank();
    assertThat(dump()).doesNotContain(own);
  }

  @Test
  void should_see_what_another_instance_added_at_once_and_what_it_took_away_within_the_reload_interval() {
    Tenant tenant = tenant();
    String own = "elsewhere-" + suffix();
    String later = "later-" + suffix();
    try (TestGateway other = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()))) {
      assertThat(send(gw.client.post("/v1/applications"), tenant.writer, application(own, second)).statusCode()).isEqualTo(201);
      String sellerId = register(tenant.writer, amazon.simulator.sellers().get(5), own).bodyAsJsonObject().getString("id");
      HttpResponse<Buffer> calledOnOther = send(other.client.get("/v1/sellers/" + sellerId + PARTICIPATIONS), tenant.writer, null);
      assertThat(send(gw.client.post("/v1/applications"), tenant.writer, application(later, second)).statusCode()).isEqualTo(201);
      HttpResponse<Buffer> addedOnOther = send(other.client.post("/v1/sellers"), tenant.writer,
          registration(amazon.simulator.sellers().get(3), later));
      SimulatedAmazon.share(gw, "main", tenant.id);
      HttpResponse<Buffer> sharedOnOther = send(other.client.post("/v1/sellers"), tenant.writer,
          registration(amazon.simulator.sellers().get(0), "main"));

      assertThat(calledOnOther.statusCode()).as(calledOnOther.bodyAsString()).isEqualTo(200);
      assertThat(addedOnOther.statusCode()).as(addedOnOther.bodyAsString()).isEqualTo(201);
      assertThat(sharedOnOther.statusCode()).as(sharedOnOther.bodyAsString()).isEqualTo(201);

      assertThat(send(gw.client.delete("/v1/applications/main/tenants/" + tenant.id), ADMIN, null).statusCode()).isEqualTo(204);
      long bound = Applications.RELOAD_INTERVAL.toNanos() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      long deadline = System.nanoTime() + bound;
      JsonObject consent = new JsonObject().put("marketplaceId", "ATVPDKIKX0DER").put("application", "main");
      int status = send(other.client.post("/v1/sellers/authorizations"), tenant.writer, consent).statusCode();
      while (status == 201 && System.nanoTime() < deadline) {
        await(amazon.vertx.timer(100));
        status = send(other.client.post("/v1/sellers/authorizations"), tenant.writer, consent).statusCode();
      }
      assertThat(status).as("a consent URL under the unshared application on the other instance").isEqualTo(400);
    }
  }

  @Test
  void should_share_the_operators_applications_with_the_tenants_the_file_lists() throws IOException {
    Tenant listed = tenant();
    Tenant dropped = tenant("main");
    Path file = Files.createTempFile("spgate-applications", ".json");
    file.toFile().deleteOnExit();
    LwaApplication main = amazon.simulator.applications().get(0);
    JsonObject entry = new JsonObject().put("id", "main").put("applicationId", main.applicationId()).put("clientId", main.clientId())
        .put("clientSecret", main.clientSecret()).put("sharedWith", new JsonArray().add(listed.id));

    Files.writeString(file, new JsonArray().add(entry).encode());
    try (TestGateway restarted = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_APPLICATIONS_FILE", file.toString())))) {
      assertThat(ids(send(restarted.client.get("/v1/applications"), listed.reader, null))).containsExactly("main");
      assertThat(items(send(restarted.client.get("/v1/applications"), dropped.reader, null))).isEmpty();
    }
    Files.writeString(file, new JsonArray().add(entry.copy().put("sharedWith", new JsonArray().add(UUID.randomUUID().toString())))
        .encode());
    var failed = TestGateway.startFailure(amazon.gatewaySettings(postgres, Map.of("SPGATE_APPLICATIONS_FILE", file.toString())));
    assertThat(failed)
        .hasMessageContaining("SPGATE_APPLICATIONS_FILE application 'main' has 'sharedWith' naming a tenant that does not exist");
    await(gw.gateway.services().applications().reload());
  }

  @Test
  void should_fetch_a_new_grantless_token_for_an_application_of_the_same_id_with_other_credentials() {
    LwaApplication first = amazon.simulator.applications().get(0);
    Application before = new Application("reused", first.applicationId(), new ClientCredentials(first.clientId(), first.clientSecret()),
        Optional.empty(), false, Optional.empty(), Map.of(), Optional.of(UUID.randomUUID()));
    Application after = new Application("reused", second.applicationId(), new ClientCredentials(second.clientId(), second.clientSecret()),
        Optional.empty(), false, Optional.empty(), Map.of(), Optional.of(UUID.randomUUID()));
    GrantlessTokens grantless = gw.gateway.services().grantlessTokens();

    String deletedOnes = await(grantless.accessToken(before, GrantlessTokens.NOTIFICATIONS));
    String newOnes = await(grantless.accessToken(after, GrantlessTokens.NOTIFICATIONS));

    assertThat(newOnes).isNotEqualTo(deletedOnes);
    assertThat(await(grantless.accessToken(after, GrantlessTokens.NOTIFICATIONS))).isEqualTo(newOnes);
  }

  /** A tenant with a reader and a writer key, and the operator's applications named shared with it. */
  private record Tenant(String id, String reader, String writer) {}

  private Tenant tenant(String... sharedApplications) {
    String id = send(gw.client.post("/v1/tenants"), ADMIN, new JsonObject().put("name", "Applications " + suffix())).bodyAsJsonObject()
        .getString("id");
    for (String application : sharedApplications) {
      if (application != null) {
        SimulatedAmazon.share(gw, application, id);
      }
    }
    return new Tenant(id, key(id, "tenant:read"), key(id, "tenant:write"));
  }

  private String key(String tenant, String scope) {
    return send(gw.client.post("/v1/tenants/" + tenant + "/keys"), ADMIN, new JsonObject().put("scopes", new JsonArray().add(scope)))
        .bodyAsJsonObject().getString("key");
  }

  private static JsonObject application(String id, LwaApplication app) {
    return new JsonObject().put("id", id).put("applicationId", app.applicationId()).put("clientId", app.clientId())
        .put("clientSecret", app.clientSecret());
  }

  private HttpResponse<Buffer> register(String key, Seller seller, String application) {
    return send(gw.client.post("/v1/sellers"), key, registration(seller, application));
  }

  private static JsonObject registration(Seller seller, String application) {
    JsonObject body = new JsonObject().put("sellingPartnerId", seller.sellerId())
        .put("marketplaceIds", new JsonArray(seller.marketplaceIds())).put("refreshToken", seller.refreshToken());
    return application == null ? body : body.put("application", application);
  }

  private String dump() {
    Pool pool = postgres.pool(gw.gateway.vertx(), 1);
    String dump = await(pool.query("SELECT coalesce((SELECT string_agg(a::text, ' ') FROM applications a), '') || ' '"
        + " || coalesce((SELECT string_agg(s::text, ' ') FROM oauth_states s), '')").execute()
        .map(rows -> rows.iterator().next().getString(0)));
    await(pool.close());
    return dump;
  }

  private static JsonArray items(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<String> ids(HttpResponse<Buffer> response) {
    return items(response).stream().map(JsonObject.class::cast).map(a -> a.getString("id")).toList();
  }

  private static JsonObject find(JsonArray applications, String id) {
    return applications.stream().map(JsonObject.class::cast).filter(a -> a.getString("id").equals(id)).findFirst().orElseThrow();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
