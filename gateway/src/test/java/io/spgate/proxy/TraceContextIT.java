package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.CapturedLog;
import io.spgate.SimulatedAmazon;
import io.spgate.spapi.SpApiPipeline;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Without an OTLP endpoint: a caller's W3C traceparent still reaches Amazon, under a span id of the gateway's own, and
 * its trace id is on the request's log lines, with the request's id, tenant, seller and operation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TraceContextIT {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

  private ScriptedGateway setup;

  @BeforeAll
  void start() {
    setup = new ScriptedGateway("Traced");
  }

  @BeforeEach
  void clear() {
    setup.scripted.clear();
  }

  @AfterAll
  void stop() {
    setup.close();
  }

  @Test
  void should_carry_a_callers_traceparent_on_to_amazon_with_a_parent_span_of_its_own() {
    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01");

    assertThat(response.statusCode()).isEqualTo(200);
    String sent = setup.scripted.seen.get(0).headers().get("traceparent");
    assertThat(sent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
    assertThat(sent.split("-")[2]).isNotEqualTo(CALLER_SPAN_ID).isNotEqualTo("0000000000000000");
  }

  @Test
  void should_keep_a_callers_unsampled_flag() {
    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-00");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(setup.scripted.seen.get(0).headers().get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-00");
  }

  @Test
  void should_send_no_trace_context_of_its_own_when_the_caller_sent_none() {
    HttpResponse<Buffer> response = get("/sellers/v1/marketplaceParticipations", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(setup.scripted.seen.get(0).headers().names()).doesNotContain("traceparent");
  }

  @Test
  void should_log_the_requests_id_tenant_seller_operation_and_trace_on_the_pipelines_lines() {
    setup.scripted.then(ScriptedAmazon.status(429, "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota.\"}]}"));

    try (CapturedLog log = new CapturedLog()) {
      HttpResponse<Buffer> response = await(setup.gw.client.get(setup.path("/orders/v0/orders/902-3159896-1390916"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
          .putHeader("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
          .putHeader(PassThroughHandler.MAX_WAIT_HEADER, "500").send());

      assertThat(response.statusCode()).isEqualTo(429);
      JsonObject line = log.json().stream().filter(l -> l.getString("logger").equals(SpApiPipeline.class.getName())
          && l.getString("message").contains("answered 429")).findFirst().orElseThrow();
      assertThat(line.getString("request_id")).isEqualTo(response.getHeader("X-Request-Id"));
      assertThat(line.getString("tenant_id")).isEqualTo(setup.seller.tenantId().toString());
      assertThat(line.getString("seller_id")).isEqualTo(setup.seller.id().toString());
      assertThat(line.getString("operation")).isEqualTo("getOrder");
      assertThat(line.getString("trace_id")).isEqualTo(TRACE_ID);
      // The request's own span: the parent Amazon was told of.
      assertThat(line.getString("span_id")).isEqualTo(setup.scripted.seen.get(0).headers().get("traceparent").split("-")[2]);
      assertThat(line.getString("level")).isEqualTo("INFO");
    }
  }

  private HttpResponse<Buffer> get(String spApiPath, String traceparent) {
    var request = setup.gw.client.get(setup.path(spApiPath)).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
    if (traceparent != null) {
      request.putHeader("traceparent", traceparent);
    }
    return await(request.send());
  }
}
