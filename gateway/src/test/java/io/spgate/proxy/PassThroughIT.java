package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pass-through API against the simulator: Amazon's answers, the allowlist, tenants, deadlines, 429s. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassThroughIT {

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private HttpClient raw;
  private List<Seller> sellers;
  private String tenantKey;
  private String otherTenantKey;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(6));
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    sellers = amazon.registerSellers(gw, "Passing");
    tenantKey = key(sellers.get(0).tenantId().toString());
    String other = await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", "Other"))).bodyAsJsonObject().getString("id");
    otherTenantKey = key(other);
    raw = amazon.vertx.createHttpClient();
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_answer_with_amazons_status_body_and_headers_plus_the_operation_and_wait() {
    Seller seller = sellers.get(0);

    HttpResponse<Buffer> response = await(gw.client.get(passThrough(seller, "/orders/v0/orders"))
        .addQueryParam("MarketplaceIds", seller.marketplaces().get(0)).addQueryParam("CreatedAfter", "2000-01-01T00:00:00Z")
        .putHeader("Authorization", "Bearer " + tenantKey).send());

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("payload").getJsonArray("Orders")).isNotEmpty();
    assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
    assertThat(response.getHeader("x-amzn-RateLimit-Limit")).isNotBlank();
    assertThat(response.getHeader("X-Spgate-Operation")).isEqualTo("getOrders");
    assertThat(response.getHeader("X-Spgate-Quota-Wait-Ms")).isEqualTo("0");
    assertThat(response.getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  void should_keep_amazons_error_body_code_and_request_id() {
    HttpResponse<Buffer> response = await(gw.client.get(passThrough(sellers.get(0), "/orders/v0/orders/902-0000000-0000000"))
        .putHeader("Authorization", "Bearer " + tenantKey).send());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("NotFound");
    assertThat(response.getHeader("x-amzn-RequestId")).isNotBlank();
    assertThat(response.getHeader("X-Spgate-Operation")).isEqualTo("getOrder");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/no/such/operation", "/orders/v0/orders/../../tokens/2021-03-01/restrictedDataToken",
      "/orders/v0/orders/%2e%2e/%2e%2e/sellers/v1/marketplaceParticipations", "/orders%2Fv0%2Forders",
      "/orders/v0/orders/a%2F..%2F..%2Fsellers",
      "/http://evil.example/orders/v0/orders", "//evil.example/orders/v0/orders", "/orders/v0/orders/",
      "/orders/v0/orders/%00x"})
  void should_refuse_anything_but_a_modelled_operation(String path) {
    Seller seller = sellers.get(0);
    long before = amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "2xx");

    Map.Entry<Integer, Buffer> answer = await(raw.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(gw.port()).setURI("/v1/sellers/" + seller.id() + "/sp-api" + path)
        .putHeader("Authorization", "Bearer " + tenantKey))
        .compose(r -> r.send().compose(response -> response.body().map(body -> Map.entry(response.statusCode(), body)))));

    assertThat(answer.getKey()).as(answer.getValue().toString()).isEqualTo(404);
    if (path.startsWith("/orders/v0/orders/..")) {
      // The router resolves a literal '..' before routing: the call never reaches the pass-through, let alone Amazon.
      assertThat(amazon.simulator.stats().count(seller.sellingPartnerId(), "createRestrictedDataToken", "2xx")).isZero();
    } else {
      assertThat(answer.getValue().toJsonObject().getString("code")).isEqualTo("unknown_operation");
    }
    assertThat(amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "2xx")).isEqualTo(before);
  }

  @Test
  void should_reach_a_listing_whose_sku_holds_a_slash_sent_encoded_as_amazon_asks() {
    Seller seller = sellers.get(5);
    String marketplace = seller.marketplaces().get(0);
    String item = passThrough(seller, "/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/BOX%2F12");
    JsonObject listing = new JsonObject().put("productType", "PRODUCT").put("attributes", new JsonObject()
        .put("item_name", new JsonArray().add(new JsonObject().put("value", "Box of twelve").put("marketplace_id", marketplace)))
        .put("purchasable_offer", new JsonArray().add(new JsonObject().put("marketplace_id", marketplace).put("currency", "USD")
            .put("our_price", new JsonArray().add(new JsonObject().put("schedule", new JsonArray()
                .add(new JsonObject().put("value_with_tax", 12.5))))))));

    HttpResponse<Buffer> put = await(gw.client.put(item).addQueryParam("marketplaceIds", marketplace)
        .putHeader("Authorization", "Bearer " + tenantKey).sendJsonObject(listing));
    HttpResponse<Buffer> got = await(gw.client.get(item).addQueryParam("marketplaceIds", marketplace)
        .putHeader("Authorization", "Bearer " + tenantKey).send());

    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("sku")).isEqualTo("BOX/12");
    assertThat(put.getHeader("X-Spgate-Operation")).isEqualTo("putListingsItem");
    assertThat(got.statusCode()).as(got.bodyAsString()).isEqualTo(200);
    assertThat(got.bodyAsJsonObject().getString("sku")).isEqualTo("BOX/12");
    assertThat(got.getHeader("X-Spgate-Operation")).isEqualTo("getListingsItem");
  }

  @Test
  void should_ignore_the_callers_host_header_and_absolute_form_targets() {
    Seller seller = sellers.get(1);
    String path = "/v1/sellers/" + seller.id() + "/sp-api/sellers/v1/marketplaceParticipations";
    long before = amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "2xx");

    int hosted = await(raw.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(gw.port()).setURI(path).putHeader("Host", "evil.example").putHeader("Authorization", "Bearer " + tenantKey))
        .compose(r -> r.send().compose(response -> response.body().map(body -> response.statusCode()))));
    int absolute = await(raw.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(gw.port()).setURI("http://evil.example" + path).putHeader("Authorization", "Bearer " + tenantKey))
        .compose(r -> r.send().compose(response -> response.body().map(body -> response.statusCode()))));

    assertThat(hosted).isEqualTo(200);
    assertThat(absolute).isEqualTo(200);
    assertThat(amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "2xx") - before)
        .as("both went to the seller's endpoint, the simulator").isEqualTo(2);
  }

  @Test
  void should_not_let_a_tenant_reach_another_tenants_seller() {
    HttpResponse<Buffer> foreign = await(gw.client.get(passThrough(sellers.get(0), "/sellers/v1/marketplaceParticipations"))
        .putHeader("Authorization", "Bearer " + otherTenantKey).send());
    HttpResponse<Buffer> missing = await(gw.client.get("/v1/sellers/" + java.util.UUID.randomUUID()
        + "/sp-api/sellers/v1/marketplaceParticipations").putHeader("Authorization", "Bearer " + otherTenantKey).send());
    HttpResponse<Buffer> anonymous = await(gw.client.get(passThrough(sellers.get(0), "/sellers/v1/marketplaceParticipations")).send());

    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(foreign.bodyAsJsonObject().getString("code")).isEqualTo(missing.bodyAsJsonObject().getString("code"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void should_refuse_at_once_a_call_whose_slot_lies_beyond_its_deadline() {
    Seller seller = sellers.get(2);
    // getMarketplaceParticipations: burst 15 (the last 500 ms later: the jitter allowance), then one call a minute.
    for (int i = 0; i < 15; i++) {
      assertThat(await(gw.client.get(passThrough(seller, "/sellers/v1/marketplaceParticipations"))
          .putHeader("Authorization", "Bearer " + tenantKey).send()).statusCode()).isEqualTo(200);
    }
    long before = amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "429");

    HttpResponse<Buffer> refused = await(gw.client.get(passThrough(seller, "/sellers/v1/marketplaceParticipations"))
        .putHeader("X-Spgate-Max-Wait", "1000").putHeader("Authorization", "Bearer " + tenantKey).send());

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("quota_wait_exceeds_deadline");
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 70);
    assertThat(amazon.simulator.stats().count(seller.sellingPartnerId(), "getMarketplaceParticipations", "429")).isEqualTo(before);
  }

  @Test
  void should_validate_the_spgate_headers() {
    HttpResponse<Buffer> lane = await(gw.client.get(passThrough(sellers.get(0), "/sellers/v1/marketplaceParticipations"))
        .putHeader("X-Spgate-Lane", "vip").putHeader("Authorization", "Bearer " + tenantKey).send());
    HttpResponse<Buffer> wait = await(gw.client.get(passThrough(sellers.get(0), "/sellers/v1/marketplaceParticipations"))
        .putHeader("X-Spgate-Max-Wait", "soon").putHeader("Authorization", "Bearer " + tenantKey).send());

    assertThat(lane.statusCode()).isEqualTo(400);
    assertThat(lane.bodyAsString()).contains("X-Spgate-Lane");
    assertThat(wait.statusCode()).isEqualTo(400);
    assertThat(wait.bodyAsString()).contains("X-Spgate-Max-Wait");
  }

  @Test
  void should_drain_the_bucket_and_retry_within_the_deadline_when_amazon_throttles() {
    Seller seller = sellers.get(3);
    amazon.simulator.faults().throttleStorm(Instant.now().plusMillis(300));
    try {
      HttpResponse<Buffer> response = await(gw.client.get(passThrough(seller, "/listings/2021-08-01/items/" + seller.sellingPartnerId()))
          .addQueryParam("marketplaceIds", seller.marketplaces().get(0))
          .putHeader("X-Spgate-Max-Wait", "5000").putHeader("Authorization", "Bearer " + tenantKey).send());

      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(amazon.simulator.stats().count(seller.sellingPartnerId(), "searchListingsItems", "429")).isPositive();
      assertThat(Long.parseLong(response.getHeader("X-Spgate-Quota-Wait-Ms"))).isPositive();
    } finally {
      amazon.simulator.faults().throttleStorm(Instant.EPOCH);
    }
  }

  @Test
  void should_give_amazons_429_back_when_the_deadline_leaves_no_room_to_retry() {
    Seller seller = sellers.get(4);
    amazon.simulator.faults().throttleStorm(Instant.now().plusSeconds(30));
    try {
      HttpResponse<Buffer> response = await(gw.client.get(passThrough(seller, "/listings/2021-08-01/items/" + seller.sellingPartnerId()))
          .addQueryParam("marketplaceIds", seller.marketplaces().get(0))
          .putHeader("X-Spgate-Max-Wait", "0").putHeader("Authorization", "Bearer " + tenantKey).send());

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("QuotaExceeded");
    } finally {
      amazon.simulator.faults().throttleStorm(Instant.EPOCH);
    }
  }

  @Test
  void should_time_every_call_by_route_operation_and_status_in_the_metrics() {
    Seller seller = sellers.get(0);
    String answered = "spgate_http_requests_seconds_count{operation=\"getMarketplaceParticipations\",route=\"sp-api\",status=\"200\"}";
    String refused = "spgate_http_requests_seconds_count{operation=\"none\",route=\"sp-api\",status=\"404\"}";
    double answeredBefore = metric(answered);
    double refusedBefore = metric(refused);

    assertThat(await(gw.client.get(passThrough(seller, "/sellers/v1/marketplaceParticipations"))
        .putHeader("Authorization", "Bearer " + tenantKey).send()).statusCode()).isEqualTo(200);
    assertThat(await(gw.client.get(passThrough(seller, "/no/such/operation"))
        .putHeader("Authorization", "Bearer " + tenantKey).send()).statusCode()).isEqualTo(404);

    assertThat(metric(answered)).isEqualTo(answeredBefore + 1);
    assertThat(metric(refused)).isEqualTo(refusedBefore + 1);
  }

  /** A series' value on /metrics, 0 while it does not exist yet. */
  private double metric(String series) {
    return await(gw.management("/metrics").send()).bodyAsString().lines().filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
  }

  private static String passThrough(Seller seller, String path) {
    return "/v1/sellers/" + seller.id() + "/sp-api" + path;
  }

  private String key(String tenant) {
    return await(gw.client.post("/v1/tenants/" + tenant + "/keys").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:write")))).bodyAsJsonObject().getString("key");
  }
}
