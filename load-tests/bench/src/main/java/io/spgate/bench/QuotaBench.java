package io.spgate.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.spgate.Gateway;
import io.spgate.config.ConfigLoader;
import io.spgate.quota.Lane;
import io.spgate.quota.Rate;
import io.spgate.spapi.Operations;
import io.spgate.spapi.RequestPath;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * {@code ops/bench quota}: sellers whose clients ask for {@code load}× each operation's rate,
 * through several gateway instances, against the time-scaled simulator, which enforces Amazon's
 * quotas. Run twice in one go on separate sellers: instances sharing Redis buckets, then the
 * baseline of per-instance in-process buckets. Throttled = the simulator's 429s, until the last
 * call completed; utilization = the calls Amazon answered with success while clients were calling /
 * what the quotas allow over that time (burst + rate · duration in whole calls, per seller × operation).
 */
final class QuotaBench {

  private static final Duration MAX_WAIT = Duration.ofSeconds(2);

  private QuotaBench() {}

  /** An operation the clients call, and how to call it for a seller. */
  private record Operation(String name, String method, String path, Function<Seller, SpApiRequest> request) {}

  private static final Operations OPERATION_CATALOG = Operations.bundled();

  private static final List<Operation> OPERATIONS = List.of(
      new Operation("getOrders", "GET", "/orders/v0/orders", s -> SpApiRequest.get("/orders/v0/orders")
          .withQuery("MarketplaceIds", s.marketplaces().get(0)).withQuery("CreatedAfter", "2000-01-01T00:00:00Z")),
      new Operation("getMarketplaceParticipations", "GET", "/sellers/v1/marketplaceParticipations",
          s -> SpApiRequest.get("/sellers/v1/marketplaceParticipations")));

  private record Phase(String name, long ok, long throttled, long otherAnswers, long refused, double allowed, double utilization,
      double waitP99Ms, long missedDepartures, long lateArrivals, double seconds) {}

  static void run(Flags flags) throws Exception {
    int sellers = flags.integer("sellers", 1000, 1, 100_000);
    int instances = flags.integer("instances", 3, 1, 10);
    int timeScale = flags.integer("time-scale", 20, 1, 1000);
    int seconds = flags.integer("seconds", 90, 5, 3600);
    int load = flags.integer("load", 3, 1, 100);
    int burn = flags.integer("burn", 0, 0, 64);
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();

    Vertx vertx = Vertx.vertx();
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    SpApiSimulator simulator = TokensBench.await(SpApiSimulator.start(vertx, new SimulatorOptions().port(0).sellers(sellers * 2)
        .timeScale(timeScale).listingsPerSeller(1).ordersPerSeller(3)));
    try (Burn busy = Burn.start(burn)) {
      System.out.printf("quota: %d sellers, %d instances, time scale %d, %d s, clients at %d× each operation's rate, %d busy thread(s)"
          + " beside%n", sellers, instances, timeScale, seconds, load, busy.threads());
      Path apps = TokensBench.applicationsFile(simulator.applications());
      Phase shared = phase("shared Redis buckets", vertx, databases, simulator, apps, Map.of("SPGATE_REDIS_URL", redis),
          instances, 0, sellers, timeScale, seconds, load);
      Phase baseline = phase("per-instance buckets (baseline)", vertx, databases, simulator, apps, Map.of(),
          instances, sellers, sellers, timeScale, seconds, load);

      Table table = new Table();
      for (Phase p : List.of(shared, baseline)) {
        table.row(p.name() + ": successful / allowed", p.ok() + " / " + Math.round(p.allowed()))
            .row(p.name() + ": utilization", String.format("%.4f", p.utilization()))
            .row(p.name() + ": throttled by Amazon (429)", p.throttled())
            .row(p.name() + ": other answers of Amazon", p.otherAnswers())
            .row(p.name() + ": refused by the gateway (slot beyond " + MAX_WAIT.toMillis() + " ms, or store busy)", p.refused())
            .row(p.name() + ": quota wait p99 (ms)", String.format("%.0f", p.waitP99Ms()))
            .row(p.name() + ": calls that missed their departure and asked again", p.missedDepartures())
            .row(p.name() + ": calls answered after they had to arrive (bucket corrected)", p.lateArrivals())
            .row(p.name() + ": time clients called (s)", String.format("%.1f", p.seconds()));
      }
      table.row("busy threads beside (--burn): millions of rounds of busy work", busy.threads() + ": " + busy.millionRounds());
      table.print("quota benchmark");
      System.out.printf("RESULT sellers=%d instances=%d burn=%d throttled=%d utilization=%.4f baseline_throttled=%d "
          + "baseline_utilization=%.4f wait_p99_ms=%.0f missed_departures=%d late_arrivals=%d%n", sellers, instances, burn,
          shared.throttled(), shared.utilization(), baseline.throttled(), baseline.utilization(), shared.waitP99Ms(),
          shared.missedDepartures(), shared.lateArrivals());
    } finally {
      TokensBench.await(simulator.stop());
      databases.close();
      TokensBench.await(vertx.close());
    }
  }

