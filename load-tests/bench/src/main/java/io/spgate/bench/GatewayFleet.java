package io.spgate.bench;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A bench's gateway instances: each its own JVM with a heap limit and a GC log, all on one Postgres database and one
 * Redis, set up for the simulator the bench started (its applications, LWA and SP-API endpoints).
 */
final class GatewayFleet {

  final String adminKey;
  final List<ComponentJvm> gateways = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();
  final List<Integer> managementPorts = new ArrayList<>();
  final List<Path> gcLogs = new ArrayList<>();

  private GatewayFleet(String adminKey) {
    this.adminKey = adminKey;
  }

  /**
   * The settings every bench gateway has, for the simulator of {@code credentials} (its credentials file): a fresh admin
   * key and encryption key; a bench adds its own to the map before {@link #start}.
   */
  static Map<String, String> settings(JsonObject credentials, String pgUrl, String redis, Path logs) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPGATE_HOST", "127.0.0.1");
    env.put("SPGATE_PG_URL", pgUrl);
    env.put("SPGATE_REDIS_URL", redis);
    env.put("SPGATE_APPLICATIONS_FILE", GatewayApi.applicationsFile(credentials.getJsonArray("applications"), logs).toString());
    env.put("SPGATE_LWA_URL", credentials.getString("lwaUrl"));
    env.put("SPGATE_SPAPI_ENDPOINT", URI.create(credentials.getString("baseUrl")).toString());
    env.put("SPGATE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(key));
    env.put("SPGATE_ADMIN_KEY", "spg_bench-admin-key-" + UUID.randomUUID());
    return env;
  }

  /** Starts the instances (each added to {@code components}, which the bench stops) and waits until every one is ready. */
  static GatewayFleet start(int instances, String heap, Map<String, String> settings, Path logs, List<ComponentJvm> components,
      WebClient web) {
    GatewayFleet fleet = new GatewayFleet(settings.get("SPGATE_ADMIN_KEY"));
    for (int i = 0; i < instances; i++) {
      int port = ComponentJvm.freePort();
      int managementPort = ComponentJvm.freePort();
      Map<String, String> own = new LinkedHashMap<>(settings);
      own.put("SPGATE_PORT", String.valueOf(port));
      own.put("SPGATE_MANAGEMENT_PORT", String.valueOf(managementPort));
      Path gcLog = logs.resolve("gateway-" + (i + 1) + "-gc.log");
      ComponentJvm gateway = ComponentJvm.start("gateway-" + (i + 1), List.of("-Xmx" + heap, "-Xlog:gc:file=" + gcLog), "io.spgate.Main",
          List.of("serve"), own, logs);
      components.add(gateway);
      fleet.gateways.add(gateway);
      fleet.ports.add(port);
      fleet.managementPorts.add(managementPort);
      fleet.gcLogs.add(gcLog);
    }
    for (int i = 0; i < instances; i++) {
      int port = fleet.ports.get(i);
      fleet.gateways.get(i).awaitReady(() -> ProxyBench.ready(web, port), Duration.ofMinutes(3));
    }
    return fleet;
  }
}
