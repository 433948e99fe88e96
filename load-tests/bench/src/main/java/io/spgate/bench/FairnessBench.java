package io.spgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code ops/bench fairness}: tenant B calls at a steady rate while tenant A floods at {@code --flood}× its own calls/s limit,
 * both through the pass-through (getMarketplaceParticipations of a seller of their own) of one gateway JVM to the simulator
 * (its quotas off, the application's rate for the operation set high: neither Amazon's quotas nor the gateway's quota gate
 * shape anything, only the tenants' limits do).
 *
 * <p>B's latency is measured open loop from each call's intended send time, alone and beside A's flood in the same run: the
 * run is cut into short slices, A flooding in half of them (each pair of slices in a random order), B calling throughout. On
 * this shared machine the load of other processes changes over tens of seconds; slices of a few seconds, interleaved, expose
 * both conditions to the same outside load, where a phase of B alone and then a phase beside A would each get a different
 * share of it (B alone first then flooded measured the machine's other work more than the flood). A call is counted in the
 * condition of the slice it was due in, and not at all in the first {@link #SETTLE_NANOS} of a slice (the other condition's
 * last calls are still answered then). After a warm-up of both. A's and B's generators run on event loops of their own.
 */
final class FairnessBench {

  private static final String OPERATION = "getMarketplaceParticipations";
  private static final String APPLICATION = "fairness";
  private static final String OPERATION_PATH = "/sellers/v1/marketplaceParticipations";
  private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private FairnessBench() {}

  /** Answers false when B saw an error or the flood was not held to A's limit, so ops/bench exits non-zero. */
  static boolean run(Flags flags) throws Exception {
    double bRate = flags.number("b-rate", 100, 1, false, 5_000);
    double aLimit = flags.number("a-limit", 50, 1, false, 1_000);
    double flood = flags.number("flood", 10, 1, false, 100);
    int seconds = flags.integer("seconds", 180, 4, 3600);
    double slice = flags.number("slice", 1, 0.5, false, 60);
    int warmup = flags.integer("warmup", 20, 0, 600);
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();

    Path logs = Files.createTempDirectory("spgate-bench-fairness-");
    System.out.printf(Locale.ROOT, "fairness: B at %.0f calls/s; A at %.0f× its limit of %.0f calls/s (%.0f calls/s) in half of the "
        + "%s s slices of %d s (B alone in the others); %s via the pass-through; after %d s warm-up; %d cores; component logs in %s%n",
        bRate, flood, aLimit, aLimit * flood, Flags.plain(slice), seconds, OPERATION, warmup, Runtime.getRuntime().availableProcessors(),
        logs);

    // Two event loops: one for A's generator, one for B's, so that A's flood does not delay B's calls before they leave.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    WebClient web = WebClient.create(vertx);
    List<ComponentJvm> components = new ArrayList<>();
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    try {
      Path credentialsFile = logs.resolve("simulator-credentials.json");
      ComponentJvm simulator = ComponentJvm.start("simulator", "io.spgate.simulator.Main", List.of("--port", "0", "--host", "127.0.0.1",
          "--sellers", "2", "--listings", "1", "--orders", "0", "--quotas", "off", "--credentials-out", credentialsFile.toString()),
          Map.of(), logs);
      components.add(simulator);
      simulator.awaitReady(() -> ProxyBench.readJson(credentialsFile) != null, Duration.ofMinutes(2));
      JsonObject credentials = ProxyBench.readJson(credentialsFile);

      Map<String, String> settings = GatewayFleet.settings(credentials, databases.create(), redis, logs);
      settings.put("SPGATE_APPLICATIONS_FILE",
          // An application of its own: its quota buckets (q:{seller}:fairness:...) stay apart from those the other scenarios'
          // gateways use for the same simulated sellers in the same Redis (fanout and orders, under "main").
          ProxyBench.applicationsFile(credentials.getJsonArray("applications"), APPLICATION, logs).toString());
      GatewayFleet fleet = GatewayFleet.start(1, "512m", settings, logs, components, web);
      // The gateway first: its CPU is reported apart.
      List<ComponentJvm> ours = List.of(fleet.gateways.get(0), simulator);
      int port = fleet.ports.get(0);
      List<JsonObject> simSellers = credentials.getJsonArray("sellers").stream().map(JsonObject.class::cast).toList();
      Tenant a = tenant(web, port, fleet.adminKey, "a", simSellers.get(0));
      Tenant b = tenant(web, port, fleet.adminKey, "b", simSellers.get(1));
      HttpResponse<Buffer> limited = TokensBench.await(web.put(port, "127.0.0.1", "/v1/tenants/" + a.id() + "/limits")
          .putHeader("Authorization", "Bearer " + fleet.adminKey)
          .sendJsonObject(new JsonObject().put("callsPerSecond", aLimit).put("burst", (int) Math.max(1, aLimit))));
      if (limited.statusCode() != 200) {
        throw new IllegalStateException("setting A's limits answered " + limited.statusCode() + " " + limited.bodyAsString());
      }

      LoadDriver aDriver = new LoadDriver(List.of(a.path()), 64);
      LoadDriver bDriver = new LoadDriver(List.of(b.path()), 64);
      TokensBench.await(vertx.deployVerticle(aDriver));
      TokensBench.await(vertx.deployVerticle(bDriver));
      List<String> failures = new ArrayList<>(TokensBench.await(aDriver.probe("a")));
      failures.addAll(TokensBench.await(bDriver.probe("b")));
      if (!failures.isEmpty()) {
        System.err.println("ops/bench fairness: the tenants' calls through the gateway fail:\n  " + String.join("\n  ", failures));
        return false;
      }

      long sliceNanos = (long) (slice * 1e9);
      if (warmup > 0) {
        Run warm = run(vertx, aDriver, bDriver, bRate, aLimit * flood, Slices.allFlooded(sliceNanos, warmup), ours);
        System.out.printf(Locale.ROOT, "warm-up: %d s of both; B p99 %.2f ms; A admitted %d, refused %d%n", warmup,
            p99(warm.b(true, IntStream.range(0, warm.slices().count()).boxed().toList())), warm.a().okTotal,
            warm.a().errors.getOrDefault("HTTP 429", 0L));
      }
      Slices slices = Slices.interleaved(sliceNanos, seconds);
      Run measured = run(vertx, aDriver, bDriver, bRate, aLimit * flood, slices, ours);
      return report(measured, bRate, aLimit, flood);
    } finally {
      for (ComponentJvm component : components) {
        component.close();
      }
      databases.close();
      TokensBench.await(vertx.close());
    }
  }

  /** The run's slices: which of them A floods in. */
  private record Slices(long sliceNanos, boolean[] flooded) {

    /** Pairs of slices, one with A's flood and one without, each pair in a random order. */
    static Slices interleaved(long sliceNanos, int seconds) {
      int pairs = (int) Math.max(1, TimeUnit.SECONDS.toNanos(seconds) / sliceNanos / 2);
      boolean[] flooded = new boolean[pairs * 2];
      Random random = new Random();
      for (int pair = 0; pair < pairs; pair++) {
        boolean first = random.nextBoolean();
        flooded[2 * pair] = first;
        flooded[2 * pair + 1] = !first;
      }
      return new Slices(sliceNanos, flooded);
    }

    static Slices allFlooded(long sliceNanos, int seconds) {
      boolean[] flooded = new boolean[(int) Math.max(1, TimeUnit.SECONDS.toNanos(seconds) / sliceNanos)];
      Arrays.fill(flooded, true);
      return new Slices(sliceNanos, flooded);
    }

    int count() {
      return flooded.length;
    }

    int count(boolean floodOn) {
      return (int) IntStream.range(0, flooded.length).filter(k -> flooded[k] == floodOn).count();
    }
  }

  /**
   * What a run measured, by slice: B's calls (and those of the slices' settling times, only checked), the cores the gateway
   * JVM used, and the cores others used (the machine's busy time less the gateway's, the simulator's and this JVM's:
   * other work on the machine, and Postgres and Redis); and A's calls.
   */
  private record Run(Slices slices, List<LoadDriver.Tally> b, LoadDriver.Tally settling, LoadDriver.Tally a, double[] gatewayCores,
      double[] otherCores) {

    /** B's calls in the slices of one condition, of the given pairs of slices. */
    LoadDriver.Tally b(boolean floodOn, List<Integer> pairs) {
      LoadDriver.Tally tally = new LoadDriver.Tally();
      for (int pair : pairs) {
        for (int k = 2 * pair; k <= 2 * pair + 1 && k < slices.count(); k++) {
          if (slices.flooded()[k] == floodOn) {
            tally.add(b.get(k));
          }
        }
      }
      return tally;
    }

    List<Integer> pairs() {
      return IntStream.range(0, slices.count() / 2).boxed().toList();
    }

    /** The half of the pairs in which others used the least CPU (the busier slice of the two counting). */
    List<Integer> quieterPairs() {
      return pairs().stream().sorted(Comparator.comparingDouble(p -> Math.max(otherCores[2 * p], otherCores[2 * p + 1])))
          .limit(Math.max(1, slices.count() / 4)).toList();
    }

    double meanCores(double[] cores, boolean floodOn) {
      return IntStream.range(0, slices.count()).filter(k -> slices.flooded()[k] == floodOn).mapToDouble(k -> cores[k]).average()
          .orElse(Double.NaN);
    }

    long bErrors() {
      return b.stream().mapToLong(LoadDriver.Tally::errorCount).sum() + settling.errorCount();
    }
  }

  /**
   * B open loop throughout; A's flood in the slices that have it. B's calls go to the tally of the slice they were due in,
   * each slice's first {@link #SETTLE_NANOS} left out.
   */
  private static Run run(Vertx vertx, LoadDriver aDriver, LoadDriver bDriver, double bRate, double aRate, Slices slices,
      List<ComponentJvm> ours) {
    List<LoadDriver.Tally> bySlice = IntStream.range(0, slices.count()).mapToObj(k -> new LoadDriver.Tally()).toList();
    long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long end = origin + slices.count() * slices.sliceNanos();
    Future<LoadDriver.Tally> b = bDriver.openLoop("b", bRate, origin, end, new LoadDriver.Tally(), due -> {
      long into = (due - origin) % slices.sliceNanos();
      int index = (int) ((due - origin) / slices.sliceNanos());
      return due - origin < 0 || index >= slices.count() || into < SETTLE_NANOS ? null : bySlice.get(index);
    });
    List<Future<LoadDriver.Tally>> aSlices = new ArrayList<>();
    double[][] cpu = new double[slices.count() + 1][];
    for (int k = 0; k <= slices.count(); k++) {
      int index = k;
      long at = origin + k * slices.sliceNanos();
      aSlices.add(vertx.timer(Math.max(1, at - System.nanoTime()), TimeUnit.NANOSECONDS).compose(v -> {
        cpu[index] = cpuSeconds(ours);
        return index < slices.count() && slices.flooded()[index]
            ? aDriver.openLoop("a", aRate, 0, 0, slices.sliceNanos()) : Future.succeededFuture(new LoadDriver.Tally());
      }));
    }
    TokensBench.await(Future.all(aSlices).compose(all -> b));
    LoadDriver.Tally a = new LoadDriver.Tally();
    aSlices.forEach(f -> a.add(f.result()));
    double sliceSeconds = slices.sliceNanos() / 1e9;
    double[] gatewayCores = new double[slices.count()];
    double[] otherCores = new double[slices.count()];
    for (int k = 0; k < slices.count(); k++) {
      gatewayCores[k] = (cpu[k + 1][1] - cpu[k][1]) / sliceSeconds;
      otherCores[k] = (cpu[k + 1][0] - cpu[k][0] - (cpu[k + 1][2] - cpu[k][2])) / sliceSeconds;
    }
    return new Run(slices, bySlice, b.result(), a, gatewayCores, otherCores);
  }

  /** {machine busy, the gateway JVM's, all of ours (the components' and this JVM's)}, in CPU seconds so far. */
  private static double[] cpuSeconds(List<ComponentJvm> ours) {
    double gateway = ours.get(0).cpuNanos() / 1e9;
    double all = ours.stream().mapToLong(ComponentJvm::cpuNanos).sum() / 1e9
        + ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    return new double[] {ReportsBench.machineBusySeconds(), gateway, all};
  }

  private static boolean report(Run run, double bRate, double aLimit, double flood) {
    Slices slices = run.slices();
    LoadDriver.Tally alone = run.b(false, run.pairs());
    LoadDriver.Tally flooded = run.b(true, run.pairs());
    double aloneP99 = p99(alone);
    double floodP99 = p99(flooded);
    double ratio = floodP99 / aloneP99;
    List<Integer> quieter = run.quieterPairs();
    double quietRatio = p99(run.b(true, quieter)) / p99(run.b(false, quieter));
    long bErrors = run.bErrors();
    LoadDriver.Tally a = run.a();
    long aRefused = a.errors.getOrDefault("HTTP 429", 0L);
    long aOther = a.errorCount() - aRefused;
    // A's bucket lets through its rate while it floods, and its burst again at the start of each flooded slice (it refilled).
    double sliceSeconds = slices.sliceNanos() / 1e9;
    double aAllowed = slices.count(true) * (aLimit * sliceSeconds + Math.max(1, aLimit));

    Table table = new Table()
        .row("slices of " + Flags.plain(sliceSeconds) + " s: B alone / B beside A's flood", slices.count(false) + " / " + slices.count(true))
        .row("B alone: p50 / p90 / p99 / max (ms)", percentiles(alone))
        .row("B beside A's flood: p50 / p90 / p99 / max (ms)", percentiles(flooded))
        .row("B calls counted, alone / beside A; errors (all calls)", alone.okInWindow + " / " + flooded.okInWindow + "; " + bErrors
            + (bErrors > 0 ? " " + alone.errors + " " + flooded.errors + " " + run.settling().errors : ""))
        .row("B generator lag p99 (ms), alone / beside A", String.format(Locale.ROOT, "%.2f / %.2f",
            alone.sendLag.getValueAtPercentile(99) / 1000.0, flooded.sendLag.getValueAtPercentile(99) / 1000.0))
        .row("A: sent at (calls/s) = flood × limit", String.format(Locale.ROOT, "%.0f = %.0f × %.0f", aLimit * flood, flood, aLimit))
        .row("A: admitted / its limit allowed; refused 429 tenant_rate_limit; other answers", String.format(Locale.ROOT,
            "%d / %.0f; %d; %d", a.okTotal, aAllowed, aRefused, aOther))
        .row("gateway JVM CPU (cores), alone / beside A", String.format(Locale.ROOT, "%.3f / %.3f",
            run.meanCores(run.gatewayCores(), false), run.meanCores(run.gatewayCores(), true)))
        .row("others' CPU on the machine (cores; Postgres and Redis included), alone / beside A", String.format(Locale.ROOT,
            "%.2f / %.2f", run.meanCores(run.otherCores(), false), run.meanCores(run.otherCores(), true)))
        .row("ratio over the quieter half of the pairs of slices (others' CPU least)", String.format(Locale.ROOT, "%.2f (%d pairs)",
            quietRatio, quieter.size()))
        .row("ratio = B p99 beside A / B p99 alone (goal ≤ 1.1), b_errors (goal 0)", String.format(Locale.ROOT, "%.2f, %d", ratio,
            bErrors));
    table.print(String.format(Locale.ROOT, "fairness benchmark: B at %.0f calls/s, A at %.0f× its limit of %.0f calls/s", bRate, flood,
        aLimit));
    boolean held = a.okTotal <= aAllowed && aOther == 0;
    if (!held) {
      System.out.printf("ERROR: A's flood was not held to its limit (admitted %d, allowed %.0f, other answers %s)%n", a.okTotal,
          aAllowed, a.errors);
    }
    System.out.printf(Locale.ROOT, "RESULT b_p99_ms=%.2f b_p99_alone_ms=%.2f ratio=%.2f b_errors=%d%n", floodP99, aloneP99, ratio,
        bErrors);
    System.out.printf(Locale.ROOT, "goal: ratio ≤ 1.1 (%s), b_errors = 0 (%s)%n", ratio <= 1.1 ? "met" : "NOT met",
        bErrors == 0 ? "met" : "NOT met");
    return held && bErrors == 0;
  }

  private static double p99(LoadDriver.Tally tally) {
    return tally.latency.getValueAtPercentile(99) / 1000.0;
  }

  private static String percentiles(LoadDriver.Tally tally) {
    return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", tally.latency.getValueAtPercentile(50) / 1000.0,
        tally.latency.getValueAtPercentile(90) / 1000.0, tally.latency.getValueAtPercentile(99) / 1000.0,
        tally.latency.getMaxValue() / 1000.0);
  }

  /** A tenant of the bench, and the pass-through call its generator sends. */
  private record Tenant(String id, ProxyPath path) {}

  /** A tenant with the simulator's seller under the operator's application, and a key of its own, made through the API as a user would. */
  private static Tenant tenant(WebClient web, int port, String adminKey, String name, JsonObject seller) {
    String tenant = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants")
        .putHeader("Authorization", "Bearer " + adminKey).sendJsonObject(new JsonObject().put("name", "Tenant " + name))), "tenant")
        .getString("id");
    String key = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants/" + tenant + "/keys")
        .putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("name", name).put("scopes", new JsonArray().add("tenant:read")))), "API key")
        .getString("key");
    HttpResponse<Buffer> shared = TokensBench.await(web.put(port, "127.0.0.1", "/v1/applications/" + APPLICATION + "/tenants/" + tenant)
        .putHeader("Authorization", "Bearer " + adminKey).send());
    if (shared.statusCode() != 204) {
      throw new IllegalStateException("sharing application " + APPLICATION + " with tenant " + name + " answered " + shared.statusCode());
    }
    String id = ProxyBench.created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/sellers").addQueryParam("tenantId", tenant)
        .putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("sellingPartnerId", seller.getString("sellerId")).put("application", APPLICATION)
            .put("marketplaceIds", seller.getJsonArray("marketplaceIds")).put("refreshToken", seller.getString("refreshToken")))),
        "seller of tenant " + name).getString("id");
    return new Tenant(tenant, new ProxyPath(name, port, List.of(new ProxyPath.Call("/v1/sellers/" + id + "/sp-api" + OPERATION_PATH,
        Map.of("Authorization", "Bearer " + key)))));
  }
}
