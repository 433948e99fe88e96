package io.spgate.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A request Amazon cannot read is the caller's error: 400 InvalidInput, never a 500. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class MalformedRequestTest {
  private static final String RDT = "/tokens/2021-03-01/restrictedDataToken";
  private static SimHarness harness;
  private static String token;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(1));
    token = harness.accessToken(harness.seller(0));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "[]", "\"text\"", "{\"restrictedResources\":[null]}", "{\"restrictedResources\":null}",
      "{\"restrictedResources\":[{\"method\":\"GET\",\"path\":\"/orders/v0/orders\",\"dataElements\":[null]}]}", "{", ""})
  void should_answer_a_null_or_malformed_body_with_invalid_input(String body) {
    HttpResponse<Buffer> response = harness.request(HttpMethod.POST, RDT, token).putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("InvalidInput");
  }

  @ParameterizedTest
  @ValueSource(strings = {"MarketplaceIds=%zz", "MarketplaceIds=%", "CreatedAfter=%E2%82"})
  void should_answer_a_query_with_a_broken_percent_escape_with_invalid_input(String query) {
    HttpResponse<Buffer> response = harness.get("/orders/v0/orders?" + query, token);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("InvalidInput");
  }
}
