package io.spgate.simulator.bench;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many simple SP-API calls (getMarketplaceParticipations with a valid token, quotas off) the simulator answers per
 * second on this machine, driven by a Vert.x HttpClient at high concurrency. Prints a table of each run and the median.
 * Usage: {@code ops/simulator --bench [--seconds 10] [--connections 64] [--runs 3] [--warmup 3]}.
 */
public final class SimulatorThroughput {
  private static final String PATH = "/sellers/v1/marketplaceParticipations";

  public record Result(long requests, long errors, double seconds, double p50Millis, double p99Millis) {
    double rps() {
      return requests / seconds;
    }
  }

  private SimulatorThroughput() {}

  public static void main(String[] args) {
    int seconds = 10;
    int connections = 64;
    int runs = 3;
    int warmup = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--seconds" -> seconds = value;
        case "--connections" -> connections = value;
        case "--runs" -> runs = value;
        case "--warmup" -> warmup = value;
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    Vertx serverVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try {
      SpApiSimulator sim = SpApiSimulator.start(serverVertx,
          new SimulatorOptions().sellers(8).quotas(false).listingsPerSeller(10).ordersPerSeller(10)).await();
      List<String> tokens = tokens(clientVertx, sim);
      System.out.printf("simulator throughput: getMarketplaceParticipations, %d connections, %d s per run after %d s warm-up, %d cores%n",
          connections, seconds, warmup, Runtime.getRuntime().availableProcessors());
      run(clientVertx, sim, tokens, connections, warmup).await();
      List<Result> results = new ArrayList<>();
      System.out.println("run   requests/s   p50 ms   p99 ms   errors");
      for (int r = 1; r <= runs; r++) {
        Result result = run(clientVertx, sim, tokens, connections, seconds).await();
        results.add(result);
        System.out.printf(Locale.ROOT, "%-5d %10.0f %8.2f %8.2f %8d%n", r, result.rps(), result.p50Millis(), result.p99Millis(),
            result.errors());
      }
      Result median = results.stream().sorted(Comparator.comparingDouble(Result::rps)).toList().get(results.size() / 2);
      System.out.printf(Locale.ROOT, "median %9.0f requests/s (p50 %.2f ms, p99 %.2f ms)%n", median.rps(), median.p50Millis(),
          median.p99Millis());
      sim.stop().await();
    } finally {
      clientVertx.close().await();
      serverVertx.close().await();
    }
  }

  static List<String> tokens(Vertx vertx, SpApiSimulator sim) {
    HttpClient client = vertx.createHttpClient();
    List<String> tokens = new ArrayList<>();
    for (Seller seller : sim.sellers()) {
      String form = "grant_type=refresh_token&refresh_token="
          + java.net.URLEncoder.encode(seller.refreshToken(), java.nio.charset.StandardCharsets.UTF_8)
          + "&client_id=" + seller.application().clientId() + "&client_secret=" + seller.application().clientSecret();
      JsonObject body = client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(sim.lwaUrl())
              .putHeader("content-type", "application/x-www-form-urlencoded"))
          .compose(req -> req.send(Buffer.buffer(form)))
          .compose(resp -> resp.body())
          .map(Buffer::toJsonObject)
          .await();
      tokens.add(body.getString("access_token"));
    }
    client.close().await();
    return tokens;
  }

  /**
   * Keeps {@code connections} requests in flight for {@code seconds}, each connection sending its next call as soon as the last is
   * answered.
   */
  public static Future<Result> run(Vertx vertx, SpApiSimulator sim, List<String> tokens, int connections, int seconds) {
    HttpClient client = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost(sim.options().host()).setDefaultPort(sim.port()).setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
    AtomicBoolean running = new AtomicBoolean(true);
    List<Future<Driver>> drivers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      Driver driver = new Driver(client, tokens.get(i % tokens.size()), running);
      drivers.add(driver.start());
    }
    vertx.setTimer(seconds * 1000L, id -> running.set(false));
    return Future.all(drivers).map(all -> {
      double elapsed = (System.nanoTime() - start) / 1e9;
      LatencyHistogram merged = new LatencyHistogram();
      long errors = 0;
      for (int i = 0; i < all.size(); i++) {
        Driver d = all.resultAt(i);
        merged.addAll(d.latencies);
        errors += d.errors;
      }
      return new Result(merged.total(), errors, elapsed, merged.percentileMillis(0.5), merged.percentileMillis(0.99));
    }).eventually(() -> client.close());
  }

  /** One closed-loop caller. */
  private static final class Driver {
    private final HttpClient client;
    private final String token;
    private final AtomicBoolean running;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final Promise<Driver> done = Promise.promise();
    private long errors;

    Driver(HttpClient client, String token, AtomicBoolean running) {
      this.client = client;
      this.token = token;
      this.running = running;
    }

    Future<Driver> start() {
      next();
      return done.future();
    }

    private void next() {
      if (!running.get()) {
        done.tryComplete(this);
        return;
      }
      long t0 = System.nanoTime();
      client.request(HttpMethod.GET, PATH)
          .compose(req -> req.putHeader("x-amz-access-token", token).send())
          .compose(resp -> resp.body().map(b -> resp.statusCode()))
          .onComplete(ar -> {
            latencies.record(System.nanoTime() - t0);
            if (ar.failed() || ar.result() != 200) {
              errors++;
            }
            next();
          });
    }
  }
}
