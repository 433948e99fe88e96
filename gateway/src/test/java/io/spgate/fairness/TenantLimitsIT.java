package io.spgate.fairness;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Tenants' own limits on the gateway through its HTTP API: the 429s a tenant past them gets, another tenant unaffected, overrides. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantLimitsIT {

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private HttpClient raw;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(4));
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_TENANT_MAX_CONCURRENT", "2",
        "SPGATE_TENANT_RATE", "1000/1000")));
    raw = amazon.vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  /** A tenant with the simulator's {@code index}th seller, and a key of its own. */
  private record Tenant(String id, String key, Seller seller) {}

  private Tenant tenant(String name, int index) {
    String id = amazon.createTenant(gw, name);
    SimulatedAmazon.share(gw, "main", id);
    Seller seller = amazon.registerSeller(gw, id, index);
    String key = await(gw.client.post("/v1/tenants/" + id + "/keys").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:write")))).bodyAsJsonObject().getString("key");
    return new Tenant(id, key, seller);
  }

  @Test
  void should_refuse_a_tenant_past_its_calls_in_flight_with_its_own_code_while_another_tenant_is_served() {
    Tenant a = tenant("Busy", 0);
    Tenant b = tenant("Calm", 1);
    // Two calls of A that stay in flight: their bodies never finish arriving.
    List<HttpClientRequest> held = List.of(unfinishedCall(a.key()), unfinishedCall(a.key()));

    // Looked for with an API call: each pass-through call admitted meanwhile would spend the seller's quota at Amazon.
    Eventually.until(amazon.vertx, () -> me(a), response -> response.statusCode() == 429);

    HttpResponse<Buffer> refused = spApiCall(a);

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(429);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("tenant_concurrency_limit");
    assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
    assertThat(spApiCall(b).statusCode()).isEqualTo(200);
    assertThat(me(b).statusCode()).isEqualTo(200);
    assertThat(await(gw.management("/metrics").send()).bodyAsString())
        .containsPattern("spgate_tenant_limit_refusals_total\\{limit=\"concurrent\"\\} [1-9]");

    held.forEach(request -> request.connection().close());
    assertThat(Eventually.until(amazon.vertx, () -> me(a), response -> response.statusCode() == 200).statusCode()).isEqualTo(200);
    assertThat(spApiCall(a).statusCode()).isEqualTo(200);
  }

  @Test
  void should_refuse_a_tenant_past_its_rate_with_retry_after_while_another_tenant_is_served() {
    Tenant a = tenant("Flooding", 2);
    Tenant b = tenant("Steady", 3);
    HttpResponse<Buffer> set = putLimits(a.id(), SimulatedAmazon.ADMIN_KEY, new JsonObject().put("callsPerSecond", 0.01).put("burst", 2));
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);

    List<Integer> statuses = List.of(spApiCall(a).statusCode(), spApiCall(a).statusCode());
    HttpResponse<Buffer> refused = spApiCall(a);

    assertThat(statuses).containsExactly(200, 200);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("tenant_rate_limit");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("not Amazon's quota");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(90L, 100L);
    for (int i = 0; i < 5; i++) {
      assertThat(spApiCall(b).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void should_let_an_admin_set_and_reset_a_tenants_limits_and_its_keys_read_them() {
    Tenant a = tenant("Overridden", 0); // calls nothing at Amazon: the seller may be another test's too
    String other = amazon.createTenant(gw, "Nosy");
    String otherKey = await(gw.client.post("/v1/tenants/" + other + "/keys").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:write")))).bodyAsJsonObject().getString("key");

    HttpResponse<Buffer> set = putLimits(a.id(), SimulatedAmazon.ADMIN_KEY, new JsonObject().put("maxConcurrent", 1)
        .put("callsPerSecond", 20));
    HttpResponse<Buffer> read = await(gw.client.get("/v1/tenants/" + a.id() + "/limits").putHeader("Authorization", "Bearer " + a.key())
        .send());

    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    JsonObject limits = read.bodyAsJsonObject();
    assertThat(limits.getJsonObject("effective")).isEqualTo(new JsonObject().put("maxConcurrent", 1).put("callsPerSecond", 20.0)
        .put("burst", 1000));
    assertThat(limits.getJsonObject("overrides")).isEqualTo(new JsonObject().put("maxConcurrent", 1).put("callsPerSecond", 20.0)
        .putNull("burst"));
    assertThat(limits.getJsonObject("defaults")).isEqualTo(new JsonObject().put("maxConcurrent", 2).put("callsPerSecond", 1000.0)
        .put("burst", 1000));
    assertThat(putLimits(a.id(), a.key(), new JsonObject().put("maxConcurrent", 3)).statusCode()).isEqualTo(403);
    assertThat(await(gw.client.get("/v1/tenants/" + a.id() + "/limits").putHeader("Authorization", "Bearer " + otherKey).send())
        .statusCode()).isEqualTo(404);

    HttpResponse<Buffer> reset = putLimits(a.id(), SimulatedAmazon.ADMIN_KEY, new JsonObject().putNull("maxConcurrent"));
    assertThat(reset.bodyAsJsonObject().getJsonObject("effective").getInteger("maxConcurrent")).isEqualTo(2);
    assertThat(reset.bodyAsJsonObject().getJsonObject("effective").getDouble("callsPerSecond")).isEqualTo(1000.0);
  }

  @Test
  void should_refuse_invalid_limits_and_unknown_tenants_as_problems() {
    Tenant a = tenant("Validated", 1); // calls nothing at Amazon

    for (JsonObject body : List.of(new JsonObject().put("maxConcurrent", 0), new JsonObject().put("maxConcurrent", 1.5),
        new JsonObject().put("maxConcurrent", 64), new JsonObject().put("callsPerSecond", "fast"),
        new JsonObject().put("callsPerSecond", -1), new JsonObject().put("burst", 100_001), new JsonObject().put("rate", 5))) {
      HttpResponse<Buffer> refused = putLimits(a.id(), SimulatedAmazon.ADMIN_KEY, body);
      assertThat(refused.statusCode()).as(body.encode()).isEqualTo(400);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.bodyAsJsonObject().getString("code")).as(body.encode()).isEqualTo("validation_failed");
    }
    HttpResponse<Buffer> missing = putLimits("00000000-0000-0000-0000-000000000000", SimulatedAmazon.ADMIN_KEY,
        new JsonObject().put("maxConcurrent", 1));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.bodyAsJsonObject().getString("code")).isEqualTo("not_found");
  }

  private HttpResponse<Buffer> spApiCall(Tenant tenant) {
    return await(gw.client.get("/v1/sellers/" + tenant.seller().id() + "/sp-api/sellers/v1/marketplaceParticipations")
        .putHeader("Authorization", "Bearer " + tenant.key()).send());
  }

  private HttpResponse<Buffer> me(Tenant tenant) {
    return await(gw.client.get("/v1/me").putHeader("Authorization", "Bearer " + tenant.key()).send());
  }

  private HttpResponse<Buffer> putLimits(String tenantId, String key, JsonObject body) {
    return await(gw.client.put("/v1/tenants/" + tenantId + "/limits").putHeader("Authorization", "Bearer " + key)
        .sendJsonObject(body));
  }

  /** An API call whose headers arrived but whose body never ends: it stays in flight until its connection closes. */
  private HttpClientRequest unfinishedCall(String key) {
    HttpClientRequest request = await(raw.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(gw.port()).setURI("/v1/webhooks").putHeader("Authorization", "Bearer " + key)
        .putHeader("Content-Type", "application/json").putHeader("Content-Length", "100")));
    // Its end is the connection closing under it, which the test does: no failure to report.
    request.exceptionHandler(expected -> { });
    await(request.write("{"));
    return request;
  }
}
