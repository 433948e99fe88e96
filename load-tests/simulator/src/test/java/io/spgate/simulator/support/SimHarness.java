package io.spgate.simulator.support;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.function.Predicate;

/** A running simulator plus a client for it: what every test of the simulator needs. */
public final class SimHarness implements AutoCloseable {
  private final Vertx vertx;
  private final SpApiSimulator sim;
  private final WebClient client;

  private SimHarness(Vertx vertx, SpApiSimulator sim) {
    this.vertx = vertx;
    this.sim = sim;
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  public static SimHarness start(Vertx vertx, SimulatorOptions options) {
    return new SimHarness(vertx, SpApiSimulator.start(vertx, options).await());
  }

  public SpApiSimulator sim() {
    return sim;
  }

  public Vertx vertx() {
    return vertx;
  }

  public WebClient client() {
    return client;
  }

  public Seller seller(int index) {
    return sim.sellers().get(index);
  }

  /** The first seller of the region, for tests that depend on marketplaces or charsets. */
  public Seller sellerIn(String regionCode) {
    return sim.sellers().stream().filter(s -> s.region().code().equals(regionCode)).findFirst().orElseThrow();
  }

  public HttpResponse<Buffer> lwa(MultiMap form) {
    return client.postAbs(sim.lwaUrl()).sendForm(form).await();
  }

  public String accessToken(Seller seller) {
    HttpResponse<Buffer> response = lwa(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "refresh_token").add("refresh_token", seller.refreshToken())
        .add("client_id", seller.application().clientId()).add("client_secret", seller.application().clientSecret()));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("LWA refused: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("access_token");
  }

  public String grantlessToken(LwaApplication app) {
    return lwa(MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials").add("scope", "sellingpartnerapi::notifications")
        .add("client_id", app.clientId()).add("client_secret", app.clientSecret())).bodyAsJsonObject().getString("access_token");
  }

  public HttpRequest<Buffer> request(HttpMethod method, String pathAndQuery, String token) {
    HttpRequest<Buffer> request = client.requestAbs(method, sim.baseUrl() + pathAndQuery);
    return token == null ? request : request.putHeader("x-amz-access-token", token);
  }

  public HttpResponse<Buffer> get(String pathAndQuery, String token) {
    return request(HttpMethod.GET, pathAndQuery, token).send().await();
  }

  public HttpResponse<Buffer> send(HttpMethod method, String pathAndQuery, String token, JsonObject body) {
    HttpRequest<Buffer> request = request(method, pathAndQuery, token);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  /** Polls with Vert.x timers (never a sleep) until the answer satisfies {@code done}, or fails after {@code timeout}. */
  public HttpResponse<Buffer> pollUntil(String pathAndQuery, String token, Predicate<HttpResponse<Buffer>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HttpResponse<Buffer> response = get(pathAndQuery, token);
      if (done.test(response)) {
        return response;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + timeout + ": " + response.bodyAsString());
      }
      vertx.timer(20).await();
    }
  }

  @Override
  public void close() {
    client.close();
    Future<Void> stopped = sim.stop();
    stopped.await();
  }
}
