package io.spgate.proxy;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import java.util.Map;

/**
 * A gateway whose SP-API endpoint is a {@link ScriptedAmazon} (tokens still come from the
 * simulator's LWA), with one registered seller.
 */
final class ScriptedGateway implements AutoCloseable {

  final SimulatedAmazon amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(1));
  final ScriptedAmazon scripted = new ScriptedAmazon();
  final TestPostgres postgres = TestPostgres.create();
  final TestGateway gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_SPAPI_ENDPOINT", scripted.baseUrl())));
  final Seller seller;

  ScriptedGateway(String tenantName) {
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
