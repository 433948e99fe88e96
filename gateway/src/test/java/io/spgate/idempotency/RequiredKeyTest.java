package io.spgate.idempotency;

import static io.spgate.ApiCalls.assertProblem;
import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.http.Json;
import io.spgate.http.ProblemResponses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A route that says it needs an Idempotency-Key refuses a request without one, before it acts. */
class RequiredKeyTest {

  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private int acted;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.post("/shipments").handler(IdempotencyKeys.required("shipment")).handler(ctx -> {
      acted++;
      Json.send(ctx, 201, new JsonObject().put("shipped", true));
    });
    router.route().failureHandler(ProblemResponses::fromFailure);
    server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  @Test
  void should_refuse_a_request_without_a_key_and_let_one_with_a_key_through() {
    HttpResponse<Buffer> without = await(client.post(server.actualPort(), "127.0.0.1", "/shipments").send());
    HttpResponse<Buffer> malformed = await(client.post(server.actualPort(), "127.0.0.1", "/shipments")
        .putHeader(IdempotencyKey.HEADER, "not a key").send());
    int actedWithout = acted;
    HttpResponse<Buffer> with = await(client.post(server.actualPort(), "127.0.0.1", "/shipments")
        .putHeader(IdempotencyKey.HEADER, "7f0c2b1e-2a8e-4c53-9d3f-5b1f0c9e8a11").send());

    assertProblem(without, 400, "idempotency_key_required");
    assertThat(without.bodyAsJsonObject().getString("detail")).contains("once per shipment");
    assertProblem(malformed, 400, "validation_failed");
    assertThat(actedWithout).isZero();
    assertThat(with.statusCode()).isEqualTo(201);
    assertThat(acted).isEqualTo(1);
  }
}
