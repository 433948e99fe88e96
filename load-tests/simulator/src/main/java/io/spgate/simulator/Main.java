package io.spgate.simulator;

import io.spgate.simulator.bench.SimulatorThroughput;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code ops/simulator}: runs the simulator until killed, or with --bench measures its throughput. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Named apart from logback.xml so that, as a library beside the gateway, it does not claim the logging setup.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "simulator-logback.xml");
    }
    List<String> argList = Arrays.asList(args);
    if (argList.contains("--bench")) {
      SimulatorThroughput.main(argList.stream().filter(a -> !a.equals("--bench")).toArray(String[]::new));
      return;
    }
    CommandLine cl;
    try {
      cl = CommandLine.parse(argList);
    } catch (IllegalArgumentException e) {
      System.err.println("simulator: " + e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (cl.help) {
      System.out.println(CommandLine.USAGE);
      return;
    }
    Vertx vertx = Vertx.vertx();
    SpApiSimulator.start(vertx, cl.options).onSuccess(sim -> {
      try {
        writeCredentials(sim, cl.credentialsOut);
      } catch (IOException e) {
        System.err.println("simulator: cannot write credentials to " + cl.credentialsOut + ": " + e.getMessage());
      }
      System.out.println("SP-API simulator listening on " + sim.baseUrl() + " (regions at /na, /eu, /fe; LWA at " + sim.lwaUrl() + ")");
      System.out.println("sellers: " + sim.sellers().size() + ", listings " + cl.options.listingsMix() + " (sellers:listings)"
          + ", seed " + cl.options.seed() + ", time scale " + cl.options.timeScale()
          + ", quotas " + (cl.options.quotas() ? "on" : "off") + ", fault rate " + cl.options.faultRate());
      if (sim.sqsEndpoint() != null) {
        System.out.println("notifications go to SQS endpoint " + sim.sqsEndpoint());
      }
      System.out.println("credentials (client id/secret, refresh tokens) written to " + cl.credentialsOut.toAbsolutePath());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> sim.stop().toCompletionStage().toCompletableFuture().join()));
    }).onFailure(e -> {
      System.err.println("simulator: cannot start: " + e.getMessage());
      vertx.close();
      System.exit(1);
    });
  }

  static void writeCredentials(SpApiSimulator sim, Path file) throws IOException {
    JsonArray apps = new JsonArray();
    for (LwaApplication app : sim.applications()) {
      apps.add(new JsonObject().put("applicationId", app.applicationId()).put("clientId", app.clientId())
          .put("clientSecret", app.clientSecret()));
    }
    JsonArray sellers = new JsonArray();
    for (Seller seller : sim.sellers()) {
      sellers.add(seller.toJson());
    }
    JsonObject json = new JsonObject().put("baseUrl", sim.baseUrl()).put("lwaUrl", sim.lwaUrl()).put("applications", apps)
        .put("sellers", sellers);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, json.encodePrettily(), StandardCharsets.UTF_8);
  }
}
