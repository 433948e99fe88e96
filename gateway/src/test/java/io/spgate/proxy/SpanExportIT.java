package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.spgate.SimulatedAmazon;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With SPGATE_OTLP_ENDPOINT set, a pass-through call's spans reach an OTLP/HTTP collector: the server span under the
 * caller's, the call's span under it, and one per stage (token, quota wait, signing, the send) under that; the
 * traceparent Amazon got names the send's span.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpanExportIT {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN_ID = "b7ad6b7169203331";

  private final Vertx vertx = Vertx.vertx();
  private final List<Span> received = new CopyOnWriteArrayList<>();
  private final HttpServer collector = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
    try {
      ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
      export.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
          .forEach(scope -> received.addAll(scope.getSpansList())));
      request.response().putHeader("content-type", "application/x-protobuf")
          .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
    } catch (IOException e) {
      request.response().setStatusCode(400).end();
    }
  })).listen(0, "127.0.0.1"));

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void should_export_the_pipelines_stages_as_children_of_the_server_span() {
    ScriptedGateway setup = new ScriptedGateway("Exported", amazon -> Map.of(
        "SPGATE_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.actualPort(),
        "SPGATE_APPLICATIONS_FILE", applicationsWithAwsCredentials(amazon).toString()));
    String sentTraceparent;
    try {
      HttpResponse<Buffer> traced = await(setup.gw.client.get(setup.path("/sellers/v1/marketplaceParticipations"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY)
          .putHeader("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01").send());
      HttpResponse<Buffer> untraced = await(setup.gw.client.get(setup.path("/sellers/v1/marketplaceParticipations"))
          .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send());
      assertThat(traced.statusCode()).isEqualTo(200);
      assertThat(untraced.statusCode()).isEqualTo(200);
      sentTraceparent = setup.scripted.seen.get(0).headers().get("traceparent");
    } finally {
      // Stopping flushes what the exporter still holds.
      setup.close();
    }

    List<Span> trace = received.stream().filter(span -> hex(span.getTraceId().toByteArray()).equals(TRACE_ID)).toList();
    Span server = only(trace, span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(hex(server.getParentSpanId().toByteArray())).isEqualTo(CALLER_SPAN_ID);
    Span call = only(trace, span -> span.getName().equals("spapi getMarketplaceParticipations"));
    assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
    for (String stage : List.of("spapi.token", "spapi.quota_wait", "spapi.sign", "spapi.send")) {
      assertThat(trace).as(stage).anySatisfy(span -> {
        assertThat(span.getName()).isEqualTo(stage);
        assertThat(span.getParentSpanId()).isEqualTo(call.getSpanId());
      });
    }
    Span send = only(trace, span -> span.getName().equals("spapi.send"));
    assertThat(sentTraceparent).isEqualTo("00-" + TRACE_ID + "-" + hex(send.getSpanId().toByteArray()) + "-01");
    // A request without a traceparent starts a trace of its own when spans are exported.
    assertThat(received).anySatisfy(span -> {
      assertThat(span.getName()).isEqualTo("spapi getMarketplaceParticipations");
      assertThat(hex(span.getTraceId().toByteArray())).isNotEqualTo(TRACE_ID);
    });
  }

  private static Span only(List<Span> spans, Predicate<Span> which) {
    List<Span> found = spans.stream().filter(which).toList();
    assertThat(found).as("spans of %s", spans.stream().map(Span::getName).toList()).hasSize(1);
    return found.get(0);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The simulator's application as "main", with IAM credentials, so calls are signed (SigV4) as well. */
  private static Path applicationsWithAwsCredentials(SimulatedAmazon amazon) {
    try {
      Path file = Files.createTempFile("spgate-applications", ".json");
      file.toFile().deleteOnExit();
      JsonObject main = amazon.mainApplication().put("aws", new JsonObject().put("accessKeyId", "AKIDEXAMPLE")
          .put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
      Files.writeString(file, new JsonArray().add(main).encode());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
