package io.spgate.spapi;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.http.ApiException;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.LwaApplication;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Whose bucket a call draws from, through the pipeline against the simulator: Amazon counts a
 * seller's calls per (application, selling partner), whichever seller row makes them, and grantless
 * calls per application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaOwnersIT {

  private static final SpApiRequest PARTICIPATIONS = SpApiRequest.get("/sellers/v1/marketplaceParticipations");
  private static final SpApiRequest DESTINATIONS = SpApiRequest.get("/notifications/v1/destinations");
  /** Calls that may not wait: the third within the test finds the bucket empty. */
  private static final SpApiClient.CallOptions NO_WAIT = new SpApiClient.CallOptions(Duration.ZERO, Optional.empty());

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gw;

  @BeforeAll
  void start() throws IOException {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(4).quotas(false));
    postgres = TestPostgres.create();
    // Two calls at once, then one per 100 s, nothing kept back against jitter.
    JsonObject slow = new JsonObject().put("ratePerSecond", 0.01).put("burst", 2);
    LwaApplication app = amazon.simulator.applications().get(0);
    Path applications = Files.createTempFile("spgate-applications", ".json");
    applications.toFile().deleteOnExit();
    Files.writeString(applications, new JsonArray().add(new JsonObject().put("id", "main").put("applicationId", app.applicationId())
        .put("clientId", app.clientId()).put("clientSecret", app.clientSecret())
        .put("rates", new JsonObject().put("getMarketplaceParticipations", slow).put("getDestinations", slow))).encode());
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_APPLICATIONS_FILE", applications.toString(),
        "SPGATE_QUOTA_JITTER_ALLOWANCE", "0ms")));
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_share_one_bucket_between_seller_rows_of_one_selling_partner_across_tenants_and_after_delete_and_add() {
    String sellingPartner = amazon.simulator.sellers().get(0).sellerId();
    Seller ofFirstTenant = register(tenant("First"), 0);
    String secondTenant = tenant("Second");
    Seller ofSecondTenant = register(secondTenant, 0);

    assertThat(await(send(ofFirstTenant, PARTICIPATIONS)).status()).isEqualTo(200);
    assertThat(await(send(ofSecondTenant, PARTICIPATIONS)).status()).isEqualTo(200);
    String third = refusal(send(ofSecondTenant, PARTICIPATIONS));
    assertThat(await(gw.client.delete("/v1/sellers/" + ofSecondTenant.id()).addQueryParam("tenantId", secondTenant)
        .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send()).statusCode()).isEqualTo(204);
    Seller addedAgain = register(secondTenant, 0);
    String afterAddingAgain = refusal(send(addedAgain, PARTICIPATIONS));

    assertThat(ofSecondTenant.sellingPartnerId()).isEqualTo(sellingPartner).isEqualTo(ofFirstTenant.sellingPartnerId());
    assertThat(addedAgain.id()).isNotEqualTo(ofSecondTenant.id());
    assertThat(third).as("the pair's third call, by either tenant's row").isEqualTo("quota_wait_exceeds_deadline");
    assertThat(afterAddingAgain).as("a row added again finds the pair's bucket as it was").isEqualTo("quota_wait_exceeds_deadline");
  }

  @Test
  void should_share_the_applications_bucket_between_the_grantless_calls_of_its_sellers() {
    // Two sellers of one region (of four, two share one): each region is an endpoint with quotas of its own.
    var sellers = amazon.simulator.sellers();
    int[] pair = IntStream.range(0, sellers.size()).boxed()
        .flatMap(i -> IntStream.range(i + 1, sellers.size()).filter(j -> sellers.get(j).region() == sellers.get(i).region())
            .mapToObj(j -> new int[] {i, j}))
        .findFirst().orElseThrow();
    String tenant = tenant("Grantless");
    Seller first = register(tenant, pair[0]);
    Seller second = register(tenant, pair[1]);

    assertThat(await(send(first, DESTINATIONS)).status()).isEqualTo(200);
    assertThat(await(send(second, DESTINATIONS)).status()).isEqualTo(200);
    String third = refusal(send(second, DESTINATIONS));
    int ownCall = await(send(second, PARTICIPATIONS)).status();

    assertThat(third).as("the application's third grantless call, by another seller").isEqualTo("quota_wait_exceeds_deadline");
    assertThat(ownCall).as("the seller's own bucket is apart from the application's").isEqualTo(200);
  }

  private Future<SpApiResult> send(Seller seller, SpApiRequest request) {
    return gw.gateway.services().spApi().call(seller, request, NO_WAIT, result -> result);
  }

  /** The problem code a call failed with. */
  private static String refusal(Future<SpApiResult> call) {
    Throwable failure = await(call.transform(result -> Future.succeededFuture(result.cause())));
    assertThat(failure).isInstanceOf(ApiException.class);
    return ((ApiException) failure).problem().code();
  }

  /** A new tenant that may use the operator's application "main", as the sellers above are registered under. */
  private String tenant(String name) {
    String tenant = amazon.createTenant(gw, name + " " + UUID.randomUUID());
    SimulatedAmazon.share(gw, "main", tenant);
    return tenant;
  }

  private Seller register(String tenant, int index) {
    return amazon.registerSeller(gw, tenant, index);
  }
}
