package io.spgate.bench;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.ListingsMix;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.quota.RateLimit;
import io.spgate.simulator.quota.RateLimitTable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ops/bench fanout}: 100,000 price and quantity updates for 1,000 sellers (most with a few dozen SKUs, some with
 * over a thousand) submitted through {@code POST /v1/updates} of several gateway JVMs sharing one Postgres database and
 * one Redis, against the simulator in its own JVM, which enforces Amazon's quotas and processes JSON_LISTINGS_FEEDs in
 * a set time. Timed: acceptance (first byte of the request to its 202) and completion (from the same start until the
 * job's finishedAt, checked against the items' results and a poll on a Vert.x timer that saw it done). The least time
 * the work can take, M, is computed here from the rate table and the simulator's feed settings, never from the
 * gateway's planner: per seller the faster of patching every SKU at patchListingsItem's rate (after its burst) and
 * sending them in JSON_LISTINGS_FEEDs; M is the slowest seller's.
 */
final class FanoutBench {

  private static final long SEED = 42;
  private static final String DEFAULT_MIX = "950:40,50:1240";
  private static final int FEED_MESSAGES = 25_000;
  /** JSON_LISTINGS_FEED: five submissions per five minutes per seller (FACTS.md part 2, section 2), scaled by the time scale. */
  private static final int FEEDS_PER_WINDOW = 5;
  private static final double FEED_WINDOW_S = 300;
  private static final String PATCH_API = "listingsItems_2021-08-01";
  private static final String PATCH_PATH = "/listings/2021-08-01/items/{sellerId}/{sku}";
  private static final List<String> FINAL = List.of("accepted", "applied", "rejected", "superseded", "cancelled");
  private static final List<String> STATUSES = List.of("pending", "sent", "accepted", "applied", "rejected", "superseded", "cancelled");

  private FanoutBench() {}

  /** One update the bench sends: a price for every SKU that has one, a quantity for some merchant-fulfilled ones. */
  private record Update(String sku, BigDecimal price, String currency, Integer quantity) {}

  /** A seller of the simulator, its listings as the seed makes them, the channel the bench updates and its updates. */
  private static final class Account {
    final Seller seller;
    final Marketplace marketplace;
    final List<Listing> listings;
    final List<Update> updates = new ArrayList<>();
    String id;

    Account(Seller seller, List<Listing> listings) {
      this.seller = seller;
      this.marketplace = seller.homeMarketplace();
      this.listings = listings;
    }

    String channelId() {
      return id + "." + marketplace.id();
    }

    long fba() {
      return listings.stream().filter(Listing::fulfilledByAmazon).count();
    }
  }

  /** The bench's figures of one item, from GET /v1/jobs/{id}/items. */
  private record Item(String sellerId, String status, String path, String feedId, Instant sentAt, Instant resultAt) {}

