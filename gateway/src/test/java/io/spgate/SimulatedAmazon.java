package io.spgate;

import static io.spgate.TestPostgres.await;

import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.LwaApplication;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SP-API simulator in process, and the gateway settings that point at it: its LWA, its
 * SP-API endpoint, its Seller Central, and its first application saved as "main".
 */
public final class SimulatedAmazon implements AutoCloseable {

  public static final String ADMIN_KEY = "spg_simulated-amazon-admin-0123456789abcdefghij";

  public final Vertx vertx;
  public final SpApiSimulator simulator;
  private final Path applicationsFile;

  private SimulatedAmazon(Vertx vertx, SpApiSimulator simulator, Path applicationsFile) {
    this.vertx = vertx;
    this.simulator = simulator;
    this.applicationsFile = applicationsFile;
  }

  public static SimulatedAmazon start(SimulatorOptions options) {
    Vertx vertx = Vertx.vertx();
    SpApiSimulator simulator = await(SpApiSimulator.start(vertx, options.port(0)));
    try {
      Path file = Files.createTempFile("spgate-applications", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, new JsonArray().add(mainApplication(simulator)).encode());
      return new SimulatedAmazon(vertx, simulator, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The simulator's first application as the gateway's applications file names it: "main". */
  public JsonObject mainApplication() {
    return mainApplication(simulator);
  }

  private static JsonObject mainApplication(SpApiSimulator simulator) {
    LwaApplication app = simulator.applications().get(0);
    return new JsonObject().put("id", "main").put("applicationId", app.applicationId()).put("clientId", app.clientId())
        .put("clientSecret", app.clientSecret());
  }

  /** Gateway settings for a gateway on {@code postgres} that talks to this simulator, plus {@code more}. */
  public Map<String, String> gatewaySettings(TestPostgres postgres, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY,
        "SPGATE_APPLICATIONS_FILE", applicationsFile.toString(), "SPGATE_LWA_URL", simulator.lwaUrl(),
        "SPGATE_SPAPI_ENDPOINT", simulator.baseUrl(), "SPGATE_SELLER_CENTRAL_URL", simulator.baseUrl(),
        "SPGATE_REPORT_DOCUMENT_ORIGINS", simulator.baseUrl(), "SPGATE_REPORT_POLL_FIRST", "500ms", "SPGATE_REPORT_POLL_MAX", "2s"));
    settings.putAll(more);
    return settings;
  }

  /**
   * Registers every simulated seller under a new tenant through the API, with "main" shared with that tenant;
   * answers them in the simulator's order.
   */
  public List<Seller> registerSellers(TestGateway gw, String tenantName) {
    String tenant = createTenant(gw, tenantName);
    share(gw, "main", tenant);
    List<Seller> sellers = new ArrayList<>();
    for (int i = 0; i < simulator.sellers().size(); i++) {
      sellers.add(registerSeller(gw, tenant, i));
    }
    return sellers;
  }

  /** Shares one of the operator's applications with a tenant, as an admin does. */
  public static void share(TestGateway gw, String application, String tenantId) {
    int status = await(gw.client.put("/v1/applications/" + application + "/tenants/" + tenantId)
        .putHeader("Authorization", "Bearer " + ADMIN_KEY).send()).statusCode();
    if (status != 204) {
      throw new IllegalStateException("sharing " + application + " with " + tenantId + " answered " + status);
    }
  }

  /** A new tenant, made through the API; answers its id. */
  public String createTenant(TestGateway gw, String name) {
    return await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", name))).bodyAsJsonObject().getString("id");
  }

  /** Registers the simulator's {@code index}th seller under the tenant through the API; answers the new seller row. */
  public Seller registerSeller(TestGateway gw, String tenant, int index) {
    var simSeller = simulator.sellers().get(index);
    var response = await(gw.client.post("/v1/sellers").addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("sellingPartnerId", simSeller.sellerId())
            .put("marketplaceIds", new JsonArray(simSeller.marketplaceIds())).put("refreshToken", simSeller.refreshToken())));
    if (response.statusCode() != 201) {
      throw new IllegalStateException("registering seller " + index + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    JsonObject created = response.bodyAsJsonObject();
    return await(gw.gateway.services().sellers().byId(UUID.fromString(created.getString("id")))).orElseThrow();
  }

  @Override
  public void close() {
    await(simulator.stop());
    await(vertx.close());
  }
}
