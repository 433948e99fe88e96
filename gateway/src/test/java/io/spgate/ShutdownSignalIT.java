package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code spgate serve} process, sent SIGTERM (twice) while a slow SP-API call is in progress: readiness turns
 * DOWN at once while the API port still serves (for SPGATE_SHUTDOWN_DELAY), the call is answered after the port stopped
 * taking connections, and the process exits 0 having logged each phase of its shutdown.
 */
@Timeout(120)
class ShutdownSignalIT {

  /** How long Amazon takes over every call here: the call is still in progress when the signal comes. */
  private static final long SLOW_MILLIS = 6_000;

  @Test
  void should_answer_the_call_in_progress_and_exit_0_on_sigterm() throws Exception {
    try (SimulatedAmazon amazon = SimulatedAmazon.start(new SimulatorOptions().port(0).sellers(1).listingsPerSeller(3)
        .ordersPerSeller(0)); TestPostgres postgres = TestPostgres.create()) {
      Map<String, String> settings = amazon.gatewaySettings(postgres, Map.of());
      Seller seller;
      try (TestGateway setup = TestGateway.start(settings)) {
        seller = amazon.registerSellers(setup, "Signals").get(0);
      }
      int port = freePort();
      int managementPort = freePort();
      Map<String, String> own = new HashMap<>(settings);
      own.putAll(Map.of("SPGATE_PORT", String.valueOf(port), "SPGATE_MANAGEMENT_PORT", String.valueOf(managementPort),
          "SPGATE_SHUTDOWN_DELAY", "2s", "SPGATE_SHUTDOWN_GRACE", "20s"));
      Path output = Path.of("target", "ShutdownSignalIT-serve.log");
      Process serve = start(TestGateway.environment(own), output.toFile());
      WebClient client = WebClient.create(amazon.vertx);
      try {
        assertThat(Eventually.holds(amazon.vertx, () -> status(client, managementPort) == 200)).as("ready").isTrue();
        amazon.simulator.faults().setAddedLatencyMillis(SLOW_MILLIS);
        Future<HttpResponse<Buffer>> slow = client.get(port, "127.0.0.1", "/v1/sellers/" + seller.id()
                + "/sp-api/sellers/v1/marketplaceParticipations")
            .addQueryParam("tenantId", seller.tenantId().toString())
            .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send();
        assertThat(Eventually.holds(amazon.vertx, () -> amazon.simulator.statsJson().getInteger("inFlight") > 0))
            .as("the call reached Amazon").isTrue();

        serve.destroy();
        assertThat(Eventually.holds(amazon.vertx, () -> status(client, managementPort) == 503)).as("readiness DOWN").isTrue();
        JsonObject ready = await(client.get(managementPort, "127.0.0.1", "/health/ready").send()).bodyAsJsonObject();
        assertThat(ready.getJsonObject("checks").getString("draining")).isEqualTo("DOWN");
        assertThat(slow.isComplete()).as("the call still in progress when readiness went DOWN").isFalse();
        serve.destroy();
        // Still serving while load balancers turn away, and telling kept-alive clients to go.
        HttpResponse<Buffer> meanwhile = await(client.get(port, "127.0.0.1", "/health/live").send());
        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(meanwhile.getHeader("Connection")).isEqualTo("close");

        HttpResponse<Buffer> answered = await(slow);
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(serve.exitValue()).isZero();
        String log = Files.readString(output);
        assertThat(log).contains("SIGTERM received", "Shutdown 1/4: readiness DOWN", "Shutdown: already under way",
            "Shutdown 3/4: requests answered and work handed back", "Shutdown 4/4", "Shutdown: done");
      } finally {
        serve.destroyForcibly();
        client.close();
      }
    }
  }

  private static Process start(Map<String, String> env, File output) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, Main.class.getName(), "serve"))
        .redirectErrorStream(true).redirectOutput(output);
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The readiness probe's status; 0 while nothing listens. */
  private static int status(WebClient client, int managementPort) {
    try {
      return await(client.get(managementPort, "127.0.0.1", "/health/ready").send()).statusCode();
    } catch (RuntimeException notListening) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
