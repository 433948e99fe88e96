package io.spgate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * {@code ops/bench proxy}: one SP-API operation (getMarketplaceParticipations) by three paths in one
 * run, against the simulator with its quotas out of the way: direct to the simulator; through the
 * bare hop ({@link BareHop}, the cost of one more HTTP hop); and through spgate's pass-through with
 * every stage on (API key, a Redis quota decision and the cached LWA token on every call, rates
 * configured so no call waits). Simulator, hop and gateway each run as their own JVM, with the
 * event loops production defaults to (one per core); the load generator runs here.
 *
 * <p>Per path: the saturation rate (closed loop, a fixed number of calls in flight), then latency at
 * one open-loop rate X for all paths (half the hop's saturation), measured from each call's intended
 * send time; the hop once more at the share of its saturation spgate carries at X; and the hop and
 * spgate at a light load, a quarter of the hop's saturation, where queueing does not dominate. Several short
 * rounds per path, interleaved in rotating order, and medians, because this machine's cores are
 * shared with everything else on it.
 */
final class ProxyBench {

  private static final String OPERATION = "getMarketplaceParticipations";
  private static final String OPERATION_PATH = "/sellers/v1/marketplaceParticipations";
  private static final List<String> PATHS = List.of("direct", "hop", "spgate");
  /** The rate configured for the bench application: high enough that no call ever waits for its slot. */
  private static final long CONFIGURED_RATE = 1_000_000;
  private static final long RAMP_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long WARMUP_SLICE_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** The JIT has settled when it takes less than this share of its JVMs' CPU. */
  private static final double JIT_SETTLED = 0.02;

  private ProxyBench() {}

  /** Everything measured on one path. */
  private static final class PathFigures {
    final String name;
    final List<Double> saturation = new ArrayList<>();
    final List<LoadDriver.Tally> openRounds = new ArrayList<>();
    final LoadDriver.Tally all = new LoadDriver.Tally();
    long measuredOk;
    /** Over the saturation rounds: calls answered, and CPU the simulator and the path's proxy JVM (hop or gateway) used. */
    long saturationCalls;
    long simulatorCpuNanos = -1;
    long proxyCpuNanos = -1;
    /** Over the open-loop rounds: calls answered, and CPU the path's proxy JVM used. */
    long openCalls;
    long openProxyCpuNanos = -1;
    /** CPU the gateway's Redis used over the saturation and the open-loop rounds (spgate only; -1 without Redis). */
    long redisCpuNanos = -1;
    long openRedisCpuNanos = -1;

    PathFigures(String name) {
      this.name = name;
    }

    double rps() {
      return median(saturation);
    }

    double openMillis(double percentile) {
      return median(openRounds.stream().map(t -> t.latency.getValueAtPercentile(percentile) / 1000.0).toList());
    }

    double openMaxMillis() {
      return openRounds.stream().mapToDouble(t -> t.latency.getMaxValue() / 1000.0).max().orElse(Double.NaN);
    }

    double simulatorMicrosPerCall() {
      return simulatorCpuNanos < 0 ? Double.NaN : simulatorCpuNanos / 1000.0 / saturationCalls;
    }

    double proxyMicrosPerCall() {
      return proxyCpuNanos < 0 ? Double.NaN : proxyCpuNanos / 1000.0 / saturationCalls;
    }

    double openProxyMicrosPerCall() {
      return openProxyCpuNanos < 0 ? Double.NaN : openProxyCpuNanos / 1000.0 / openCalls;
    }

    double redisMicrosPerCall() {
      return redisCpuNanos < 0 ? Double.NaN : redisCpuNanos / 1000.0 / saturationCalls;
    }

    double openRedisMicrosPerCall() {
      return openRedisCpuNanos < 0 ? Double.NaN : openRedisCpuNanos / 1000.0 / openCalls;
    }

    double lagP99Millis() {
      return median(openRounds.stream().map(t -> t.sendLag.getValueAtPercentile(99) / 1000.0).toList());
    }
  }

  /** Answers false when a call failed or the run could not be set up, so ops/bench exits non-zero. */
  static boolean run(Flags flags) throws Exception {
    List<String> paths = paths(flags.text("paths", String.join(",", PATHS)));
    int connections = flags.integer("connections", 64, 1, 4096);
    int rounds = flags.integer("rounds", 3, 1, 50);
    int seconds = flags.integer("seconds", 5, 1, 600);
    int warmup = flags.integer("warmup", 10, 0, 600);
    int warmupMax = flags.integer("warmup-max", 120, 0, 1800);
    int sellers = flags.integer("sellers", 8, 1, 1000);
    int fixedRate = flags.integer("rate", 0, 0, 1_000_000);
    int loops = flags.integer("client-loops", 2, 1, 64);
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();
    if (fixedRate == 0 && !paths.contains("hop")) {
      throw new IllegalArgumentException("the open-loop rate is half the hop's saturation: include hop in --paths, or give --rate");
    }

    Path logs = Files.createTempDirectory("spgate-bench-proxy-");
    System.out.printf("proxy: %s, paths %s, %d sellers; %d rounds × %d s per path (interleaved) after at least %d s warm-up; "
        + "closed loop %d in flight; load generator on %d event loop(s), %d cores; component logs in %s%n",
        OPERATION, String.join(",", paths), sellers, rounds, seconds, warmup, connections, loops,
        Runtime.getRuntime().availableProcessors(), logs);

    // Native epoll where available: its timers have microsecond precision, so open-loop calls leave at their own times.
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
    WebClient web = WebClient.create(vertx);
    List<ComponentJvm> components = new ArrayList<>();
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    // The spgate path's Redis is part of its cost on this machine: its CPU per call is reported with the gateway's.
    RedisCpu redisCpu = paths.contains("spgate") && !redis.isBlank() ? new RedisCpu(vertx, redis) : null;
    try {
      Path credentialsFile = logs.resolve("simulator-credentials.json");
      ComponentJvm simulatorJvm = ComponentJvm.start("simulator", "io.spgate.simulator.Main", List.of("--port", "0", "--host", "127.0.0.1",
          "--sellers", String.valueOf(sellers), "--listings", "1", "--orders", "0", "--quotas", "off",
          "--credentials-out", credentialsFile.toString()), Map.of(), logs);
      components.add(simulatorJvm);
      Map<String, ComponentJvm> proxies = new LinkedHashMap<>();
      simulatorJvm.awaitReady(() -> readJson(credentialsFile) != null, Duration.ofMinutes(2));
      JsonObject credentials = readJson(credentialsFile);
      URI simulator = URI.create(credentials.getString("baseUrl"));
      List<JsonObject> simSellers = credentials.getJsonArray("sellers").stream().map(JsonObject.class::cast).toList();

      List<ProxyPath> proxyPaths = new ArrayList<>();
      List<Map<String, String>> amazonHeaders = new ArrayList<>();
      if (paths.contains("direct") || paths.contains("hop")) {
        // What the gateway does for its callers, done here once per seller: a refresh-token grant at LWA.
        for (JsonObject seller : simSellers) {
          amazonHeaders.add(Map.of("x-amz-access-token", accessToken(web, credentials.getString("lwaUrl"), seller)));
        }
      }
      if (paths.contains("direct")) {
        proxyPaths.add(new ProxyPath("direct", simulator.getPort(), amazonHeaders.stream()
            .map(headers -> new ProxyPath.Call(OPERATION_PATH, headers)).toList()));
      }
      if (paths.contains("hop")) {
        int port = ComponentJvm.freePort();
        ComponentJvm hop = ComponentJvm.start("hop", BareHop.class.getName(), List.of(String.valueOf(port),
            String.valueOf(simulator.getPort())), Map.of(), logs);
        components.add(hop);
        proxies.put("hop", hop);
        hop.awaitReady(() -> accepts(port), Duration.ofMinutes(1));
        proxyPaths.add(new ProxyPath("hop", port, amazonHeaders.stream()
            .map(headers -> new ProxyPath.Call(OPERATION_PATH, headers)).toList()));
      }
      int gatewayPort = -1;
      int metricsPort = -1;
      if (paths.contains("spgate")) {
        String pgUrl = databases.create();
        gatewayPort = ComponentJvm.freePort();
        metricsPort = ComponentJvm.freePort();
        String adminKey = "spg_bench-admin-key-" + UUID.randomUUID();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new java.util.HashMap<>(Map.of("SPGATE_HOST", "127.0.0.1", "SPGATE_PORT", String.valueOf(gatewayPort),
            "SPGATE_MANAGEMENT_PORT", String.valueOf(metricsPort), "SPGATE_PG_URL", pgUrl, "SPGATE_REDIS_URL", redis,
            "SPGATE_APPLICATIONS_FILE", applicationsFile(credentials.getJsonArray("applications"), "bench", logs).toString(),
            "SPGATE_LWA_URL", credentials.getString("lwaUrl"), "SPGATE_SPAPI_ENDPOINT", simulator.toString(),
            "SPGATE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(key), "SPGATE_ADMIN_KEY", adminKey));
        // The bench's one tenant takes the gateway to saturation: its own limits (fairness between tenants) must not stop it first.
        // Twice the calls the bench keeps in flight: a call's permit is let go just after its answer left, by when the bench
        // may have sent the next one.
        env.putAll(Map.of("SPGATE_SPAPI_CONNECTIONS", String.valueOf(Math.max(64, 2 * connections + 1)),
            "SPGATE_TENANT_MAX_CONCURRENT", String.valueOf(2 * connections), "SPGATE_TENANT_RATE", "100000/100000"));
        ComponentJvm gateway = ComponentJvm.start("gateway", "io.spgate.Main", List.of("serve"), env, logs);
        components.add(gateway);
        proxies.put("spgate", gateway);
        int port = gatewayPort;
        gateway.awaitReady(() -> ready(web, port), Duration.ofMinutes(3));
        proxyPaths.add(new ProxyPath("spgate", gatewayPort, register(web, gatewayPort, adminKey, simSellers)));
      }

      int perDriver = (connections + loops - 1) / loops;
      List<LoadDriver> drivers = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        LoadDriver driver = new LoadDriver(proxyPaths, perDriver);
        TokensBench.await(vertx.deployVerticle(driver));
        drivers.add(driver);
      }

      // Every path must answer the operation itself before anything is measured.
      boolean probed = true;
      for (ProxyPath path : proxyPaths) {
        List<String> failures = TokensBench.await(drivers.get(0).probe(path.name()));
        if (!failures.isEmpty()) {
          probed = false;
          System.err.printf("ops/bench proxy: the %s path does not answer %s:%n  %s%n", path.name(), OPERATION,
              String.join("\n  ", failures.subList(0, Math.min(3, failures.size()))));
          if (path.name().equals("spgate") && failures.stream().anyMatch(f -> f.contains("answered 404"))) {
            System.err.println("  (does this gateway have the pass-through API, GET /v1/sellers/{sellerId}/sp-api/...? "
                + "Without it, run --paths direct,hop)");
          }
        }
      }
      if (!probed) {
        return false;
      }

      Map<String, PathFigures> figures = new LinkedHashMap<>();
      proxyPaths.forEach(path -> figures.put(path.name(), new PathFigures(path.name())));
      for (ProxyPath path : proxyPaths) {
        List<ComponentJvm> jvms = proxies.containsKey(path.name()) ? List.of(simulatorJvm, proxies.get(path.name()))
            : List.of(simulatorJvm);
        warmUp(drivers, path.name(), connections, jvms, warmup, Math.max(warmup, warmupMax), figures.get(path.name()).all);
      }

      long simOkBefore = simulatorOk(web, simulator);
      long lwaBefore = lwaRefreshes(web, simulator);
      Map<String, Double> gatewayBefore = metricsPort < 0 ? Map.of() : gatewayQuotaMeters(web, metricsPort);

      long window = TimeUnit.SECONDS.toNanos(seconds);
      for (int round = 0; round < rounds; round++) {
        for (ProxyPath path : rotated(proxyPaths, round)) {
          LongSupplier proxyCpu = cpuOf(proxies.get(path.name()));
          LongSupplier pathRedisCpu = redisCpuOf(path.name(), redisCpu);
          long proxyBefore = proxyCpu.getAsLong();
          long redisBefore = pathRedisCpu.getAsLong();
          long simulatorBefore = simulatorJvm.cpuNanos();
          LoadDriver.Tally tally = closedLoop(drivers, path.name(), connections, RAMP_NANOS, window);
          PathFigures f = figures.get(path.name());
          f.redisCpuNanos = withCpuSince(f.redisCpuNanos, pathRedisCpu, redisBefore);
          f.saturation.add(tally.okInWindow / (window / 1e9));
          f.saturationCalls += tally.okTotal;
          f.simulatorCpuNanos = withCpuSince(f.simulatorCpuNanos, simulatorJvm::cpuNanos, simulatorBefore);
          f.proxyCpuNanos = withCpuSince(f.proxyCpuNanos, proxyCpu, proxyBefore);
          f.all.add(tally);
          f.measuredOk += tally.okTotal;
        }
      }
      double rate = fixedRate > 0 ? fixedRate : Math.max(1, Math.round(figures.get("hop").rps() / 2));
      List<OpenLeg> legs = new ArrayList<>(proxyPaths.stream()
          .map(path -> new OpenLeg(path.name(), rate, figures.get(path.name()))).toList());
      // The hop once more, at the share of its own saturation that spgate carries at X: latency grows for every path as it
      // nears its saturation on this shared machine, so this tells what spgate adds by what it does from what it adds by
      // running closer to its saturation.
      OpenLeg hopAtShare = figures.containsKey("hop") && figures.containsKey("spgate") && figures.get("spgate").rps() > 0
          ? new OpenLeg("hop", rate * figures.get("hop").rps() / figures.get("spgate").rps(), new PathFigures("hop at spgate's share"))
          : null;
      if (hopAtShare != null) {
        legs.add(hopAtShare);
      }
      // Both at a load each carries lightly, a quarter of the hop's saturation: what spgate adds by what it does, where
      // queueing on this shared 2-core machine does not dominate either path's latency.
      double lightRate = figures.containsKey("hop") ? Math.max(1, Math.round(figures.get("hop").rps() / 4)) : 0;
      Map<String, PathFigures> light = new LinkedHashMap<>();
      for (String path : List.of("hop", "spgate")) {
        if (fixedRate == 0 && figures.containsKey("hop") && figures.containsKey(path)) {
          light.put(path, new PathFigures(path + " light"));
          legs.add(new OpenLeg(path, lightRate, light.get(path)));
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (OpenLeg leg : rotated(legs, round)) {
          LongSupplier proxyCpu = cpuOf(proxies.get(leg.path()));
          LongSupplier pathRedisCpu = redisCpuOf(leg.path(), redisCpu);
          long proxyBefore = proxyCpu.getAsLong();
          long redisBefore = pathRedisCpu.getAsLong();
          LoadDriver.Tally tally = openLoop(drivers, leg.path(), leg.rate(), window);
          PathFigures f = leg.figures();
          f.openRedisCpuNanos = withCpuSince(f.openRedisCpuNanos, pathRedisCpu, redisBefore);
          f.openProxyCpuNanos = withCpuSince(f.openProxyCpuNanos, proxyCpu, proxyBefore);
          f.openCalls += tally.okTotal;
          f.openRounds.add(tally);
          f.all.add(tally);
          f.measuredOk += tally.okTotal;
        }
      }

      long simServed = simulatorOk(web, simulator) - simOkBefore;
      long lwaDuring = lwaRefreshes(web, simulator) - lwaBefore;
      Map<String, Double> gatewayAfter = metricsPort < 0 ? Map.of() : gatewayQuotaMeters(web, metricsPort);
      return report(figures, hopAtShare, new LightLoad(lightRate, light), rate, fixedRate > 0, connections, simServed, lwaDuring,
          gatewayBefore, gatewayAfter);
    } finally {
      for (ComponentJvm component : components) {
        component.close();
      }
      databases.close();
      if (redisCpu != null) {
        redisCpu.close();
      }
      TokensBench.await(vertx.close());
    }
  }

  /** One path driven open loop at one rate, its figures kept in {@code figures}. */
  private record OpenLeg(String path, double rate, PathFigures figures) {}

  /** The hop and spgate at a quarter of the hop's saturation; {@code figures} is empty unless both ran without --rate. */
  private record LightLoad(double rate, Map<String, PathFigures> figures) {
    boolean measured() {
      return figures.containsKey("hop") && figures.containsKey("spgate");
    }

    double addedMillis(double percentile) {
      return figures.get("spgate").openMillis(percentile) - figures.get("hop").openMillis(percentile);
    }
  }

  /** @param hopAtShare the hop at the share of its saturation that spgate carries at X; null unless both ran */
  private static boolean report(Map<String, PathFigures> figures, OpenLeg hopAtShare, LightLoad light, double rate, boolean fixedRate,
      int connections, long simServed, long lwaDuring, Map<String, Double> gatewayBefore, Map<String, Double> gatewayAfter) {
    List<PathFigures> measured = new ArrayList<>(figures.values());
    if (hopAtShare != null) {
      measured.add(hopAtShare.figures());
    }
    measured.addAll(light.figures().values());
    System.out.println();
    String title = String.format(Locale.ROOT,
        "proxy benchmark: saturation (%d in flight), latency at %.0f rps (open loop, from intended send time)",
        connections, rate);
    System.out.println(title);
    System.out.println("-".repeat(title.length()));
    System.out.printf("%-7s %15s  %-22s %13s %13s %8s %8s %8s %9s %8s %7s%n", "path", "saturation rps", "(rounds)", "proxy µs cpu",
        "sim µs cpu", "p50 ms", "p90 ms", "p99 ms", "max ms", "lag p99", "errors");
    for (PathFigures f : figures.values()) {
      System.out.printf(Locale.ROOT, "%-7s %15.0f  %-22s %13s %13.0f %8.2f %8.2f %8.2f %9.2f %8.2f %7d%n", f.name, f.rps(),
          rounds(f.saturation), Double.isNaN(f.proxyMicrosPerCall()) ? "-" : String.format(Locale.ROOT, "%.0f", f.proxyMicrosPerCall()),
          f.simulatorMicrosPerCall(), f.openMillis(50), f.openMillis(90), f.openMillis(99), f.openMaxMillis(), f.lagP99Millis(),
          f.all.errorCount());
    }
    System.out.println("(rps and ms: medians over rounds, ms at the open-loop rate; max ms: the largest in any round; µs cpu: CPU time "
        + "per call of the hop or gateway JVM and of the simulator's, over the saturation rounds; lag p99: the load generator's own "
        + "lateness in sending, included in every latency)");
    System.out.println();

    PathFigures direct = figures.get("direct");
    PathFigures hop = figures.get("hop");
    PathFigures spgate = figures.get("spgate");
    Table table = new Table();
    table.row("open-loop rate X (rps)",
        String.format(Locale.ROOT, "%.0f%s", rate, fixedRate ? " (--rate)" : " (half the hop's saturation)"));
    if (hop != null && direct != null) {
      table.row("hop / direct saturation", ratio(hop.rps(), direct.rps()));
    }
    if (spgate != null && hop != null) {
      table.row("spgate / hop saturation (goal ≥ 0.7)", ratio(spgate.rps(), hop.rps()))
          .row("spgate added p50 / p99 at X (ms)", String.format(Locale.ROOT, "%.2f / %.2f",
              spgate.openMillis(50) - hop.openMillis(50), spgate.openMillis(99) - hop.openMillis(99)));
    }
    if (hopAtShare != null) {
      PathFigures share = hopAtShare.figures();
      table.row(String.format(Locale.ROOT, "hop at spgate's share of saturation (%.0f rps): p50 / p99 (ms)", hopAtShare.rate()),
              String.format(Locale.ROOT, "%.2f / %.2f", share.openMillis(50), share.openMillis(99)))
          .row("spgate added p50 / p99 at the same share of saturation (ms)", String.format(Locale.ROOT, "%.2f / %.2f",
              spgate.openMillis(50) - share.openMillis(50), spgate.openMillis(99) - share.openMillis(99)));
    }
    if (light.measured()) {
      PathFigures hopLight = light.figures().get("hop");
      PathFigures spgateLight = light.figures().get("spgate");
      table.row(String.format(Locale.ROOT, "light load (a quarter of the hop's saturation, %.0f rps): hop / spgate p50 (ms)", light.rate()),
              String.format(Locale.ROOT, "%.2f / %.2f", hopLight.openMillis(50), spgateLight.openMillis(50)))
          .row("light load: hop / spgate p99 (ms)", String.format(Locale.ROOT, "%.2f / %.2f", hopLight.openMillis(99),
              spgateLight.openMillis(99)))
          .row("spgate added p50 / p99 at light load (ms, goal p99 ≤ 1)", String.format(Locale.ROOT, "%.2f / %.2f",
              light.addedMillis(50), light.addedMillis(99)));
    }
    if (spgate != null && direct != null) {
      table.row("spgate / direct saturation", ratio(spgate.rps(), direct.rps()));
    }
    if (spgate != null && hop != null) {
      table.row("gateway / hop CPU per call", ratio(spgate.proxyMicrosPerCall(), hop.proxyMicrosPerCall()));
    }
    for (PathFigures f : figures.values()) {
      // The simulator's code is the same for every build and path: this quotient cancels most of the machine's speed swings.
      if (!Double.isNaN(f.proxyMicrosPerCall())) {
        table.row(f.name + " proxy / simulator CPU per call", ratio(f.proxyMicrosPerCall(), f.simulatorMicrosPerCall()));
      }
    }
    for (PathFigures f : figures.values()) {
      if (!Double.isNaN(f.openProxyMicrosPerCall())) {
        table.row(f.name + " µs CPU per call at X", String.format(Locale.ROOT, "%.1f", f.openProxyMicrosPerCall()));
      }
    }
    if (spgate != null && !Double.isNaN(spgate.redisMicrosPerCall())) {
      table.row("Redis µs CPU per spgate call, saturation / at X", String.format(Locale.ROOT, "%.1f / %.1f",
          spgate.redisMicrosPerCall(), spgate.openRedisMicrosPerCall()));
    }
    long measuredOk = measured.stream().mapToLong(f -> f.measuredOk).sum();
    table.row("2xx the simulator served / the bench received, measured rounds", simServed + " / " + measuredOk)
        .row("LWA token grants during measured rounds", lwaDuring);
    if (spgate != null) {
      double grants = gatewayAfter.getOrDefault("grants", 0.0) - gatewayBefore.getOrDefault("grants", 0.0);
      double waits = gatewayAfter.getOrDefault("waits", 0.0) - gatewayBefore.getOrDefault("waits", 0.0);
      double waitSeconds = gatewayAfter.getOrDefault("waitSeconds", 0.0) - gatewayBefore.getOrDefault("waitSeconds", 0.0);
      table.row("gateway quota decisions granted / spgate calls answered, measured rounds",
          String.format(Locale.ROOT, "%.0f / %d", grants, spgate.measuredOk))
          .row("gateway quota waits recorded / total wait (ms)", String.format(Locale.ROOT, "%.0f / %.0f", waits, waitSeconds * 1000));
    }
    table.print("ratios and checks");

    boolean clean = true;
    for (PathFigures f : measured) {
      if (f.all.errorCount() > 0) {
        clean = false;
        System.out.printf("ERRORS on %s: %d calls failed %s; its figures are not trustworthy%n", f.name, f.all.errorCount(), f.all.errors);
      }
    }
    for (PathFigures f : figures.values()) {
      if (f.rps() < rate) {
        System.out.printf(Locale.ROOT, "NOTE: %s saturates at %.0f rps, below the open-loop rate %.0f: its latency at that rate is mostly "
            + "queueing, growing for as long as a round lasts%n", f.name, f.rps(), rate);
      }
    }
    if (simServed != measuredOk) {
      System.out.printf("WARNING: the simulator served %d calls with 2xx but the bench received %d%n", simServed, measuredOk);
    }
    if (lwaDuring > 0) {
      System.out.printf("WARNING: %d LWA token grants during the measured rounds: tokens were not all cached%n", lwaDuring);
    }
    System.out.printf(Locale.ROOT, "RESULT spgate_rps=%s hop_rps=%s direct_rps=%s ratio=%s added_p50_ms=%s added_p99_ms=%s at_rps=%.0f"
        + " added_p99_light_ms=%s light_rps=%s%n",
        spgate == null ? "n/a" : String.format(Locale.ROOT, "%.0f", spgate.rps()),
        hop == null ? "n/a" : String.format(Locale.ROOT, "%.0f", hop.rps()),
        direct == null ? "n/a" : String.format(Locale.ROOT, "%.0f", direct.rps()),
        spgate == null || hop == null ? "n/a" : ratio(spgate.rps(), hop.rps()),
        spgate == null || hop == null ? "n/a" : String.format(Locale.ROOT, "%.2f", spgate.openMillis(50) - hop.openMillis(50)),
        spgate == null || hop == null ? "n/a" : String.format(Locale.ROOT, "%.2f", spgate.openMillis(99) - hop.openMillis(99)),
        rate, light.measured() ? String.format(Locale.ROOT, "%.2f", light.addedMillis(99)) : "n/a",
        light.measured() ? String.format(Locale.ROOT, "%.0f", light.rate()) : "n/a");
    return clean;
  }

  /**
   * Drives the path at saturation for at least {@code minSeconds}, then until the JIT compilers of
   * the JVMs on it have settled (below {@link #JIT_SETTLED} of those JVMs' CPU over one slice), or
   * {@code maxSeconds} have passed. A JVM still compiling spends a share of its CPU on it that the
   * rounds would count against the path: the gateway, with far more code on its path than the hop,
   * compiles for longer than 10 s at saturation.
   */
  private static void warmUp(List<LoadDriver> drivers, String path, int connections, List<ComponentJvm> jvms, int minSeconds,
      int maxSeconds, LoadDriver.Tally all) {
    if (maxSeconds == 0) {
      return;
    }
    long started = System.nanoTime();
    long elapsed;
    double jitShare;
    do {
      long cpu = sum(jvms, ComponentJvm::cpuNanos);
      long jit = sum(jvms, ComponentJvm::compilerCpuNanos);
      all.add(closedLoop(drivers, path, connections, 0, WARMUP_SLICE_NANOS));
      // Where /proc cannot be read, the warm-up is the minimum.
      jitShare = cpu < 0 || jit < 0 ? 0
          : (double) (sum(jvms, ComponentJvm::compilerCpuNanos) - jit) / Math.max(1, sum(jvms, ComponentJvm::cpuNanos) - cpu);
      elapsed = System.nanoTime() - started;
    } while (elapsed < TimeUnit.SECONDS.toNanos(maxSeconds) && (elapsed < TimeUnit.SECONDS.toNanos(minSeconds) || jitShare >= JIT_SETTLED));
    System.out.printf(Locale.ROOT, "warm-up %s: %.0f s; JIT %.1f %% of its JVMs' CPU in the last %d s%n", path, elapsed / 1e9,
        jitShare * 100, TimeUnit.NANOSECONDS.toSeconds(WARMUP_SLICE_NANOS));
  }

  /** A CPU total (-1: none yet) plus what {@code cpu} counted since it read {@code before}; unchanged without a reading. */
  private static long withCpuSince(long total, LongSupplier cpu, long before) {
    return before < 0 ? total : Math.max(0, total) + cpu.getAsLong() - before;
  }

  /** The proxy JVM's CPU so far; -1 for the direct path, which has none. */
  private static LongSupplier cpuOf(ComponentJvm proxy) {
    return proxy == null ? () -> -1 : proxy::cpuNanos;
  }

  /** Redis's CPU so far on the spgate path when the gateway uses Redis; -1 otherwise. */
  private static LongSupplier redisCpuOf(String path, RedisCpu redis) {
    return redis != null && path.equals("spgate") ? redis::nanos : () -> -1;
  }

  /** The sum of a figure over JVMs, or -1 if any of them does not have it. */
  private static long sum(List<ComponentJvm> jvms, ToLongFunction<ComponentJvm> figure) {
    long total = 0;
    for (ComponentJvm jvm : jvms) {
      long value = figure.applyAsLong(jvm);
      if (value < 0) {
        return -1;
      }
      total += value;
    }
    return total;
  }

  private static LoadDriver.Tally closedLoop(List<LoadDriver> drivers, String path, int connections, long rampNanos, long windowNanos) {
    List<Future<LoadDriver.Tally>> runs = new ArrayList<>();
    for (int i = 0; i < drivers.size(); i++) {
      int share = connections / drivers.size() + (i < connections % drivers.size() ? 1 : 0);
      if (share > 0) {
        runs.add(drivers.get(i).closedLoop(path, share, rampNanos, windowNanos));
      }
    }
    return merged(runs);
  }

  /** Each driver sends its share of the rate, offset so that together the calls are evenly spaced. */
  private static LoadDriver.Tally openLoop(List<LoadDriver> drivers, String path, double rate, long windowNanos) {
    List<Future<LoadDriver.Tally>> runs = new ArrayList<>();
    long spacing = (long) (1e9 / rate);
    for (int i = 0; i < drivers.size(); i++) {
      runs.add(drivers.get(i).openLoop(path, rate / drivers.size(), i * spacing, RAMP_NANOS, windowNanos));
    }
    return merged(runs);
  }

  private static LoadDriver.Tally merged(List<Future<LoadDriver.Tally>> runs) {
    LoadDriver.Tally total = new LoadDriver.Tally();
    for (LoadDriver.Tally tally : TokensBench.await(Future.all(runs)).<LoadDriver.Tally>list()) {
      total.add(tally);
    }
    return total;
  }

  private static List<String> paths(String raw) {
    List<String> paths = Arrays.stream(raw.split(",")).map(String::trim).filter(p -> !p.isEmpty()).distinct().toList();
    if (paths.isEmpty() || !PATHS.containsAll(paths)) {
      throw new IllegalArgumentException("--paths must list some of " + String.join(",", PATHS) + ", got '" + raw + "'");
    }
    return PATHS.stream().filter(paths::contains).toList();
  }

  /** The paths in round {@code round}'s order: each round starts one further along, so no path always follows the same one. */
  private static <T> List<T> rotated(List<T> paths, int round) {
    List<T> order = new ArrayList<>(paths);
    java.util.Collections.rotate(order, -(round % paths.size()));
    return order;
  }

  static JsonObject readJson(Path file) {
    try {
      return Files.exists(file) ? new JsonObject(Files.readString(file)) : null;
    } catch (IOException | RuntimeException e) {
      return null; // still being written
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean ready(WebClient web, int port) {
    try {
      return TokensBench.await(web.get(port, "127.0.0.1", "/health/ready").send()).statusCode() == 200;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static String accessToken(WebClient web, String lwaUrl, JsonObject seller) {
    String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(seller.getString("refreshToken"), StandardCharsets.UTF_8)
        + "&client_id=" + URLEncoder.encode(seller.getString("clientId"), StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(seller.getString("clientSecret"), StandardCharsets.UTF_8);
    HttpResponse<Buffer> response = TokensBench.await(web.postAbs(lwaUrl).putHeader("content-type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer(form)));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("LWA refused seller " + seller.getString("sellerId") + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("access_token");
  }

  /**
   * The simulator's applications, the first as {@code firstId}, each with a rate for getMarketplaceParticipations high
   * enough that no call ever waits for its slot.
   */
  static Path applicationsFile(JsonArray applications, String firstId, Path dir) throws IOException {
    JsonArray apps = new JsonArray();
    for (int i = 0; i < applications.size(); i++) {
      JsonObject app = applications.getJsonObject(i);
      apps.add(new JsonObject().put("id", i == 0 ? firstId : firstId + "-" + (i + 1)).put("applicationId", app.getString("applicationId"))
          .put("clientId", app.getString("clientId")).put("clientSecret", app.getString("clientSecret"))
          .put("rates", new JsonObject().put(OPERATION,
              new JsonObject().put("ratePerSecond", CONFIGURED_RATE).put("burst", CONFIGURED_RATE))));
    }
    Path file = dir.resolve("applications.json");
    Files.writeString(file, apps.encode());
    return file;
  }

  /**
   * Registers the sellers through the gateway's API under a tenant, and makes that tenant an API
   * key, as a user would; answers the pass-through call of each seller, authorised by that key.
   */
  private static List<ProxyPath.Call> register(WebClient web, int port, String adminKey, List<JsonObject> sellers) {
    String tenant = created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants").putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("name", "Proxy bench"))), "tenant").getString("id");
    String tenantKey = created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/tenants/" + tenant + "/keys")
        .putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("name", "proxy bench").put("scopes", new JsonArray().add("tenant:write")))), "API key")
        .getString("key");
    // Tenants register sellers under the operator's applications shared with them.
    HttpResponse<Buffer> shared = TokensBench.await(web.put(port, "127.0.0.1", "/v1/applications/bench/tenants/" + tenant)
        .putHeader("Authorization", "Bearer " + adminKey).send());
    if (shared.statusCode() != 204) {
      throw new IllegalStateException("sharing application bench with the bench's tenant answered " + shared.statusCode());
    }
    List<ProxyPath.Call> calls = new ArrayList<>();
    for (JsonObject seller : sellers) {
      String id = created(TokensBench.await(web.post(port, "127.0.0.1", "/v1/sellers").addQueryParam("tenantId", tenant)
          .putHeader("Authorization", "Bearer " + adminKey)
          .sendJsonObject(new JsonObject().put("sellingPartnerId", seller.getString("sellerId")).put("application", "bench")
              .put("marketplaceIds", seller.getJsonArray("marketplaceIds")).put("refreshToken", seller.getString("refreshToken")))),
          "seller " + seller.getString("sellerId")).getString("id");
      calls.add(new ProxyPath.Call("/v1/sellers/" + id + "/sp-api" + OPERATION_PATH, Map.of("Authorization", "Bearer " + tenantKey)));
    }
    return calls;
  }

  static JsonObject created(HttpResponse<Buffer> response, String what) {
    if (response.statusCode() != 201) {
      throw new IllegalStateException("creating " + what + " through the gateway's API: " + response.statusCode() + " "
          + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** getMarketplaceParticipations calls the simulator answered with 2xx, over all sellers. */
  private static long simulatorOk(WebClient web, URI simulator) {
    JsonObject sellers = SimulatorStats.read(web, simulator).getJsonObject("sellers");
    long ok = 0;
    for (String seller : sellers.fieldNames()) {
      JsonObject counts = sellers.getJsonObject(seller).getJsonObject(OPERATION);
      ok += counts == null ? 0 : counts.getLong("2xx", 0L);
    }
    return ok;
  }

  private static long lwaRefreshes(WebClient web, URI simulator) {
    return SimulatorStats.read(web, simulator).getJsonObject("lwa").getLong("refresh_token", 0L);
  }

  /** From the gateway's metrics (management port): quota grants over all sellers, and the quota wait timer's count and sum. */
  private static Map<String, Double> gatewayQuotaMeters(WebClient web, int port) {
    String page = TokensBench.await(web.get(port, "127.0.0.1", "/metrics").send()).bodyAsString();
    Map<String, Double> meters = new LinkedHashMap<>(Map.of("grants", 0.0, "waits", 0.0, "waitSeconds", 0.0));
    for (String line : page.split("\n")) {
      String name = line.startsWith("spgate_quota_grants_total") ? "grants"
          : line.startsWith("spgate_quota_wait_seconds_count") ? "waits"
          : line.startsWith("spgate_quota_wait_seconds_sum") ? "waitSeconds" : null;
      if (name != null) {
        meters.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
      }
    }
    return meters;
  }

  private static String rounds(List<Double> values) {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).reduce((a, b) -> a + " " + b).orElse("");
  }

  private static String ratio(double a, double b) {
    return String.format(Locale.ROOT, "%.2f", a / b);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
