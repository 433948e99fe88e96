package io.spgate;

import io.spgate.config.ConfigLoader;
import io.spgate.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A gateway started the way Main starts it, from SPGATE_* values, on a free port. */
public final class TestGateway implements AutoCloseable {

  public final Gateway gateway;
  public final WebClient client;
  private final Vertx clientVertx;
  private final ByteArrayOutputStream shown;

  private TestGateway(Gateway gateway, Vertx clientVertx, ByteArrayOutputStream shown) {
    this.gateway = gateway;
    this.clientVertx = clientVertx;
    this.shown = shown;
    this.client = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gateway.port()));
  }

  public static TestGateway start(Map<String, String> settings) {
    GatewayConfig config = config(settings);
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    Gateway gateway = TestPostgres.await(Gateway.start(config, new PrintStream(shown, true, StandardCharsets.UTF_8)));
    return new TestGateway(gateway, Vertx.vertx(), shown);
  }

  /** Why a gateway with these settings does not start. */
  public static RuntimeException startFailure(Map<String, String> settings) {
    Gateway gateway;
    try {
      gateway = TestPostgres.await(Gateway.start(config(settings), new PrintStream(java.io.OutputStream.nullOutputStream())));
    } catch (RuntimeException failure) {
      return failure;
    }
    TestPostgres.await(gateway.stop());
    throw new AssertionError("the gateway started");
  }

  /** Configuration as Main reads it: test defaults (free ports, a test encryption key) under the given settings. */
  public static GatewayConfig config(Map<String, String> settings) {
    return ConfigLoader.load(null, environment(settings));
  }

  /** The environment a test's gateway reads: test defaults under the given settings. */
  public static Map<String, String> environment(Map<String, String> settings) {
    // No shutdown delay: no load balancer in front of a test's gateway needs time to turn away.
    Map<String, String> env = new HashMap<>(Map.of("SPGATE_PORT", "0", "SPGATE_MANAGEMENT_PORT", "0", "SPGATE_HTTP_INSTANCES", "2",
        "SPGATE_SHUTDOWN_DELAY", "0s", "SPGATE_ENCRYPTION_KEYS", "test1:" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
    env.putAll(settings);
    return env;
  }

  /** What the gateway printed for its operator (the first admin key, when it made one). */
  public String shownOnce() {
    return shown.toString(StandardCharsets.UTF_8);
  }

  public int port() {
    return gateway.port();
  }

  /** A GET on the management port (metrics, health). */
  public io.vertx.ext.web.client.HttpRequest<io.vertx.core.buffer.Buffer> management(String path) {
    return client.get(gateway.managementPort(), "127.0.0.1", path);
  }

  @Override
  public void close() {
    client.close();
    TestPostgres.await(clientVertx.close());
    TestPostgres.await(gateway.stop());
  }
}
