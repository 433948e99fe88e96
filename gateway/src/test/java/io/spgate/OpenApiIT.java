package io.spgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.spgate.http.RequestId;
import io.spgate.proxy.PassThroughHandler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** openapi.json names every route the running gateway serves, and nothing it does not; it is served at /openapi.json. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {

  private TestPostgres postgres;
  private TestGateway gw;
  private ServedRoutes served;
  private final JsonObject document = OpenApiDocument.load();
  private final Map<String, JsonObject> documented = OpenApiDocument.operations(document);

  @BeforeAll
  void start() {
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString()));
    // The router exactly as each HTTP verticle builds it, with the running gateway's services, and the
    // SP-API pass-through, which the verticles serve ahead of the router, for every method.
    served = ServedRoutes.of(ApiVerticle.router(gw.gateway.vertx(), gw.gateway.surface()));
    served.anyMethodPaths().add(PassThroughHandler.PATH);
  }

  @AfterAll
  void stop() {
    gw.close();
    postgres.close();
  }

  @Test
  void should_find_the_routes_of_the_root_router_and_of_v1() {
    assertThat(served.operations()).contains("GET /health/live", "GET /openapi.json", "GET /oauth/callback", "GET /v1/me",
        "DELETE /v1/tenants/{tenantId}/keys/{keyId}");
  }

  @Test
  void should_document_every_route_the_gateway_serves() {
    Set<String> undocumented = new TreeSet<>(served.operations());
    undocumented.removeAll(documented.keySet());
    Set<String> undocumentedAnyMethod = new TreeSet<>(served.anyMethodPaths());
    undocumentedAnyMethod.removeIf(path -> documented.keySet().stream().anyMatch(o -> o.endsWith(" " + path)));

    assertSoftly(soft -> {
      soft.assertThat(undocumented).as("routes missing from openapi.json").isEmpty();
      soft.assertThat(undocumentedAnyMethod).as("paths routed for every method but missing from openapi.json").isEmpty();
    });
  }

  @Test
  void should_route_every_documented_operation() {
    Set<String> unrouted = new TreeSet<>(documented.keySet());
    unrouted.removeIf(operation -> served.operations().contains(operation)
        || served.anyMethodPaths().contains(path(operation)));

    assertThat(unrouted).as("operations in openapi.json that no route serves").isEmpty();
  }

  @Test
  void should_serve_the_document_at_openapi_json_without_a_key(VertxTestContext test) {
    gw.client.get(OpenApiRoutes.PATH).send()
        .compose(first -> gw.client.get(OpenApiRoutes.PATH).send().map(second -> List.of(first, second)))
        .onComplete(test.succeeding(answers -> test.verify(() -> {
          for (HttpResponse<Buffer> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(answer.getHeader(RequestId.HEADER)).isNotBlank();
            assertThat(answer.bodyAsJsonObject()).isEqualTo(document);
          }
          test.completeNow();
        })));
  }

  private static String path(String operation) {
    return operation.substring(operation.indexOf(' ') + 1);
  }
}
