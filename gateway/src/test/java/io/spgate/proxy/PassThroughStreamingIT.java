package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.seller.Seller;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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

  private ScriptedGateway setup;

  @BeforeAll
  void start() {
    setup = new ScriptedGateway("Streaming");
  }

  @AfterAll
  void stop() {
    setup.close();
  }

  @Test
  void should_stream_a_gigabyte_up_and_a_gigabyte_down_in_a_small_heap() {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with a small heap").isLessThan(ONE_GIB / 2);
    setup.scripted.then(ScriptedAmazon.largeBody(ONE_GIB));
    Seller seller = setup.seller;
    HttpClient client = setup.amazon.vertx.createHttpClient();

    long[] received = {0};
    int status = await(client.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1").setPort(setup.gw.port())
            .setURI(setup.path("/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/SKU-1")
                + "?marketplaceIds=" + seller.marketplaces().get(0))
            .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).putHeader("content-type", "application/json")
            .putHeader("content-length", Long.toString(ONE_GIB)))
        .compose(request -> request.send(new ScriptedAmazon.Generated(ONE_GIB)))
        .compose(response -> {
          response.handler(chunk -> received[0] += chunk.length());
          return response.end().map(v -> response.statusCode());
        }));

    assertThat(status).isEqualTo(200);
    assertThat(setup.scripted.seen.get(0).bodyBytes()).isEqualTo(ONE_GIB);
    assertThat(received[0]).isEqualTo(ONE_GIB);
  }
}