  private static Phase phase(String name, Vertx vertx, BenchDatabases databases, SpApiSimulator simulator,
      Path apps, Map<String, String> extra, int instances, int firstSeller, int sellers, int timeScale, int seconds, int load) {
    Map<String, String> env = new HashMap<>(Map.of("SPGATE_PORT", "0", "SPGATE_MANAGEMENT_PORT", "0", "SPGATE_HTTP_INSTANCES", "1",
        "SPGATE_PG_URL", databases.create(), "SPGATE_APPLICATIONS_FILE", apps.toString(),
        "SPGATE_LWA_URL", simulator.lwaUrl(), "SPGATE_SPAPI_ENDPOINT", simulator.baseUrl(),
        "SPGATE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(new byte[32]),
        "SPGATE_ADMIN_KEY", "spg_bench-admin-key-" + UUID.randomUUID()));
    env.putAll(extra);
    List<Gateway> gateways = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        gateways.add(TokensBench.await(Gateway.start(ConfigLoader.load(null, env), new PrintStream(PrintStream.nullOutputStream()))));
      }
      List<Seller> all = TokensBench.register(vertx, gateways.get(0), env.get("SPGATE_ADMIN_KEY"), simulator);
      List<Seller> mine = all.stream().filter(s -> indexOf(simulator, s) >= firstSeller && indexOf(simulator, s) < firstSeller + sellers)
          .toList();
      System.out.printf("%s: %d gateway instances, %d sellers%n", name, gateways.size(), mine.size());
      TokensBench.await(warmTokens(gateways, mine));
      long[] before = counts(simulator, mine);
      long start = System.nanoTime();
      AtomicReference<long[]> atEnd = new AtomicReference<>();
      AtomicLong endedAt = new AtomicLong();
      AtomicInteger refused = new AtomicInteger();
      TokensBench.await(drive(vertx, gateways, mine, timeScale, seconds, load, refused, () -> {
        endedAt.set(System.nanoTime());
        atEnd.set(counts(simulator, mine));
      }));
      long[] after = counts(simulator, mine);
      double phaseSeconds = (endedAt.get() - start) / 1e9;
      double allowed = 0;
      for (Operation op : OPERATIONS) {
        Rate plan = modelledRate(op);
        // Whole calls: no client can make more than this in the window, even had Amazon's bucket been full at its start.
        allowed += mine.size() * Math.floor(plan.burst() + plan.perSecond() * timeScale * phaseSeconds);
      }
      long ok = atEnd.get()[0] - before[0];
      double p99 = gateways.stream().mapToDouble(g -> p99(g.services().metrics().find("spgate.quota.wait").timer())).max().orElse(0);
      return new Phase(name, ok, after[1] - before[1], after[2] - before[2], refused.get(), allowed, ok / allowed, p99,
          count(gateways, "spgate.quota.missed.departures"), count(gateways, "spgate.quota.late.arrivals"), phaseSeconds);
    } finally {
      for (Gateway gateway : gateways) {
        TokensBench.await(gateway.stop());
      }
    }
  }

  /**
   * Has every instance fetch every seller's access token before the clock starts, with a call to an
   * operation outside the measured ones (its own buckets): a cold start's LWA calls are not what
   * this benchmark measures, and would delay the first calls of 1,000 sellers by seconds.
   */
  private static Future<Void> warmTokens(List<Gateway> gateways, List<Seller> sellers) {
    SpApiClient.CallOptions options = new SpApiClient.CallOptions(Duration.ofSeconds(60), Optional.of(Lane.NORMAL));
    List<Future<?>> calls = new ArrayList<>();
    for (Gateway gateway : gateways) {
      for (Seller seller : sellers) {
        // Not found, as expected: the call only has to get the token.
        calls.add(gateway.services().spApi().call(seller, SpApiRequest.get("/orders/v0/orders/000-0000000-0000000"), options,
            result -> result).recover(e -> e instanceof SpApiException ? Future.succeededFuture() : Future.failedFuture(e)));
      }
    }
    return Future.join(calls).mapEmpty();
  }

  /**
   * Open loop per seller × operation: a call every 1 / (load · rate) s, starting at a random offset,
   * through the instances in turn. {@code atEnd} runs when the last call has been made; the calls
   * still waiting for their slots then complete before the future does.
   */
  private static Future<Void> drive(Vertx vertx, List<Gateway> gateways, List<Seller> sellers, int timeScale, int seconds, int load,
      AtomicInteger refused, Runnable atEnd) {
    int clients = sellers.size() * OPERATIONS.size();
    long[] due = new long[clients];
    long[] every = new long[clients];
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Operation op = OPERATIONS.get(c % OPERATIONS.size());
      double rate = modelledRate(op).perSecond() * timeScale * load;
      every[c] = (long) (1e9 / rate);
      due[c] = start + ThreadLocalRandom.current().nextLong(every[c]);
    }
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicInteger pending = new AtomicInteger();
    AtomicInteger turn = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    SpApiClient.CallOptions options = new SpApiClient.CallOptions(MAX_WAIT, Optional.of(Lane.NORMAL));
    vertx.setPeriodic(10, id -> {
      long now = System.nanoTime();
      if (now > end) {
        vertx.cancelTimer(id);
        atEnd.run();
        if (pending.get() == 0) {
          done.tryComplete();
        }
        return;
      }
      for (int c = 0; c < clients; c++) {
        while (due[c] <= now) {
          due[c] += every[c];
          Seller seller = sellers.get(c / OPERATIONS.size());
          Operation op = OPERATIONS.get(c % OPERATIONS.size());
          Gateway gateway = gateways.get(turn.getAndIncrement() % gateways.size());
          pending.incrementAndGet();
          gateway.services().spApi().call(seller, op.request().apply(seller), options, result -> result).onComplete(result -> {
            // Amazon's answers, throttles included, are counted by the simulator; a refusal is the gateway's own.
            if (result.failed() && !(result.cause() instanceof SpApiException)) {
              refused.incrementAndGet();
            }
            if (pending.decrementAndGet() == 0 && System.nanoTime() > end) {
              done.tryComplete();
            }
          });
        }
      }
    });
    return done.future();
  }

  private static Rate modelledRate(Operation op) {
    return OPERATION_CATALOG.match(op.method(), RequestPath.parse(op.path())).flatMap(o -> o.modelledRate()).orElseThrow();
  }

  /** {2xx, 429, other} answers the simulator counted for these sellers over the benchmark's operations. */
  private static long[] counts(SpApiSimulator simulator, List<Seller> sellers) {
    long[] counts = new long[3];
    for (Seller seller : sellers) {
      for (Operation op : OPERATIONS) {
        counts[0] += simulator.stats().count(seller.sellingPartnerId(), op.name(), "2xx");
        counts[1] += simulator.stats().count(seller.sellingPartnerId(), op.name(), "429");
        counts[2] += simulator.stats().count(seller.sellingPartnerId(), op.name(), "other");
      }
    }
    return counts;
  }

  private static int indexOf(SpApiSimulator simulator, Seller seller) {
    return simulator.seller(seller.sellingPartnerId()).orElseThrow().index();
  }

  /** A counter's total over the instances. */
  private static long count(List<Gateway> gateways, String counter) {
    return Math.round(gateways.stream()
        .mapToDouble(g -> g.services().metrics().find(counter).counters().stream().mapToDouble(c -> c.count()).sum()).sum());
  }

  private static double p99(Timer timer) {
    if (timer == null) {
      return 0;
    }
    for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
      if (value.percentile() == 0.99) {
        return value.value(TimeUnit.MILLISECONDS);
      }
    }
    return 0;
  }
}
