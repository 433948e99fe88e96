package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the pass-through refuses, and whose refusal the caller sees: the application's own
 * operations are not a tenant's to call, and Amazon's refusal of a Restricted Data Token reaches
 * the caller as Amazon gave it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassThroughRefusalsIT {

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;
  private List<Seller> sellers;
  private String tenantKey;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(2));
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of()));
    sellers = amazon.registerSellers(gw, "Refused");
    tenantKey = await(gw.client.post("/v1/tenants/" + sellers.get(0).tenantId() + "/keys")
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("scopes", new JsonArray().add("tenant:read").add("tenant:write"))))
        .bodyAsJsonObject().getString("key");
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @ParameterizedTest
  @CsvSource({"POST, /applications/2023-11-30/clientSecret, rotateApplicationClientSecret",
      "GET, /notifications/v1/destinations, getDestinations",
      "POST, /notifications/v1/destinations, createDestination",
      "GET, /notifications/v1/destinations/dest-1, getDestination",
      "DELETE, /notifications/v1/destinations/dest-1, deleteDestination",
      "GET, /notifications/v1/subscriptions/ANY_OFFER_CHANGED/sub-1, getSubscriptionById",
      "DELETE, /notifications/v1/subscriptions/ANY_OFFER_CHANGED/sub-1, deleteSubscriptionById"})
  void should_refuse_the_applications_own_operations_to_a_tenant_key(String method, String path, String operationId) {
    long before = callsTo(operationId);

    HttpResponse<Buffer> refused = await(gw.client.request(HttpMethod.valueOf(method), passThrough(sellers.get(0), path))
        .putHeader("Authorization", "Bearer " + tenantKey).sendJsonObject(new JsonObject()));

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("operation_reserved");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains(operationId);
    assertThat(callsTo(operationId)).as("nothing reached Amazon").isEqualTo(before);
  }

  @Test
  void should_let_an_admin_key_call_the_applications_own_operations() {
    long before = callsTo("getDestinations");

    HttpResponse<Buffer> answer = await(gw.client.get(passThrough(sellers.get(0), "/notifications/v1/destinations"))
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.getHeader("X-Spgate-Operation")).isEqualTo("getDestinations");
    assertThat(callsTo("getDestinations")).isEqualTo(before + 1);
  }

  @Test
  void should_give_the_caller_amazons_refusal_of_a_restricted_data_token() {
    Seller seller = sellers.get(1);
    String order = amazon.simulator.placeOrder(seller.sellingPartnerId()).amazonOrderId();
    amazon.simulator.faults().setRestrictedDataTokensRefused(true);
    try {
      HttpResponse<Buffer> refused = await(gw.client.get(passThrough(seller, "/orders/v0/orders/" + order))
          .putHeader("X-Spgate-Data-Elements", "buyerInfo").putHeader("Authorization", "Bearer " + tenantKey).send());

      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/json");
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("Unauthorized");
      assertThat(refused.getHeader("x-amzn-RequestId")).isNotBlank();
      assertThat(callsTo("getOrder")).as("the order itself was never asked for").isZero();
    } finally {
      amazon.simulator.faults().setRestrictedDataTokensRefused(false);
    }
  }

  /** Every answer the simulator gave for the operation, whoever called. */
  private long callsTo(String operationId) {
    JsonObject callers = amazon.simulator.stats().toJson().getJsonObject("sellers");
    long calls = 0;
    for (String caller : callers.fieldNames()) {
      JsonObject counts = callers.getJsonObject(caller).getJsonObject(operationId);
      if (counts != null) {
        calls += counts.getLong("2xx") + counts.getLong("429") + counts.getLong("other");
      }
    }
    return calls;
  }

  private static String passThrough(Seller seller, String path) {
    return "/v1/sellers/" + seller.id() + "/sp-api" + path;
  }
}
