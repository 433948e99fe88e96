package io.spgate.proxy;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A gateway whose SP-API endpoint is a {@link ScriptedAmazon} (tokens still come from the
 * simulator's LWA), with one registered seller.
 */
final class ScriptedGateway implements AutoCloseable {

  final SimulatedAmazon amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(1));
  final ScriptedAmazon scripted = new ScriptedAmazon();
  final TestPostgres postgres = TestPostgres.create();
  final TestGateway gw;
  final Seller seller;

  ScriptedGateway(String tenantName) {
    this(tenantName, amazon -> Map.of());
  }

  /** With more gateway settings, which may depend on the simulator (another applications file). */
  ScriptedGateway(String tenantName, Function<SimulatedAmazon, Map<String, String>> settings) {
    Map<String, String> all = new HashMap<>(settings.apply(amazon));
    all.put("SPGATE_SPAPI_ENDPOINT", scripted.baseUrl());
    gw = TestGateway.start(amazon.gatewaySettings(postgres, all));
    seller = amazon.registerSellers(gw, tenantName).get(0);
  }

  /** The pass-through path of an SP-API path for the seller. */
  String path(String spApiPath) {
    return "/v1/sellers/" + seller.id() + "/sp-api" + spApiPath;
  }

  @Override
  public void close() {
    gw.close();
    postgres.close();
    scripted.close();
    amazon.close();
  }
}
