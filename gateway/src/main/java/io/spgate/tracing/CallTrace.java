package io.spgate.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The trace of one call through the SP-API pipeline: a span for the call with one child per stage (token, quota wait,
 * signing, each send to Amazon) when recorded, and the {@code traceparent} each send carries. Untraced, every method just
 * runs its work.
 */
public final class CallTrace {

  static final CallTrace NONE = new CallTrace(null, null, null, null);
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("spapi.operation");
  private static final AttributeKey<String> SELLER = AttributeKey.stringKey("spgate.seller_id");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

  private final Tracer tracer;
  /** The call's span, parent of its stages; null when not recorded. */
  private final Span call;
  /** What is passed on to Amazon, under the call's span if there is one; null when untraced. */
  private final Context context;
  private final TextMapPropagator propagator;

  private CallTrace(Tracer tracer, Span call, Context context, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.call = call;
    this.context = context;
    this.propagator = propagator;
  }

  static CallTrace propagating(Context parent, TextMapPropagator propagator) {
    return new CallTrace(null, null, parent, propagator);
  }

  static CallTrace recording(Tracer tracer, Context parent, TextMapPropagator propagator, String operationId, UUID sellerId) {
    Span call = tracer.spanBuilder("spapi " + operationId).setParent(parent).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(OPERATION, operationId).setAttribute(SELLER, sellerId.toString()).startSpan();
    return new CallTrace(tracer, call, parent.with(call), propagator);
  }

  /** An asynchronous stage, in a span named {@code name} when recorded. */
  public <T> Future<T> stage(String name, Supplier<Future<T>> work) {
    if (call == null) {
      return work.get();
    }
    Span span = tracer.spanBuilder(name).setParent(context).startSpan();
    return started(span, work).andThen(done -> end(span, done));
  }

  /** A synchronous stage. */
  public void stage(String name, Runnable work) {
    if (call == null) {
      work.run();
      return;
    }
    Span span = tracer.spanBuilder(name).setParent(context).startSpan();
    try {
      work.run();
      span.end();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()).end();
      throw e;
    }
  }

  /**
   * A send to Amazon: its {@code traceparent} (the send's own span when recorded, else the current span) goes in
   * {@code headers}, and the span ends with Amazon's status.
   */
  public Future<HttpClientResponse> send(String name, MultiMap headers, Supplier<Future<HttpClientResponse>> send) {
    if (context == null) {
      return send.get();
    }
    if (call == null) {
      propagator.inject(context, headers, MultiMap::set);
      return send.get();
    }
    Span span = tracer.spanBuilder(name).setParent(context).setSpanKind(SpanKind.CLIENT).startSpan();
    propagator.inject(context.with(span), headers, MultiMap::set);
    return started(span, send).andThen(done -> {
      if (done.succeeded()) {
        span.setAttribute(STATUS, done.result().statusCode());
      }
      end(span, done);
    });
  }

  /** The call is over: its span ends, failed if the call failed. */
  public void end(AsyncResult<?> result) {
    if (call != null) {
      end(call, result);
    }
  }

  /** The work's future; a synchronous failure still ends the span, and is thrown on as it would be untraced. */
  private static <T> Future<T> started(Span span, Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()).end();
      throw e;
    }
  }

  private static void end(Span span, AsyncResult<?> result) {
    if (result.failed()) {
      span.setStatus(StatusCode.ERROR, result.cause().getClass().getSimpleName());
    }
    span.end();
  }
}