  static boolean run(Flags flags) throws Exception {
    int sellerCount = flags.integer("sellers", 1000, 1, 100_000);
    String mixSpec = flags.text("mix", DEFAULT_MIX);
    double timeScale = flags.number("time-scale", 1, 0, true, 1000);
    String feedDelays = flags.text("feed-delays", "30000,120000");
    int instances = flags.integer("instances", 3, 1, 10);
    String gatewayHeap = flags.text("gateway-heap", "512m");
    int sellersAtOnce = flags.integer("sellers-at-once", 50, 1, 10_000);
    String format = flags.text("format", "json");
    int batches = flags.integer("batches", 10, 0, 1000);
    int warmUps = flags.integer("warm-ups", 3, 0, 20);
    int warmUpSellers = flags.integer("warm-up-sellers", 5, 0, 100);
    int pollMs = flags.integer("poll-ms", 1000, 50, 10_000);
    int maxWaitS = flags.integer("max-wait", 1800, 10, 86_400);
    int stallS = flags.integer("stall", 300, 10, 86_400);
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();
    if (!List.of("json", "ndjson", "csv").contains(format)) {
      throw new IllegalArgumentException("--format must be json, ndjson or csv, got '" + format + "'");
    }
    if (!gatewayHeap.matches("\\d+[mMgG]")) {
      throw new IllegalArgumentException("--gateway-heap must be a JVM heap size such as 512m, got '" + gatewayHeap + "'");
    }
    ListingsMix mix = ListingsMix.parse(mixSpec);
    String[] delays = feedDelays.split(",", -1);
    if (delays.length != 2) {
      throw new IllegalArgumentException("--feed-delays needs QUEUE_MS,PROCESSING_MS, got '" + feedDelays + "'");
    }
    long feedQueueMs = Long.parseLong(delays[0].trim());
    long feedProcessingMs = Long.parseLong(delays[1].trim());

    // What the simulator holds, made again here from the same seed: sellers, and each one's listings (SKU, ASIN, FBA or
    // not, price). The simulator makes both from the seed alone, so the two agree (checked against its credentials file
    // and one getListingsItem below).
    long setupStart = System.nanoTime();
    DemoWorld world = new DemoWorld(SEED, sellerCount, 1, mix, 0, Instant.now());
    List<Account> accounts = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(SEED);
    for (Seller seller : world.sellers()) {
      Account account = new Account(seller, List.copyOf(world.store(seller).listings().values()));
      for (Listing listing : account.listings) {
        account.updates.add(update(account.marketplace, listing, random));
      }
      accounts.add(account);
    }
    int items = accounts.stream().mapToInt(a -> a.updates.size()).sum();
    if (items > 100_000) {
      throw new IllegalArgumentException("--sellers and --mix make " + items + " updates; one request takes at most 100,000");
    }

    // M: per seller the faster of its two routes, computed from the rate table and the simulator's settings.
    RateLimit patch = RateLimitTable.load().limit(PATCH_API, "PATCH", PATCH_PATH)
        .orElseThrow(() -> new IllegalStateException("patchListingsItem is not in the simulator's rate table"));
    double patchRate = patch.ratePerSecond() * timeScale;
    double feedSeconds = (feedQueueMs + feedProcessingMs) / 1000.0 / timeScale;
    double windowSeconds = FEED_WINDOW_S / timeScale;
    Map<String, double[]> least = new HashMap<>(); // seller → {patch s, feed s, least s}
    double quotaMin = 0;
    for (Account account : accounts) {
      int skus = account.updates.size();
      double patchSeconds = Math.max(0, skus - patch.burst()) / patchRate;
      int feeds = (skus + FEED_MESSAGES - 1) / FEED_MESSAGES;
      // Up to five feeds may be submitted at once and all run side by side; each further five waits for the window.
      double feedsSeconds = skus == 0 ? 0 : ((feeds - 1) / FEEDS_PER_WINDOW) * windowSeconds + feedSeconds;
      double min = Math.min(patchSeconds, feedsSeconds);
      least.put(account.seller.sellerId(), new double[] {patchSeconds, feedsSeconds, min});
      quotaMin = Math.max(quotaMin, min);
    }
    Map<Integer, Integer> sellersBySize = new TreeMap<>();
    accounts.forEach(a -> sellersBySize.merge(a.updates.size(), 1, Integer::sum));
    long fbaItems = accounts.stream().mapToLong(Account::fba).sum();
    long withQuantity = accounts.stream().flatMap(a -> a.updates.stream()).filter(u -> u.quantity() != null).count();
    long withPrice = accounts.stream().flatMap(a -> a.updates.stream()).filter(u -> u.price() != null).count();

    Path logs = Files.createTempDirectory("spgate-bench-fanout-");
    System.out.printf(Locale.ROOT, "fanout: %d updates for %d sellers (mix %s: %s), %d gateway instances (%s heap), time scale %s, "
        + "feeds take %d+%d ms before the scale; M = %.1f s; body as %s; %d cores; component logs in %s%n", items, sellerCount,
        mix, sizes(sellersBySize), instances, gatewayHeap, Flags.plain(timeScale), feedQueueMs, feedProcessingMs, quotaMin, format,
        Runtime.getRuntime().availableProcessors(), logs);

    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx, new WebClientOptions().setMaxHeaderSize(64 * 1024),
        new PoolOptions().setHttp1MaxSize(GatewayApi.CONCURRENCY));
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    // Stopped from outside (SIGTERM, Ctrl-C), the run still drops its database; the components stop by their own hooks.
    java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
    Runnable drop = () -> {
      if (dropped.compareAndSet(false, true)) {
        databases.close();
      }
    };
    Thread dropOnExit = new Thread(drop, "drop-bench-databases");
    Runtime.getRuntime().addShutdownHook(dropOnExit);
    List<ComponentJvm> components = new ArrayList<>();
    RedisCpu redisCpu = new RedisCpu(vertx, redis);
    try {
      Path credentialsFile = logs.resolve("simulator-credentials.json");
      ComponentJvm simulatorJvm = ComponentJvm.start("simulator", "io.spgate.simulator.Main", List.of("--port", "0", "--host",
          "127.0.0.1", "--sellers", String.valueOf(sellerCount), "--seed", String.valueOf(SEED), "--listings-mix", mix.toString(),
          "--orders", "0", "--time-scale", Flags.plain(timeScale), "--feed-delays", feedQueueMs + "," + feedProcessingMs, "--quotas", "on",
          "--credentials-out", credentialsFile.toString()), Map.of(), logs);
      components.add(simulatorJvm);
      simulatorJvm.awaitReady(() -> ProxyBench.readJson(credentialsFile) != null, Duration.ofMinutes(2));
      JsonObject credentials = ProxyBench.readJson(credentialsFile);
      URI simulator = URI.create(credentials.getString("baseUrl"));
      JsonArray simSellers = credentials.getJsonArray("sellers");
      for (int i = 0; i < accounts.size(); i++) {
        if (!accounts.get(i).seller.sellerId().equals(simSellers.getJsonObject(i).getString("sellerId"))) {
          throw new IllegalStateException("the simulator's seller " + i + " is not the one the bench made from the seed");
        }
      }

      // The gateways: one database, one Redis, each its own JVM with a limited heap and a GC log.
      String feedGuess = Math.max(1000, Math.round(feedSeconds * 1000)) + "ms";
      Map<String, String> env = GatewayFleet.settings(credentials, databases.create(), redis, logs);
      // Feed uploads and results are at the simulator's document store.
      env.put("SPGATE_REPORT_DOCUMENT_ORIGINS", simulator.getScheme() + "://" + simulator.getAuthority());
      // What an operator sets: how long Amazon takes over a listings feed (the simulator's, here); the gateway then learns
      // it from the feeds it sees.
      env.put("SPGATE_FEED_PROCESSING_GUESS", feedGuess);
      // What an operator sets for instances that share their cores (here 3 gateways, Postgres and the simulator on 2): the
      // sellers whose rounds an instance runs at once. The default (200) lets one instance try 1,000 patches a second; on
      // this machine that is more than all of it can send, calls leave late, and late calls bunch up at Amazon (429s).
      env.put("SPGATE_UPDATE_SELLERS_AT_ONCE", String.valueOf(sellersAtOnce));
      GatewayFleet fleet = GatewayFleet.start(instances, gatewayHeap, env, logs, components, web);
      String adminKey = fleet.adminKey;
      List<ComponentJvm> gateways = fleet.gateways;
      List<Integer> ports = fleet.ports;
      List<Integer> managementPorts = fleet.managementPorts;
      List<Path> gcLogs = fleet.gcLogs;
      GatewayApi api = new GatewayApi(vertx, web, ports);

      // Set-up (not timed): tenant, key, sellers, mappings, FBA stock, tokens on every instance.
      String tenant = ProxyBench.created(api.send("POST", 0, "/v1/tenants", adminKey, json(new JsonObject().put("name", "Fanout bench")),
          null), "tenant").getString("id");
      String tenantKey = ProxyBench.created(api.send("POST", 0, "/v1/tenants/" + tenant + "/keys", adminKey,
          json(new JsonObject().put("name", "fanout bench").put("scopes", new JsonArray().add("tenant:read").add("tenant:write"))), null),
          "API key").getString("key");
      int shared = api.send("PUT", 0, "/v1/applications/main/tenants/" + tenant, adminKey, null, null).statusCode();
      if (shared != 204) {
        throw new IllegalStateException("sharing application main with the bench's tenant answered " + shared);
      }
      TokensBench.await(api.each(accounts, (account, n) -> api.call("POST", n, "/v1/sellers?tenantId=" + tenant, adminKey,
          json(new JsonObject().put("sellingPartnerId", account.seller.sellerId()).put("application", "main")
              .put("marketplaceIds", new JsonArray(account.seller.marketplaceIds())).put("refreshToken", account.seller.refreshToken())),
          null).map(response -> {
            account.id = ProxyBench.created(response, "seller " + account.seller.sellerId()).getString("id");
            return null;
          })));
      double registeredS = seconds(setupStart);
      Map<String, Integer> importRejected = new ConcurrentHashMap<>();
      TokensBench.await(api.each(accounts, (account, n) -> api.call("POST", n, "/v1/channels/" + account.channelId() + "/mappings/import",
          tenantKey, mappingsCsv(account), "text/csv").map(response -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("importing the mappings of " + account.channelId() + " answered " + response.statusCode()
                  + " " + response.bodyAsString());
            }
            JsonObject answer = response.bodyAsJsonObject();
            if (answer.getInteger("imported", -1) != account.listings.size() || !answer.getJsonArray("rejected", new JsonArray()).isEmpty()) {
              importRejected.put(account.channelId(), answer.getJsonArray("rejected", new JsonArray()).size());
              System.out.println("mappings of " + account.channelId() + ": " + answer.encode());
            }
            return null;
          })));
      if (!importRejected.isEmpty()) {
        throw new IllegalStateException("the gateway refused mappings of " + importRejected.size() + " channels");
      }
      double importedS = seconds(setupStart);
      checkSimulatorListings(api, tenantKey, accounts);
      String syncNote = syncInventory(vertx, api, tenantKey, accounts);
      double syncedS = seconds(setupStart);
      for (int i = 0; i < instances; i++) {
        int instance = i;
        TokensBench.await(api.each(accounts, (account, n) -> api.call("GET", instance, "/v1/sellers/" + account.id
            + "/sp-api/sellers/v1/marketplaceParticipations", tenantKey, null, null).map(response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("warming " + account.seller.sellerId() + "'s token on gateway " + (instance + 1)
                    + ": " + response.statusCode() + " " + response.bodyAsString());
              }
              return null;
            })));
      }
      double warmedS = seconds(setupStart);
      // The request: built before the clock starts, as a repricer would hold its output.
      Buffer body = body(accounts.stream().flatMap(a -> a.updates.stream().map(u -> Map.entry(a, u))).toList(), format);
      TokensBench.await(api.call("GET", 0, "/v1/me", tenantKey, null, null)); // an open connection to the instance
      // The same updates as dry runs (nothing stored), one after the other: a gateway that has taken requests has compiled
      // its intake, and the JIT's first passes over it are not what accept_ms measures. Their times are shown, the first
      // one is the cold figure.
      List<Double> warmUpMs = new ArrayList<>();
      for (int w = 0; w < warmUps; w++) {
        long warmUpStart = System.nanoTime();
        HttpResponse<Buffer> warmUp = TokensBench.await(api.call("POST", 0, "/v1/updates?dryRun=true", tenantKey, body,
            contentType(format)));
        if (warmUp.statusCode() != 200) {
          throw new IllegalStateException("the warm-up dry run answered " + warmUp.statusCode() + " " + warmUp.bodyAsString());
        }
        warmUpMs.add((System.nanoTime() - warmUpStart) / 1e6);
      }
      String warmUpTimes = warmUpMs.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms))
          .collect(java.util.stream.Collectors.joining(", ", "", " ms"));
      String warmUpJob = warmUpJob(vertx, api, tenantKey, accounts, warmUpSellers, format);
      String quiet = settle(vertx, gateways);
      double setupS = seconds(setupStart);
      System.out.printf(Locale.ROOT, "set-up: sellers registered at %.1f s, mappings imported at %.1f s, FBA stock synced at %.1f s (%s), "
          + "tokens warm on %d instances at %.1f s, intake warmed by %d dry runs (%s) and %s, %s%n", registeredS, importedS, syncedS,
          syncNote, instances, warmedS, warmUps, warmUpTimes, warmUpJob, quiet);

      JsonObject statsBefore = SimulatorStats.read(web, simulator);
      Map<String, Double> metersBefore = quotaMeters(web, managementPorts);

      CpuSampler cpuSampler = new CpuSampler(gateways, simulatorJvm);
      // Timed: the submission, then the job until it is done.
      Cpu cpuBefore = Cpu.read(gateways, simulatorJvm, redisCpu);
      Instant startedAt = Instant.now();
      long start = System.nanoTime();
      HttpResponse<Buffer> accepted = TokensBench.await(api.call("POST", 0, "/v1/updates", tenantKey, body, contentType(format),
          Map.of("Idempotency-Key", "fanout-bench-" + UUID.randomUUID())));
      double acceptMs = (System.nanoTime() - start) / 1e6;
      Cpu cpuAccepted = Cpu.read(gateways, simulatorJvm, redisCpu);
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException("POST /v1/updates answered " + accepted.statusCode() + " " + accepted.bodyAsString());
      }
      JsonObject answer = accepted.bodyAsJsonObject();
      String jobId = answer.getString("jobId");
      System.out.printf(Locale.ROOT, "accepted in %.0f ms: job %s, %d accepted, %d rejected at intake%n", acceptMs, jobId,
          answer.getInteger("accepted", -1), rejectedCount(answer));
      if (rejectedCount(answer) > 0) {
        System.out.println("first rejections: " + answer.getJsonArray("rejected", new JsonArray()).stream().limit(5).toList());
      }
      Watch watch = watch(vertx, api, tenantKey, jobId, start, pollMs, maxWaitS, stallS, cpuSampler).toCompletionStage()
          .toCompletableFuture()
          .get(maxWaitS + 60L, TimeUnit.SECONDS);
      double seenDoneS = watch.doneAtNanos < 0 ? Double.NaN : (watch.doneAtNanos - start) / 1e9;
      Cpu cpuAfter = Cpu.read(gateways, simulatorJvm, redisCpu);
      Map<String, Double> metersAfter = quotaMeters(web, managementPorts);
      double timedS = seconds(start);
      JsonObject statsAfter = SimulatorStats.read(web, simulator);
      List<ReportsBench.Heap> heaps = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        heaps.add(ReportsBench.heap(gcLogs.get(i), gateways.get(i)));
      }

      // After the clock: every item's path and times, for the table.
      List<Item> jobItems = items(api, tenantKey, jobId);
      List<FeedTimes> feedTimes = feedTimes(api, tenantKey, jobItems);
      // C is when the job ended, by its finishedAt (the same machine's clock): a poll only learns of it up to one period
      // later. Trusted only if no item's result came after it and the poll saw the job done no earlier.
      Instant lastResult = jobItems.stream().map(Item::resultAt).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
      double finishedS = watch.finishedAt == null ? Double.NaN : Duration.between(startedAt, watch.finishedAt).toMillis() / 1000.0;
      String finishedDoubt = watch.finishedAt == null ? "the job has no finishedAt"
          : lastResult != null && lastResult.isAfter(watch.finishedAt) ? "an item's result came after the job's finishedAt"
          : finishedS > seenDoneS + 0.05 ? "the job's finishedAt is after the poll saw it done" : null;
      double completionS = finishedDoubt == null ? finishedS : seenDoneS;
      // The other way a repricer submits: the same updates in batches sent at once over every instance (new jobs,
      // cancelled as soon as they are accepted; nothing after this is measured).
      String dryRuns = dryRuns(api, tenantKey, accounts);
      Probe probe = batches == 0 ? null : probe(api, tenantKey, accounts, batches, format);

      // ---- the figures ----
      JsonObject job = watch.last;
      JsonObject counts = job.getJsonObject("counts", new JsonObject());
      long withResult = FINAL.stream().mapToLong(s -> counts.getLong(s, 0L)).sum();
      Map<String, long[]> calls = SimulatorStats.calls(statsBefore, statsAfter);
      long throttled = calls.values().stream().mapToLong(c -> c[1]).sum();
      long[] patches = calls.getOrDefault("patchListingsItem", new long[3]);
      long[] feeds = calls.getOrDefault("createFeed", new long[3]);
      double heapMax = heaps.stream().mapToDouble(ReportsBench.Heap::maxUsedMb).max().orElse(0);
      double ratio = completionS / quotaMin;

      Table table = new Table();
      table.row("work", String.format(Locale.ROOT, "%d updates (%d with a price, %d with a quantity; %d of FBA SKUs, price only) for %d "
              + "sellers: %s", items, withPrice, withQuantity, fbaItems, sellerCount, sizes(sellersBySize)))
          .row("simulator", String.format(Locale.ROOT, "time scale %s; patchListingsItem %s/s burst %d per seller (rate table × scale); "
              + "JSON_LISTINGS_FEED %.1f s (%d ms queue + %d ms processing, scaled), ≤ %d messages, %d per %.0f s", Flags.plain(timeScale),
              Flags.plain(patchRate), patch.burst(), feedSeconds, feedQueueMs, feedProcessingMs, FEED_MESSAGES, FEEDS_PER_WINDOW, windowSeconds))
          .row("gateways", String.format(Locale.ROOT, "%d JVMs, -Xmx%s, one Postgres database, Redis %s, SPGATE_FEED_PROCESSING_GUESS=%s,"
              + " SPGATE_UPDATE_SELLERS_AT_ONCE=%d", instances, gatewayHeap, redis, feedGuess, sellersAtOnce))
          .row("set-up, not timed (s)", String.format(Locale.ROOT, "%.1f: register %.1f, import mappings %.1f, FBA sync %.1f, warm tokens "
              + "%.1f, warm-up dry runs, a real job and settle %.1f", setupS, registeredS, importedS - registeredS, syncedS - importedS,
              warmedS - syncedS, setupS - warmedS))
          .row("request", String.format(Locale.ROOT, "one POST /v1/updates of %d items as %s (%.1f MB) to gateway 1", items, format,
              body.length() / 1e6))
          .row("accept_ms (first byte sent to 202)", String.format(Locale.ROOT, "%.0f", acceptMs))
          .row("  CPU s while accepting (read just after the 202)", cpuBefore.describe(cpuAccepted, acceptMs / 1000));
      if (probe != null) {
        table.row("  in " + batches + " batches at once over " + instances + " instances (not in RESULT)", String.format(Locale.ROOT,
            "%.0f ms to the last 202 (slowest batch %.0f ms)%s", probe.allMs, probe.slowestMs, probe.problem == null ? ""
                : "; " + probe.problem));
      }
      table.row("  dryRun of the same updates to gateway 1 (read, check, plan; nothing stored)", String.format(Locale.ROOT,
          "before the clock, one after the other (the first: cold JIT) %s %s; after the run %s", format, warmUpTimes, dryRuns));
      table.row("completion_s (start to the job's finishedAt)", watch.gaveUp != null
              ? String.format(Locale.ROOT, "not done: %s, gave up %.1f s after the start", watch.gaveUp, timedS)
              : finishedDoubt == null
                  ? String.format(Locale.ROOT, "%.1f (seen done at %.1f, polled every %d ms)", completionS, seenDoneS, pollMs)
                  : String.format(Locale.ROOT, "%.1f, when the poll saw it done (every %d ms): %s", completionS, pollMs, finishedDoubt))
          .row("gateway's estimate at its first answer (s after start)", watch.estimate == null ? "n/a"
              : String.format(Locale.ROOT, "%.1f", Duration.between(startedAt, watch.estimate).toMillis() / 1000.0))
          .row("quota_min_s M (max over sellers of min(patch, feed))", String.format(Locale.ROOT, "%.1f", quotaMin));
      describeLeast(table, accounts, least);
      table.row("ratio C/M", String.format(Locale.ROOT, "%.3f", ratio))
          .row("job", job.getString("status") + ", total " + job.getValue("total") + ", rejected at intake "
              + job.getValue("rejectedAtIntake"))
          .row("items by status", statusCounts(counts))
          .row("items_with_result (final status)", withResult);
      describeItems(table, jobItems, accounts, least, startedAt, quotaMin);
      describeFeeds(table, feedTimes, startedAt);
      table.row("SP-API calls during the run (2xx / 429 / other)", SimulatorStats.describe(calls))
          .row("patches sent / feeds created", (patches[0] + patches[1] + patches[2]) + " / " + feeds[0])
          .row("throttled (simulator's 429s for these sellers)", throttled)
          .row("gateways' quota meters during the run (all instances)", meterDeltas(metersBefore, metersAfter));
      for (int i = 0; i < instances; i++) {
        ReportsBench.Heap heap = heaps.get(i);
        table.row("gateway " + (i + 1) + " heap high-water / most after a GC", String.format(Locale.ROOT, "%.0f MB / %.0f MB (%s, %d "
            + "collections)", heap.maxUsedMb(), heap.maxAfterMb(), heap.collector(), heap.collections()));
      }
      table.row("CPU s during the timed part (" + String.format(Locale.ROOT, "%.1f", timedS) + " s, "
          + Runtime.getRuntime().availableProcessors() + " cores)", cpuBefore.describe(cpuAfter, timedS))
          .row("  others' processes still running at the end, most CPU s", cpuBefore.others(cpuAfter));
      table.print("fanout: " + items + " updates for " + sellerCount + " sellers through " + instances + " gateway instances");

      boolean finished = watch.doneAtNanos >= 0;
      if (!finished) {
        System.out.println("JOB NOT DONE (" + watch.gaveUp + "): " + job.encode());
      }
      System.out.printf(Locale.ROOT, "RESULT items=%d sellers=%d accept_ms=%.0f completion_s=%.1f quota_min_s=%.1f ratio=%.3f "
          + "items_with_result=%d throttled=%d heap_max_mb=%.0f%n", items, sellerCount, acceptMs, completionS, quotaMin, ratio,
          withResult, throttled, heapMax);
      return finished;
    } finally {
      for (int i = components.size() - 1; i >= 0; i--) {
        components.get(i).close();
      }
      redisCpu.close();
      drop.run();
      try {
        Runtime.getRuntime().removeShutdownHook(dropOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook has run or is running: it finds the databases dropped
      }
      vertx.close();
    }
  }

  // ---- the work ----

  /**
   * The update of one listing: a new price within ±10 % of the current one (never the same; whole yen in JP), and, for
   * merchant-fulfilled SKUs, a third price only, a third quantity only and a third both. FBA SKUs get a price only:
   * Amazon counts their stock.
   */
  private static Update update(Marketplace marketplace, Listing listing, SplittableRandom random) {
    int scale = marketplace.currency().equals("JPY") ? 0 : 2;
    BigDecimal current = listing.price(marketplace.id()).orElse(BigDecimal.TEN);
    int percent = 1 + random.nextInt(10);
    BigDecimal factor = BigDecimal.ONE.add(BigDecimal.valueOf(random.nextBoolean() ? percent : -percent, 2));
    BigDecimal price = current.multiply(factor).setScale(scale, RoundingMode.HALF_UP);
    if (price.compareTo(current) == 0 || price.signum() <= 0) {
      price = current.add(BigDecimal.ONE.movePointLeft(scale)).setScale(scale, RoundingMode.HALF_UP);
    }
    Integer quantity = 1 + random.nextInt(500);
    int kind = random.nextInt(3);
    if (listing.fulfilledByAmazon()) {
      return new Update(listing.sku(), price, marketplace.currency(), null);
    }
    return switch (kind) {
      case 0 -> new Update(listing.sku(), price, marketplace.currency(), null);
      case 1 -> new Update(listing.sku(), null, null, quantity);
      default -> new Update(listing.sku(), price, marketplace.currency(), quantity);
    };
  }

  /** The channel's mappings as a repricer exports them: sku, asin, fulfillment. */
  private static Buffer mappingsCsv(Account account) {
    StringBuilder csv = new StringBuilder("sku,asin,fulfillment\n");
    for (Listing listing : account.listings) {
      csv.append(listing.sku()).append(',').append(listing.asin()).append(',').append(listing.fulfilledByAmazon() ? "FBA" : "MFN")
          .append('\n');
    }
    return Buffer.buffer(csv.toString());
  }

  private static String contentType(String format) {
    return switch (format) {
      case "ndjson" -> "application/x-ndjson";
      case "csv" -> "text/csv";
      default -> "application/json";
    };
  }

  /** The updates as one body: {@code {"items":[...]}}, NDJSON lines or CSV rows, in the order given (seller by seller). */
  private static Buffer body(List<Map.Entry<Account, Update>> updates, String format) {
    StringBuilder out = new StringBuilder(updates.size() * 140);
    if (format.equals("csv")) {
      out.append("channelId,sku,price,currency,quantity\n");
      for (Map.Entry<Account, Update> e : updates) {
        Update u = e.getValue();
        out.append(e.getKey().channelId()).append(',').append(u.sku()).append(',')
            .append(u.price() == null ? "" : u.price().toPlainString()).append(',').append(u.currency() == null ? "" : u.currency())
            .append(',').append(u.quantity() == null ? "" : u.quantity()).append('\n');
      }
      return Buffer.buffer(out.toString());
    }
    boolean json = format.equals("json");
    if (json) {
      out.append("{\"items\":[");
    }
    boolean first = true;
    for (Map.Entry<Account, Update> e : updates) {
      Update u = e.getValue();
      if (json && !first) {
        out.append(',');
      }
      first = false;
      // SKUs and channel ids are letters, digits, '-' and '.': nothing to escape.
      out.append("{\"channelId\":\"").append(e.getKey().channelId()).append("\",\"sku\":\"").append(u.sku()).append('"');
      if (u.price() != null) {
        out.append(",\"price\":{\"amount\":").append(u.price().toPlainString()).append(",\"currency\":\"").append(u.currency())
            .append("\"}");
      }
      if (u.quantity() != null) {
        out.append(",\"quantity\":").append(u.quantity());
      }
      out.append('}');
      if (!json) {
        out.append('\n');
      }
    }
    if (json) {
      out.append("]}");
    }
    return Buffer.buffer(out.toString());
  }

  // ---- set-up ----

  /** One SKU of the largest and of the smallest seller, read back through the pass-through: the seed gave both sides the same. */
  private static void checkSimulatorListings(GatewayApi api, String key, List<Account> accounts) {
    Account large = accounts.stream().max(java.util.Comparator.comparingInt(a -> a.listings.size())).orElseThrow();
    Account small = accounts.stream().filter(a -> !a.listings.isEmpty()).min(java.util.Comparator.comparingInt(a -> a.listings.size()))
        .orElseThrow();
    for (Account account : List.of(large, small)) {
      Listing listing = account.listings.get(account.listings.size() - 1);
      HttpResponse<Buffer> answer = TokensBench.await(api.call("GET", 0, "/v1/sellers/" + account.id + "/sp-api/listings/2021-08-01/items/"
          + account.seller.sellerId() + "/" + URLEncoder.encode(listing.sku(), StandardCharsets.UTF_8) + "?marketplaceIds="
          + account.marketplace.id() + "&includedData=summaries", key, null, null));
      String asin = answer.statusCode() != 200 ? null : answer.bodyAsJsonObject().getJsonArray("summaries", new JsonArray()).stream()
          .map(JsonObject.class::cast).map(s -> s.getString("asin")).findFirst().orElse(null);
      if (!listing.asin().equals(asin)) {
        throw new IllegalStateException("the simulator's " + account.seller.sellerId() + "/" + listing.sku() + " is not the listing the "
            + "bench made from the seed: " + answer.statusCode() + " " + answer.bodyAsString());
      }
    }
  }

  /**
   * Asks every channel with FBA SKUs for a sync of Amazon's stock and waits until each says it synced: a tenant's channels
   * have synced long before it sends updates, and the next sync is then 15 minutes away, outside the run.
   */
  private static String syncInventory(Vertx vertx, GatewayApi api, String key, List<Account> accounts) {
    List<Account> fba = accounts.stream().filter(a -> a.fba() > 0).toList();
    AtomicInteger refused = new AtomicInteger();
    TokensBench.await(api.each(fba, (account, n) -> api.call("POST", n, "/v1/channels/" + account.channelId() + "/inventory/sync", key,
        null, null).map(response -> {
          if (response.statusCode() != 202) {
            refused.incrementAndGet();
          }
          return null;
        })));
    if (refused.get() > 0) {
      return refused.get() + " of " + fba.size() + " sync requests refused; not waited for";
    }
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      Map<String, Boolean> synced = new HashMap<>();
      String cursor = null;
      do {
        HttpResponse<Buffer> page = TokensBench.await(api.call("GET", 0, "/v1/channels?limit=100"
            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key, null, null));
        if (page.statusCode() != 200) {
          throw new IllegalStateException("GET /v1/channels answered " + page.statusCode() + " " + page.bodyAsString());
        }
        JsonObject body = page.bodyAsJsonObject();
        body.getJsonArray("items").forEach(o -> synced.put(((JsonObject) o).getString("id"), ((JsonObject) o).getValue("fbaSyncedAt") != null));
        cursor = body.getString("nextCursor");
      } while (cursor != null);
      long missing = fba.stream().filter(a -> !synced.getOrDefault(a.channelId(), false)).count();
      if (missing == 0) {
        return fba.size() + " channels";
      }
      if (System.nanoTime() - deadline > 0) {
        return missing + " of " + fba.size() + " channels not synced after 5 min; went on";
      }
      TokensBench.await(vertx.timer(1000));
    }
  }

  /**
   * One real job before the clock: the updates of a few of the smallest sellers (patches, never a feed), to gateway 1, awaited
   * until done. Dry runs store nothing, so without it the timed request would be the first to run the storing half of the
   * intake (the inserts, the transaction) and the workers: the JIT would throw away code compiled during the dry runs and
   * compile again while the clock runs, as a gateway that has taken jobs before would not. Those SKUs get the same prices
   * again in the timed job, which still sends them.
   */
  private static String warmUpJob(Vertx vertx, GatewayApi api, String key, List<Account> accounts, int sellers, String format) {
    if (sellers == 0) {
      return "no real job";
    }
    List<Account> small = accounts.stream().filter(a -> !a.updates.isEmpty())
        .sorted(java.util.Comparator.comparingInt((Account a) -> a.listings.size())).limit(sellers).toList();
    List<Map.Entry<Account, Update>> updates = small.stream().flatMap(a -> a.updates.stream().map(u -> Map.entry(a, u))).toList();
    long start = System.nanoTime();
    HttpResponse<Buffer> accepted = TokensBench.await(api.call("POST", 0, "/v1/updates", key, body(updates, format), contentType(format),
        Map.of("Idempotency-Key", "fanout-bench-warm-up-" + UUID.randomUUID())));
    if (accepted.statusCode() != 202) {
      throw new IllegalStateException("the warm-up job answered " + accepted.statusCode() + " " + accepted.bodyAsString());
    }
    String jobId = accepted.bodyAsJsonObject().getString("jobId");
    while (true) {
      JsonObject job = TokensBench.await(api.call("GET", 0, "/v1/jobs/" + jobId, key, null, null)).bodyAsJsonObject();
      if ("done".equals(job.getString("status"))) {
        return String.format(Locale.ROOT, "a real job of %d updates for %d small sellers (done in %.1f s)", updates.size(), small.size(),
            seconds(start));
      }
      if (seconds(start) > 120) {
        throw new IllegalStateException("the warm-up job is not done after 120 s: " + job.encode());
      }
      TokensBench.await(vertx.timer(500));
    }
  }

  /** Waits until the gateways are quiet (under 0.1 core together over a second), at most 30 s. */
  private static String settle(Vertx vertx, List<ComponentJvm> gateways) {
    long start = System.nanoTime();
    double cores = Double.NaN;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
      long before = gateways.stream().mapToLong(ComponentJvm::cpuNanos).sum();
      TokensBench.await(vertx.timer(1000));
      cores = (gateways.stream().mapToLong(ComponentJvm::cpuNanos).sum() - before) / 1e9;
      if (cores < 0.1) {
        break;
      }
    }
    return String.format(Locale.ROOT, "gateways quiet (%.2f cores) after %.1f s", cores, seconds(start));
  }

  // ---- the job ----

  private static final class Watch {
    JsonObject last = new JsonObject();
    long doneAtNanos = -1;
    Instant finishedAt;
    Instant estimate;
    String gaveUp;
  }

  /** Polls the job on a Vert.x timer (the next poll once the last answered) until it is done or cancelled; a line every 10 s. */
  private static Future<Watch> watch(Vertx vertx, GatewayApi api, String key, String jobId, long start, int pollMs, int maxWaitS,
      int stallS, CpuSampler cpu) {
    Watch watch = new Watch();
    String[] lastCounts = {""};
    long[] changedAt = {start};
    Promise<Watch> done = Promise.promise();
    long[] nextLine = {10};
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> api.call("GET", 0, "/v1/jobs/" + jobId, key, null, null).onComplete(result -> {
      long now = System.nanoTime();
      double elapsed = (now - start) / 1e9;
      if (result.succeeded() && result.result().statusCode() == 200) {
        JsonObject job = result.result().bodyAsJsonObject();
        watch.last = job;
        if (watch.estimate == null && job.getString("estimatedCompletionAt") != null) {
          watch.estimate = Instant.parse(job.getString("estimatedCompletionAt"));
        }
        String status = job.getString("status");
        String counts = statusCounts(job.getJsonObject("counts", new JsonObject()));
        if (!counts.equals(lastCounts[0])) {
          lastCounts[0] = counts;
          changedAt[0] = now;
        }
        if (elapsed >= nextLine[0] || "done".equals(status) || "cancelled".equals(status)) {
          nextLine[0] = (long) elapsed / 10 * 10 + 10;
          System.out.printf(Locale.ROOT, "%6.1f s  %-9s %s  progress %.3f  %s%n", elapsed, status,
              statusCounts(job.getJsonObject("counts", new JsonObject())), job.getDouble("progress", 0.0), cpu.sample());
        }
        if ("done".equals(status) || "cancelled".equals(status)) {
          watch.doneAtNanos = now;
          watch.finishedAt = job.getString("finishedAt") == null ? null : Instant.parse(job.getString("finishedAt"));
          done.complete(watch);
          return;
        }
      } else {
        System.out.printf(Locale.ROOT, "%6.1f s  GET /v1/jobs/%s failed: %s%n", elapsed, jobId, result.succeeded()
            ? result.result().statusCode() + " " + result.result().bodyAsString() : result.cause());
      }
      if (elapsed > maxWaitS || now - changedAt[0] > TimeUnit.SECONDS.toNanos(stallS)) {
        System.out.printf(Locale.ROOT, "%6.1f s  giving up: %s%n", elapsed, elapsed > maxWaitS ? "--max-wait " + maxWaitS + " s passed"
            : "the job's counts have not changed for --stall " + stallS + " s");
        watch.gaveUp = elapsed > maxWaitS ? "not done after --max-wait " + maxWaitS + " s"
            : "stalled: no count changed for " + stallS + " s";
        done.complete(watch);
      } else {
        vertx.setTimer(pollMs, id -> poll[0].run());
      }
    });
    poll[0].run();
    return done.future();
  }

  /** Every item of the job, page by page (after the clock stopped). */
  private static List<Item> items(GatewayApi api, String key, String jobId) {
    List<Item> all = new ArrayList<>();
    String cursor = null;
    int limit = 1000;
    do {
      HttpResponse<Buffer> page = TokensBench.await(api.call("GET", 0, "/v1/jobs/" + jobId + "/items?limit=" + limit
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), key, null, null));
      if (page.statusCode() == 400 && limit > 100 && all.isEmpty()) {
        limit = 100;
        continue;
      }
      if (page.statusCode() != 200) {
        System.out.println("GET /v1/jobs/" + jobId + "/items answered " + page.statusCode() + " " + page.bodyAsString());
        return all;
      }
      JsonObject body = page.bodyAsJsonObject();
      for (Object o : body.getJsonArray("items")) {
        JsonObject item = (JsonObject) o;
        all.add(new Item(item.getString("sellerId"), item.getString("status"), item.getString("path"), item.getString("feedId"),
            instant(item.getString("sentAt")),
            instant(item.getString("resultAt"))));
      }
      cursor = body.getString("nextCursor");
    } while (cursor != null);
    return all;
  }

  /** One feed of the job: when its items were marked sent and got their results, and Amazon's times for it (getFeed). */
  private record FeedTimes(String feedId, Instant lastSent, Instant lastResult, Instant created, Instant processingStart,
      Instant processingEnd) {}

  /** Every feed the job's items name, with Amazon's createdTime and processing times read by getFeed through the pass-through. */
  private static List<FeedTimes> feedTimes(GatewayApi api, String key, List<Item> items) {
    Map<String, List<Item>> byFeed = new LinkedHashMap<>();
    items.stream().filter(i -> i.feedId() != null).forEach(i -> byFeed.computeIfAbsent(i.feedId(), k -> new ArrayList<>()).add(i));
    List<FeedTimes> times = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Map.Entry<String, List<Item>>> feeds = new ArrayList<>(byFeed.entrySet());
    TokensBench.await(api.each(feeds, (feed, n) -> api.call("GET", n, "/v1/sellers/" + feed.getValue().get(0).sellerId()
        + "/sp-api/feeds/2021-06-30/feeds/" + feed.getKey(), key, null, null).map(response -> {
          JsonObject json = response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject();
          Instant lastSent = feed.getValue().stream().map(Item::sentAt).filter(java.util.Objects::nonNull).max(Instant::compareTo)
              .orElse(null);
          Instant lastResult = feed.getValue().stream().map(Item::resultAt).filter(java.util.Objects::nonNull).max(Instant::compareTo)
              .orElse(null);
          times.add(new FeedTimes(feed.getKey(), lastSent, lastResult, instant(json.getString("createdTime")),
              instant(json.getString("processingStartTime")), instant(json.getString("processingEndTime"))));
          return null;
        })));
    return new ArrayList<>(times);
  }

  /** The same updates as {@code ?dryRun=true} in each format, one after the other: what reading, checking and planning cost. */
  private static String dryRuns(GatewayApi api, String key, List<Account> accounts) {
    List<Map.Entry<Account, Update>> all = accounts.stream().flatMap(a -> a.updates.stream().map(u -> Map.entry(a, u))).toList();
    StringBuilder text = new StringBuilder();
    for (String format : List.of("json", "ndjson", "csv")) {
      Buffer body = body(all, format);
      TokensBench.await(api.call("GET", 0, "/v1/me", key, null, null));
      long start = System.nanoTime();
      HttpResponse<Buffer> answer = TokensBench.await(api.call("POST", 0, "/v1/updates?dryRun=true", key, body, contentType(format)));
      double ms = (System.nanoTime() - start) / 1e6;
      text.append(text.length() == 0 ? "" : ", ").append(format).append(' ')
          .append(answer.statusCode() == 200 ? String.format(Locale.ROOT, "%.0f ms", ms) : "answered " + answer.statusCode());
    }
    return text.toString();
  }

  private record Probe(double allMs, double slowestMs, String problem) {}

  /** The same updates in {@code batches} requests sent at once, round robin over the instances; the jobs are cancelled after. */
  private static Probe probe(GatewayApi api, String key, List<Account> accounts, int batches, String format) {
    List<Map.Entry<Account, Update>> all = accounts.stream().flatMap(a -> a.updates.stream().map(u -> Map.entry(a, u))).toList();
    List<Buffer> bodies = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      bodies.add(body(all.subList(all.size() * b / batches, all.size() * (b + 1) / batches), format));
    }
    for (int i = 0; i < api.ports.size(); i++) {
      TokensBench.await(api.call("GET", i, "/v1/me", key, null, null));
    }
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    double[] slowest = {0};
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      sent.add(api.call("POST", b % api.ports.size(), "/v1/updates", key, bodies.get(b), contentType(format),
          Map.of("Idempotency-Key", "fanout-bench-batch-" + UUID.randomUUID())).map(response -> {
            slowest[0] = Math.max(slowest[0], (System.nanoTime() - start) / 1e6);
            return response;
          }));
    }
    TokensBench.await(Future.join(sent));
    double allMs = (System.nanoTime() - start) / 1e6;
    String problem = null;
    for (Future<HttpResponse<Buffer>> f : sent) {
      if (f.failed() || f.result().statusCode() != 202) {
        problem = "a batch got " + (f.failed() ? f.cause().toString() : f.result().statusCode() + " " + f.result().bodyAsString());
        continue;
      }
      String jobId = f.result().bodyAsJsonObject().getString("jobId");
      TokensBench.await(api.call("POST", 0, "/v1/jobs/" + jobId + "/cancel", key, null, null));
    }
    return new Probe(allMs, slowest[0], problem);
  }

  // ---- the table ----

  private static void describeLeast(Table table, List<Account> accounts, Map<String, double[]> least) {
    Map<Integer, double[]> bySize = new TreeMap<>();
    for (Account account : accounts) {
      bySize.putIfAbsent(account.updates.size(), least.get(account.seller.sellerId()));
    }
    StringBuilder text = new StringBuilder();
    bySize.forEach((skus, l) -> text.append(text.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
        "%d SKUs: patches %.1f, feed %.1f → %.1f (%s)", skus, l[0], l[1], l[2], l[0] <= l[1] ? "patches" : "feed")));
    table.row("  per seller size (s)", text);
  }

  /** What the items say: routes, when items were sent and got their results, and the sellers that finished late. */
  private static void describeItems(Table table, List<Item> items, List<Account> accounts, Map<String, double[]> least, Instant start,
      double quotaMin) {
    if (items.isEmpty()) {
      table.row("items read back", "none");
      return;
    }
    Map<String, Account> byId = new HashMap<>();
    accounts.forEach(a -> byId.put(a.id, a));
    Map<String, List<Double>> resultTimes = new TreeMap<>();
    Map<String, List<Double>> sentTimes = new TreeMap<>();
    Map<String, Integer> byPath = new TreeMap<>();
    Map<String, Double> sellerDone = new HashMap<>();
    Map<String, String> sellerPath = new HashMap<>();
    for (Item item : items) {
      String path = item.path() == null ? "none" : item.path();
      byPath.merge(path, 1, Integer::sum);
      sellerPath.merge(item.sellerId(), path, (a, b) -> a.equals(b) ? a : "both");
      if (item.resultAt() != null) {
        double t = Duration.between(start, item.resultAt()).toMillis() / 1000.0;
        resultTimes.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
        sellerDone.merge(item.sellerId(), t, Math::max);
      }
      if (item.sentAt() != null) {
        sentTimes.computeIfAbsent(path, k -> new ArrayList<>()).add(Duration.between(start, item.sentAt()).toMillis() / 1000.0);
      }
    }
    Map<String, Integer> sellersByPath = new TreeMap<>();
    sellerPath.values().forEach(p -> sellersByPath.merge(p, 1, Integer::sum));
    table.row("items by path (GET /v1/jobs/{id}/items)", byPath + "; sellers by path " + sellersByPath);
    sentTimes.forEach((path, times) -> table.row("  " + path + ": sent at (s after start) first / p50 / last", spread(times, false)));
    resultTimes.forEach((path, times) -> table.row("  " + path + ": result at (s after start) p50 / p99 / last", spread(times, true)));
    // Sellers by size: when their last item got its result, against their own least time.
    Map<Integer, List<String>> sizes = new TreeMap<>();
    for (Map.Entry<String, Double> e : sellerDone.entrySet()) {
      Account account = byId.get(e.getKey());
      if (account != null) {
        sizes.computeIfAbsent(account.updates.size(), k -> new ArrayList<>()).add(e.getKey());
      }
    }
    sizes.forEach((skus, sellers) -> {
      List<Double> done = sellers.stream().map(sellerDone::get).sorted().toList();
      Map<String, Integer> paths = new TreeMap<>();
      sellers.forEach(s -> paths.merge(sellerPath.get(s), 1, Integer::sum));
      double own = least.get(byId.get(sellers.get(0)).seller.sellerId())[2];
      long late = done.stream().filter(d -> d > quotaMin).count();
      table.row("  sellers of " + skus + " SKUs: last result p50 / max (s), own least", String.format(Locale.ROOT,
          "%.1f / %.1f, %.1f; routes %s; %d of %d after M", done.get(done.size() / 2), done.get(done.size() - 1), own, paths, late,
          sellers.size()));
    });
  }

  /** Where a feed's time went: the gateway before createFeed, Amazon's queue and processing, the gateway after it. */
  private static void describeFeeds(Table table, List<FeedTimes> feeds, Instant start) {
    if (feeds.isEmpty()) {
      return;
    }
    List<Double> created = new ArrayList<>();
    List<Double> before = new ArrayList<>();
    List<Double> amazon = new ArrayList<>();
    List<Double> after = new ArrayList<>();
    for (FeedTimes feed : feeds) {
      if (feed.created() == null) {
        continue;
      }
      created.add(Duration.between(start, feed.created()).toMillis() / 1000.0);
      if (feed.lastSent() != null) {
        before.add(Duration.between(feed.lastSent(), feed.created()).toMillis() / 1000.0);
      }
      if (feed.processingEnd() != null) {
        amazon.add(Duration.between(feed.created(), feed.processingEnd()).toMillis() / 1000.0);
        if (feed.lastResult() != null) {
          after.add(Duration.between(feed.processingEnd(), feed.lastResult()).toMillis() / 1000.0);
        }
      }
    }
    table.row("feeds (" + feeds.size() + "; getFeed after the run): createFeed at (s after start) first / p50 / last",
        created.isEmpty() ? "n/a" : spread(created, false, "feeds"));
    table.row("  items marked sent → createFeed (s) least / p50 / most", before.isEmpty() ? "n/a" : spread(before, false, "feeds"));
    table.row("  createFeed → processing end at Amazon (s) least / p50 / most", amazon.isEmpty() ? "n/a" : spread(amazon, false, "feeds"));
    table.row("  processing end → last item result (s) least / p50 / most", after.isEmpty() ? "n/a" : spread(after, false, "feeds"));
  }

  private static String spread(List<Double> times, boolean p99) {
    return spread(times, p99, "items");
  }

  private static String spread(List<Double> times, boolean p99, String noun) {
    List<Double> sorted = times.stream().sorted().toList();
    double middle = sorted.get(sorted.size() / 2);
    double last = sorted.get(sorted.size() - 1);
    double other = p99 ? sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) : sorted.get(0);
    return p99 ? String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%d %s)", middle, other, last, sorted.size(), noun)
        : String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%d %s)", other, middle, last, sorted.size(), noun);
  }

  private static String statusCounts(JsonObject counts) {
    StringBuilder text = new StringBuilder();
    for (String status : STATUSES) {
      text.append(text.length() == 0 ? "" : ", ").append(status).append(' ').append(counts.getLong(status, 0L));
    }
    return text.toString();
  }

  /** Per operation, {2xx, 429, other} the simulator answered the bench's sellers between two snapshots of its stats. */
  private static String sizes(Map<Integer, Integer> sellersBySize) {
    StringBuilder text = new StringBuilder();
    sellersBySize.forEach((skus, sellers) -> text.append(text.length() == 0 ? "" : ", ").append(sellers).append(" with ").append(skus)
        .append(" SKUs"));
    return text.toString();
  }

  // ---- CPU ----

  /** CPU time so far of each component, Redis, Postgres's processes, the bench itself and the whole machine. */
  private record Cpu(long[] gateways, long simulator, long redis, Map<Long, Long> postgresByPid, long bench,
      double machine, Map<Long, Proc> processes, java.util.Set<Long> mine) {

    static Cpu read(List<ComponentJvm> gateways, ComponentJvm simulator, RedisCpu redis) {
      Map<Long, Long> postgres = postgresTicks();
      java.util.Set<Long> mine = new java.util.HashSet<>(postgres.keySet());
      gateways.forEach(g -> mine.add(g.pid()));
      mine.add(simulator.pid());
      mine.add(ProcessHandle.current().pid());
      return new Cpu(gateways.stream().mapToLong(ComponentJvm::cpuNanos).toArray(), simulator.cpuNanos(), redis.nanos(), postgres,
          ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L), machineBusySeconds(), processTicks(),
          mine);
    }

    /** The processes outside the system under test that used the most CPU between the two readings (those still running). */
    String others(Cpu after) {
      Map<String, Long> byName = new HashMap<>();
      after.processes.forEach((pid, now) -> {
        if (mine.contains(pid) || after.mine.contains(pid)) {
          return;
        }
        Proc was = processes.get(pid);
        long ticks = now.ticks() - (was == null ? 0 : was.ticks());
        if (ticks > 0) {
          byName.merge(now.name(), ticks, Long::sum);
        }
      });
      List<Map.Entry<String, Long>> top = byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .filter(e -> !e.getKey().startsWith("redis-server")).limit(4).toList();
      StringBuilder text = new StringBuilder();
      top.forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
          .append(String.format(Locale.ROOT, "%.1f", e.getValue() / 100.0)));
      return text.length() == 0 ? "none" : text.toString();
    }

    String describe(Cpu after, double wallSeconds) {
      StringBuilder text = new StringBuilder();
      double known = 0;
      for (int i = 0; i < gateways.length; i++) {
        double s = (after.gateways[i] - gateways[i]) / 1e9;
        known += s;
        text.append("gateway ").append(i + 1).append(' ').append(String.format(Locale.ROOT, "%.1f", s)).append(", ");
      }
      double sim = (after.simulator - simulator) / 1e9;
      double red = (after.redis - redis) / 1e9;
      long ticks = 0;
      for (Map.Entry<Long, Long> e : after.postgresByPid.entrySet()) {
        ticks += e.getValue() - postgresByPid.getOrDefault(e.getKey(), 0L);
      }
      double pg = ticks / 100.0;
      double own = (after.bench - bench) / 1e9;
      double machineS = after.machine - machine;
      known += sim + red + pg + own;
      return text + String.format(Locale.ROOT, "simulator %.1f, Postgres %.1f, Redis %.1f, bench %.1f, rest %.1f; machine %.1f "
          + "(%.2f cores on average)", sim, pg, red, own, machineS - known, machineS, machineS / wallSeconds);
    }
  }

  /** A process's short name and the CPU it has used (utime + stime, clock ticks). */
  private record Proc(String name, long ticks) {}

  /** Every process, by pid, named when read (a short-lived one may be gone by the time the table is printed). */
  private static Map<Long, Proc> processTicks() {
    Map<Long, Proc> ticks = new HashMap<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(proc.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(name);
          ticks.put(pid, new Proc(processName(pid), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return ticks;
    }
    return ticks;
  }

  /** A short name for a process: its command, and for a JVM what it runs (maven, surefire, a -jar, a main class). */
  private static String processName(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comm.equals("java")) {
        return comm;
      }
      List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
          StandardCharsets.UTF_8).split("\0"));
      String all = String.join(" ", args);
      if (all.contains("plexus-classworlds")) {
        return "java (maven)";
      }
      if (all.contains("surefire")) {
        return "java (surefire/failsafe)";
      }
      int jar = args.indexOf("-jar");
      if (jar >= 0 && jar + 1 < args.size()) {
        return "java -jar " + Path.of(args.get(jar + 1)).getFileName();
      }
      for (int i = args.size() - 1; i >= 0; i--) {
        String arg = args.get(i);
        if (arg.matches("[a-z][\\w]*(\\.[\\w$]+)+")) {
          return "java " + arg.substring(arg.lastIndexOf('.') + 1);
        }
      }
      return "java";
    } catch (IOException | RuntimeException gone) {
      return "?";
    }
  }

  /** Cores used since the last sample: the whole machine, the gateways together, Postgres, the simulator. */
  private static final class CpuSampler {
    private final List<ComponentJvm> gateways;
    private final ComponentJvm simulator;
    private long at = System.nanoTime();
    private double machine = machineBusySeconds();
    private long gatewayNanos;
    private long postgresTicks;
    private long simulatorNanos;

    CpuSampler(List<ComponentJvm> gateways, ComponentJvm simulator) {
      this.gateways = gateways;
      this.simulator = simulator;
      gatewayNanos = gateways.stream().mapToLong(ComponentJvm::cpuNanos).sum();
      postgresTicks = postgresTicks().values().stream().mapToLong(Long::longValue).sum();
      simulatorNanos = simulator.cpuNanos();
    }

    String sample() {
      long now = System.nanoTime();
      double seconds = (now - at) / 1e9;
      double machineNow = machineBusySeconds();
      long gw = gateways.stream().mapToLong(ComponentJvm::cpuNanos).sum();
      long pg = postgresTicks().values().stream().mapToLong(Long::longValue).sum();
      long sim = simulator.cpuNanos();
      String text = String.format(Locale.ROOT, "cores: machine %.2f, gateways %.2f, Postgres %.2f, simulator %.2f",
          (machineNow - machine) / seconds, (gw - gatewayNanos) / 1e9 / seconds, (pg - postgresTicks) / 100.0 / seconds,
          (sim - simulatorNanos) / 1e9 / seconds);
      at = now;
      machine = machineNow;
      gatewayNanos = gw;
      postgresTicks = pg;
      simulatorNanos = sim;
      return text;
    }
  }

  /** utime + stime (clock ticks) of every process named postgres. */
  private static Map<Long, Long> postgresTicks() {
    Map<Long, Long> ticks = new HashMap<>();
    processTicks().forEach((pid, proc) -> {
      if (proc.name().startsWith("postgres")) {
        ticks.put(pid, proc.ticks());
      }
    });
    return ticks;
  }

  /** CPU time the whole machine has been busy so far (/proc/stat: all but idle and iowait), in seconds. */
  private static double machineBusySeconds() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < Math.min(fields.length, 9); i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  // ---- HTTP ----

  /** The gateways' API, as a user's client calls it. */
  private static Buffer json(JsonObject object) {
    return object.toBuffer();
  }

  private static final Map<String, String> QUOTA_METERS = Map.of("spgate_quota_amazon_throttled_total", "Amazon's 429s seen",
      "spgate_quota_deadline_refusals_total", "refused for the deadline", "spgate_quota_missed_departures_total",
      "missed departures", "spgate_quota_late_arrivals_total", "late arrivals");

  /** The quota counters of every instance's /metrics (management port), summed over instances and tags. */
  private static Map<String, Double> quotaMeters(WebClient web, List<Integer> managementPorts) {
    Map<String, Double> meters = new TreeMap<>();
    for (int port : managementPorts) {
      HttpResponse<Buffer> page;
      try {
        page = TokensBench.await(web.get(port, "127.0.0.1", "/metrics").send());
      } catch (IllegalStateException e) {
        continue;
      }
      for (String line : page.bodyAsString().split("\n")) {
        for (String name : QUOTA_METERS.keySet()) {
          if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
            meters.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
          }
        }
      }
    }
    return meters;
  }

  private static String meterDeltas(Map<String, Double> before, Map<String, Double> after) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> meter : new TreeMap<>(QUOTA_METERS).entrySet()) {
      double delta = after.getOrDefault(meter.getKey(), 0.0) - before.getOrDefault(meter.getKey(), 0.0);
      text.append(text.length() == 0 ? "" : ", ").append(meter.getValue()).append(' ').append(Math.round(delta));
    }
    return text.toString();
  }

  private static int rejectedCount(JsonObject answer) {
    Integer count = answer.getInteger("rejectedCount");
    return count != null ? count : answer.getJsonArray("rejected", new JsonArray()).size();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
