package io.spgate.health;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.Gateway;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.store.Migrations;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessIT {

  private TestPostgres postgres;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    postgres = TestPostgres.create();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
    postgres.close();
  }

  @Test
  void should_stay_down_until_migrations_are_applied_then_turn_up() throws IOException {
    Pool pool = postgres.pool(vertx, 1);
    SqlConnection holder = await(pool.getConnection());
    Transaction tx = await(holder.begin());
    await(holder.query("SELECT pg_advisory_xact_lock(" + Migrations.LOCK_KEY + ")").execute());
    int port = freePort();

    Future<Gateway> starting = Gateway.start(TestGateway.config(Map.of("SPGATE_PORT", String.valueOf(port),
        "SPGATE_PG_URL", postgres.url().toString())), new PrintStream(PrintStream.nullOutputStream()));
    WebClient client = WebClient.create(vertx);
    HttpResponse<Buffer> live = await(untilAnswered(starting, () -> client.get(port, "127.0.0.1", "/health/live").send()));
    HttpResponse<Buffer> down = await(client.get(port, "127.0.0.1", "/health/ready").send());

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
    assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("migrations")).isEqualTo("DOWN");
    assertThat(down.bodyAsJsonObject().getJsonObject("checks").getString("postgres")).isEqualTo("UP");
    assertThat(starting.isComplete()).isFalse();

    await(tx.commit());
    Gateway gateway = await(starting);
    HttpResponse<Buffer> up = await(client.get(port, "127.0.0.1", "/health/ready").send());

    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP").put("checks", new JsonObject()
        .put("postgres", "UP").put("migrations", "UP").put("verticles", "UP").put("redis", "NOT_CONFIGURED")
        .put("quotas", "in_process").put("tokens", "in_process")));
    await(holder.close());
    await(gateway.stop());
  }

  @Test
  void should_check_redis_when_it_is_configured() {
    try (TestGateway withRedis = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(),
        "SPGATE_REDIS_URL", "redis://127.0.0.1:6379"))) {
      JsonObject ready = await(withRedis.client.get("/health/ready").send()).bodyAsJsonObject();
      assertThat(ready.getString("status")).isEqualTo("UP");
      assertThat(ready.getJsonObject("checks").getString("redis")).isEqualTo("UP");
      assertThat(ready.getJsonObject("checks").getString("quotas")).isEqualTo("redis");
      assertThat(ready.getJsonObject("checks").getString("tokens")).isEqualTo("redis");
    }
  }

  @Test
  void should_be_degraded_while_redis_does_not_answer_and_down_when_set_to_fail_closed() throws IOException {
    String deadRedis = "redis://127.0.0.1:" + freePort();
    try (TestGateway fallback = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_REDIS_URL", deadRedis))) {
      HttpResponse<Buffer> ready = await(fallback.client.get("/health/ready").send());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DEGRADED");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("redis")).isEqualTo("DEGRADED");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("quotas")).isEqualTo("in_process_fallback");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("tokens")).isEqualTo("in_process_fallback");
    }
    try (TestGateway failClosed = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_REDIS_URL", deadRedis,
        "SPGATE_QUOTA_REDIS_FALLBACK_SHARE", "0"))) {
      HttpResponse<Buffer> ready = await(failClosed.client.get("/health/ready").send());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("redis")).isEqualTo("DOWN");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("quotas")).isEqualTo("refusing");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("tokens")).isEqualTo("in_process_fallback");
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("postgres")).isEqualTo("UP");
    }
  }

  @Test
  void should_expose_jvm_and_request_metrics_in_prometheus_format() {
    try (TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString()))) {
      await(gw.client.get("/health/live").send());
      HttpResponse<Buffer> metrics = await(gw.management("/metrics").send());

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
      assertThat(metrics.bodyAsString()).contains("jvm_memory_used_bytes")
          // the probe on the API port, timed; the scrape on the management port is not the API's traffic
          .contains("spgate_http_requests_seconds_count{operation=\"none\",route=\"api\",status=\"200\"} 1\n")
          .contains("spgate_http_requests_active 0.0\n");
    }
  }

  @Test
  void should_serve_metrics_only_on_the_management_port_and_health_on_both_ports() {
    try (TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString()))) {
      HttpResponse<Buffer> onApiPort = await(gw.client.get("/metrics").send());

      assertThat(gw.gateway.managementPort()).isNotEqualTo(gw.port());
      assertThat(onApiPort.statusCode()).isEqualTo(404);
      assertThat(onApiPort.getHeader("Content-Type")).isEqualTo("application/problem+json");
      // The request is metered when its answer has gone, which the client may see first: the scrape waits for it.
      assertThat(Eventually.until(vertx, () -> await(gw.management("/metrics").send()).bodyAsString(),
          body -> body.contains("spgate_http_requests_seconds_count"))).contains("spgate_http_requests_seconds_count");
      for (String health : java.util.List.of("/health/live", "/health/ready")) {
        assertThat(await(gw.client.get(health).send()).statusCode()).as("API port " + health).isEqualTo(200);
        HttpResponse<Buffer> management = await(gw.management(health).send());
        assertThat(management.statusCode()).as("management port " + health).isEqualTo(200);
        assertThat(management.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      }
      HttpResponse<Buffer> unknown = await(gw.management("/v1/me").send());
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  /** Retries a request on connection refusal until the server listens (bounded by the await timeout). */
  private Future<HttpResponse<Buffer>> untilAnswered(Future<Gateway> starting,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> request) {
    Promise<HttpResponse<Buffer>> answered = Promise.promise();
    starting.onFailure(answered::tryFail);
    attempt(request, answered, 200);
    return answered.future();
  }

  private void attempt(java.util.function.Supplier<Future<HttpResponse<Buffer>>> request, Promise<HttpResponse<Buffer>> answered,
      int attemptsLeft) {
    request.get().onSuccess(answered::tryComplete).onFailure(e -> {
      if (attemptsLeft == 0 || answered.future().isComplete()) {
        answered.tryFail(e);
      } else {
        vertx.setTimer(50, t -> attempt(request, answered, attemptsLeft - 1));
      }
    });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
