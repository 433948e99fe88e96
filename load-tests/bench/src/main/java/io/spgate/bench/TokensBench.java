package io.spgate.bench;

import io.spgate.Gateway;
import io.spgate.config.ConfigLoader;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ops/bench tokens}: N sellers served by several gateway instances sharing one Redis and
 * one Postgres, against the simulator with short-lived tokens. Calls (searchListingsItems) go out
 * through each instance's SP-API client at a steady rate for a few token lifetimes. The simulator records how
 * long each replaced token still had to live when LWA was asked again; a refresh while the
 * current token still had more than the configured lead (plus its jitter) left is a duplicate.
 */
final class TokensBench {

  private TokensBench() {}

  static void run(Flags flags) throws Exception {
    int sellers = flags.integer("sellers", 10_000, 1, 200_000);
    int instances = flags.integer("instances", 3, 1, 10);
    int lifetime = flags.integer("lifetime", 60, 10, 3600);
    int lead = flags.integer("lead", 20, 1, lifetime - 5);
    int lifetimes = flags.integer("lifetimes", 3, 1, 100);
    int rate = flags.integer("rate", 1000, 1, 100_000);
    String pgServer = flags.pgServer();
    String redis = flags.redis();
    flags.requireAllRead();

    Vertx vertx = Vertx.vertx();
    BenchDatabases databases = new BenchDatabases(vertx, pgServer);
    String pgUrl = databases.create();
    List<Gateway> gateways = new ArrayList<>();
    SpApiSimulator simulator = null;
    try {
      System.out.printf("tokens: %d sellers, %d instances, token lifetime %d s, lead %d s, %d lifetimes at %d calls/s%n",
          sellers, instances, lifetime, lead, lifetimes, rate);
      simulator = await(SpApiSimulator.start(vertx, new SimulatorOptions().port(0).sellers(sellers).quotas(false)
          .listingsPerSeller(1).ordersPerSeller(0).tokenLifetimeSeconds(lifetime)));
      Path apps = applicationsFile(simulator.applications());
      Map<String, String> env = new HashMap<>(Map.of("SPGATE_PORT", "0", "SPGATE_HTTP_INSTANCES", "1",
          "SPGATE_PG_URL", pgUrl, "SPGATE_REDIS_URL", redis, "SPGATE_APPLICATIONS_FILE", apps.toString(),
          "SPGATE_LWA_URL", simulator.lwaUrl(), "SPGATE_SPAPI_ENDPOINT", simulator.baseUrl(),
          "SPGATE_TOKEN_REFRESH_LEAD", lead + "s", "SPGATE_TOKEN_MIN_REMAINING", "5s",
          "SPGATE_ENCRYPTION_KEYS", "bench:" + Base64.getEncoder().encodeToString(new byte[32])));
      env.put("SPGATE_ADMIN_KEY", "spg_bench-admin-key-" + UUID.randomUUID());
      env.put("SPGATE_MANAGEMENT_PORT", "0");
      for (int i = 0; i < instances; i++) {
        gateways.add(await(Gateway.start(ConfigLoader.load(null, env), new PrintStream(PrintStream.nullOutputStream()))));
      }
      List<Seller> registered = register(vertx, gateways.get(0), env.get("SPGATE_ADMIN_KEY"), simulator);
      System.out.printf("registered %d sellers through the API%n", registered.size());

      simulator.resetCounters();
      long expiredBefore = simulator.expiredTokenCalls();
      long runMillis = TimeUnit.SECONDS.toMillis((long) lifetime * lifetimes);
      Traffic traffic = await(drive(vertx, gateways, registered, rate, runMillis));

      List<Double> leads = new ArrayList<>(simulator.lwaCounters().renewalLeadsSeconds());
      leads.sort(Double::compare);
      long lwaCalls = simulator.lwaCounters().calls("refresh_token");
      double earliestTimely = lead * 1.5 + 2;
      long duplicates = leads.stream().filter(l -> l > earliestTimely).count();
      double perLifetime = lwaCalls == 0 ? 0 : (double) lwaCalls / (lwaCalls - duplicates);
      long expired = simulator.expiredTokenCalls() - expiredBefore;
      double p50 = leads.isEmpty() ? 0 : leads.get(leads.size() / 2);
      double min = leads.isEmpty() ? 0 : leads.get(0);

      new Table()
          .row("sellers", sellers)
          .row("gateway instances (shared Redis + Postgres)", instances)
          .row("token lifetime / refresh lead (s)", lifetime + " / " + lead)
          .row("run (s)", runMillis / 1000)
          .row("SP-API calls sent / answered 200", traffic.sent.sum() + " / " + traffic.ok.sum())
          .row("SP-API calls failed (any reason)", traffic.failed.sum() + (traffic.failures.isEmpty() ? "" : " " + traffic.failures))
          .row("calls with an expired token (simulator)", expired)
          .row("LWA refresh calls", lwaCalls)
          .row("  of which renewals of a live token", leads.size())
          .row("  of which duplicates (token had > " + earliestTimely + " s left)", duplicates)
          .row("LWA calls per seller per lifetime", String.format("%.4f", perLifetime))
          .row("refresh lead p50 / min (s)", String.format("%.1f / %.1f", p50, min))
          .print("tokens benchmark");
      System.out.printf("RESULT sellers=%d instances=%d lwa_calls_per_seller_per_lifetime=%.4f expired_sends=%d "
          + "refresh_lead_p50_s=%.1f refresh_lead_min_s=%.1f%n", sellers, instances, perLifetime, expired, p50, min);
    } finally {
      for (Gateway gateway : gateways) {
        await(gateway.stop());
      }
      if (simulator != null) {
        await(simulator.stop());
      }
      databases.close();
      await(vertx.close());
    }
  }

