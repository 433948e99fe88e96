package io.spgate.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.Future;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * W3C trace context through the gateway, on the OpenTelemetry SDK. Vert.x's OpenTelemetry tracer reads a request's
 * {@code traceparent} and makes a server span current on the request's context; {@link CallTrace} carries it on to
 * Amazon and, when spans are exported, adds a span per stage of the SP-API pipeline.
 *
 * <p>Without an OTLP endpoint nothing is exported and a request without a {@code traceparent} is not traced at all
 * (server policy PROPAGATE): the pass-through pays one header lookup. One with a {@code traceparent} gets a server span
 * of its own that keeps the caller's sampled flag (parent-based sampler), so the flag reaches Amazon unchanged; the
 * pipeline adds no stage spans then. With an endpoint,
 * every request may start a trace (policy ALWAYS), sampled at SPGATE_TRACE_SAMPLE_RATIO unless its caller decided.
 */
public final class Tracing {

  static final String INSTRUMENTATION = "io.spgate";
  private static final String TRACES_PATH = "/v1/traces";

  private final OpenTelemetry openTelemetry;
  private final Optional<SdkTracerProvider> provider;
  private final boolean exporting;
  private final Tracer tracer;

  private Tracing(OpenTelemetry openTelemetry, Optional<SdkTracerProvider> provider, boolean exporting) {
    this.openTelemetry = openTelemetry;
    this.provider = provider;
    this.exporting = exporting;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
  }

  /** Trace context as configured: spans exported to {@code otlpEndpoint} when there is one. */
  public static Tracing start(Optional<URI> otlpEndpoint, double sampleRatio) {
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "spgate"))));
    otlpEndpoint.ifPresentOrElse(
        endpoint -> builder.setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(sampleRatio)))
            .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(endpoint)).build())
                .build()),
        () -> builder.setSampler(Sampler.parentBased(Sampler.alwaysOff())).addSpanProcessor(new KeepingNothing()));
    SdkTracerProvider provider = builder.build();
    OpenTelemetry sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    return new Tracing(sdk, Optional.of(provider), otlpEndpoint.isPresent());
  }

  /** No trace context at all: for pipelines built outside a gateway (tests). */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), Optional.empty(), false);
  }

  /**
   * Without any processor the SDK would hand back the caller's span as the request's: with this one, which keeps nothing,
   * the request's server span has an id of its own, the parent Amazon is told of and the one its log lines carry.
   */
  private static final class KeepingNothing implements SpanProcessor {
    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }

  static String tracesUrl(URI endpoint) {
    String base = endpoint.toString();
    return base.endsWith(TRACES_PATH) ? base : base.replaceAll("/+$", "") + TRACES_PATH;
  }

  /** What Vert.x builds its tracer from (VertxBuilder.withTracer). */
  public VertxTracerFactory vertxTracerFactory() {
    return new OpenTelemetryTracingFactory(openTelemetry);
  }

  /** For the API's HTTP server: start traces only when they are exported, else only follow a caller's. */
  public TracingPolicy serverPolicy() {
    return exporting ? TracingPolicy.ALWAYS : TracingPolicy.PROPAGATE;
  }

  /**
   * One SP-API call's trace, under whatever span is current (a request's server span): stage spans when it is recorded
   * and exported, else only its context passed on; nothing when no trace is current.
   */
  public CallTrace call(String operationId, UUID sellerId) {
    Span parent = Span.current();
    if (!parent.getSpanContext().isValid()) {
      return CallTrace.NONE;
    }
    Context context = Context.current();
    if (!exporting || !parent.isRecording()) {
      return CallTrace.propagating(context, openTelemetry.getPropagators().getTextMapPropagator());
    }
    return CallTrace.recording(tracer, context, openTelemetry.getPropagators().getTextMapPropagator(), operationId, sellerId);
  }

  /** Exports what is still buffered and stops; call it from outside Vert.x (it may wait on the collector). */
  public Future<Void> close() {
    return provider.map(p -> {
      CompletableFuture<Void> done = new CompletableFuture<>();
      p.shutdown().whenComplete(() -> done.complete(null));
      return Future.fromCompletionStage(done);
    }).orElseGet(Future::succeededFuture);
  }
}
