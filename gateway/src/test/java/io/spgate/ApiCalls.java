package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/** Calls to a gateway's /v1 API with a key, and what its problems must look like. */
public final class ApiCalls {

  private ApiCalls() {}

  /** Sends the request with the key, and the body as JSON when there is one; waits for the answer. */
  public static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, JsonObject body) {
    request.putHeader("Authorization", "Bearer " + key);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  public static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo(code);
  }
}