  private record Traffic(LongAdder sent, LongAdder ok, LongAdder failed, Map<String, LongAdder> failures) {}

  /** Open loop: every 10 ms, rate/100 calls, each for the next seller through the next instance. */
  private static Future<Traffic> drive(Vertx vertx, List<Gateway> gateways, List<Seller> sellers, int rate, long runMillis) {
    Traffic traffic = new Traffic(new LongAdder(), new LongAdder(), new LongAdder(), new java.util.concurrent.ConcurrentHashMap<>());
    Promise<Traffic> done = Promise.promise();
    AtomicInteger turn = new AtomicInteger();
    AtomicInteger pending = new AtomicInteger();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
    int perTick = Math.max(1, rate / 100);
    vertx.setPeriodic(10, id -> {
      if (System.nanoTime() > end) {
        vertx.cancelTimer(id);
        if (pending.get() == 0) {
          done.tryComplete(traffic);
        }
        return;
      }
      for (int i = 0; i < perTick; i++) {
        int n = turn.getAndIncrement();
        Seller seller = sellers.get(n % sellers.size());
        Gateway gateway = gateways.get(n % gateways.size());
        traffic.sent.increment();
        pending.incrementAndGet();
        // searchListingsItems: 5/s per seller, so the gateway's quota never holds these calls back.
        SpApiRequest search = SpApiRequest.get("/listings/2021-08-01/items/" + seller.sellingPartnerId())
            .withQuery("marketplaceIds", seller.marketplaces().get(0));
        SpApiClient spApi = gateway.services().spApi();
        spApi.call(seller, search, spApi.defaults(), answer -> answer).onComplete(result -> {
          if (result.succeeded() && result.result().status() == 200) {
            traffic.ok.increment();
          } else {
            traffic.failed.increment();
            String reason = result.succeeded() ? "HTTP " + result.result().status()
                : result.cause() instanceof SpApiException amazon ? "HTTP " + amazon.status()
                : result.cause() instanceof io.spgate.http.ApiException api ? api.problem().code()
                // The message too ("Timeout waiting for connection": which pool), its numbers masked so that alike failures group.
                : result.cause().getClass().getSimpleName() + ": " + String.valueOf(result.cause().getMessage()).replaceAll("[0-9]+", "N");
            traffic.failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
          }
          if (pending.decrementAndGet() == 0 && System.nanoTime() > end) {
            done.tryComplete(traffic);
          }
        });
      }
    });
    return done.future();
  }

  /** Registers every demo seller under one tenant through the gateway's API, 32 at a time. */
  static List<Seller> register(Vertx vertx, Gateway gateway, String adminKey, SpApiSimulator simulator) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gateway.port()),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(32));
    String tenant = await(client.post("/v1/tenants").putHeader("Authorization", "Bearer " + adminKey)
        .sendJsonObject(new JsonObject().put("name", "Bench"))).bodyAsJsonObject().getString("id");
    // Tenants register sellers under the operator's applications shared with them.
    int shared = await(client.put("/v1/applications/main/tenants/" + tenant).putHeader("Authorization", "Bearer " + adminKey).send())
        .statusCode();
    if (shared != 204) {
      throw new IllegalStateException("sharing application main with the bench's tenant answered " + shared);
    }
    List<Seller> registered = java.util.Collections.synchronizedList(new ArrayList<>());
    var all = simulator.sellers();
    for (int from = 0; from < all.size(); from += 256) {
      List<Future<Void>> batch = new ArrayList<>();
      for (var simSeller : all.subList(from, Math.min(all.size(), from + 256))) {
        batch.add(client.post("/v1/sellers").addQueryParam("tenantId", tenant).putHeader("Authorization", "Bearer " + adminKey)
            .sendJsonObject(new JsonObject().put("sellingPartnerId", simSeller.sellerId())
                .put("marketplaceIds", new JsonArray(simSeller.marketplaceIds())).put("refreshToken", simSeller.refreshToken()))
            .compose(response -> response.statusCode() == 201
                ? gateway.services().sellers().byId(UUID.fromString(response.bodyAsJsonObject().getString("id")))
                : Future.failedFuture("registering " + simSeller.sellerId() + ": " + response.bodyAsString()))
            .map(found -> {
              registered.add(found.orElseThrow());
              return null;
            }));
      }
      await(Future.all(batch));
    }
    client.close();
    return new ArrayList<>(registered);
  }

  static Path applicationsFile(List<LwaApplication> applications) throws java.io.IOException {
    JsonArray apps = new JsonArray();
    for (int i = 0; i < applications.size(); i++) {
      LwaApplication app = applications.get(i);
      apps.add(new JsonObject().put("id", i == 0 ? "main" : "app-" + (i + 1)).put("applicationId", app.applicationId())
          .put("clientId", app.clientId()).put("clientSecret", app.clientSecret()));
    }
    Path file = Files.createTempFile("spgate-bench-applications", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(file, apps.encode());
    return file;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
