package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Large bodies stream through the pass-through both ways. This class runs in its own JVM with a
 * 256 MiB heap (see the gateway's pom), so moving 1 GiB each way can only pass if nothing holds a
 * body whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassThroughStreamingIT {

  private static final long ONE_GIB = 1L << 30;

  private SimulatedAmazon amazon;
  private ScriptedAmazon scripted;
  private TestPostgres postgres;
  private TestGateway gw;
  private Seller seller;

  @BeforeAll
  void start() {
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(1));
    scripted = new ScriptedAmazon();
    postgres = TestPostgres.create();
    gw = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_SPAPI_ENDPOINT", scripted.baseUrl())));
    seller = amazon.registerSellers(gw, "Streaming").get(0);
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
    scripted.close();
    amazon.close();
  }

  @Test
  void should_stream_a_gigabyte_up_and_a_gigabyte_down_in_a_small_heap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with a small heap").isLessThan(ONE_GIB / 2);
    scripted.then(ScriptedAmazon.largeBody(ONE_GIB));
    HttpClient client = amazon.vertx.createHttpClient();

    long[] received = {0};
    int status = await(client.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1").setPort(gw.port())
            .setURI("/v1/sellers/" + seller.id() + "/sp-api/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/SKU-1"
                + "?marketplaceIds=" + seller.marketplaces().get(0))
            .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).putHeader("content-type", "application/json")
            .putHeader("content-length", Long.toString(ONE_GIB)))
        .compose(request -> request.send(new ScriptedAmazon.Generated(ONE_GIB)))
        .compose(response -> {
          response.handler(chunk -> received[0] += chunk.length());
          return response.end().map(v -> response.statusCode());
        }).recover(Future::failedFuture));

    assertThat(status).isEqualTo(200);
    assertThat(scripted.seen.get(0).bodyBytes()).isEqualTo(ONE_GIB);
    assertThat(received[0]).isEqualTo(ONE_GIB);
  }
}
