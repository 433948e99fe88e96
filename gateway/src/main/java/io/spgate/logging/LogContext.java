package io.spgate.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@link LogFields} of the work in hand, kept on its Vert.x context. Vert.x runs each HTTP request on a duplicated
 * context of its own, which follows the request across every callback, timer and blocking task, whatever the thread: a
 * thread-local MDC would mix requests that share an event loop. The log encoders read the fields from the context current
 * where a line is logged ({@link RequestFieldsJsonProvider}, {@link RequestFieldsConverter}).
 *
 * <p>Fields are set only on a duplicated context: the shared context of a verticle or a worker serves many requests and
 * background tasks at once, and would lend one's fields to all of them.
 */
public final class LogContext {

  /**
   * Vert.x sizes every instance's context locals when the instance is built. Logback starts this class (through the
   * encoders) when Vert.x first logs, which is before it builds any instance, so every instance has this local.
   */
  private static final ContextLocal<LogFields> FIELDS = ContextLocal.registerLocal(LogFields.class);

  private LogContext() {}

  /** Makes sure the local exists before a Vert.x instance is built; the encoders call it when they start. */
  static void register() {
    // Loading the class registered the local.
  }

  /** A request begins: its id, and the trace Vert.x made current for it from its {@code traceparent}, if any. */
  public static void beginRequest(String requestId) {
    SpanContext span = Span.current().getSpanContext();
    put(span.isValid() ? new LogFields(requestId, null, null, null, span.getTraceId(), span.getSpanId())
        : new LogFields(requestId, null, null, null, null, null));
  }

  /** The tenant a request acts for, once its caller is known. */
  public static void tenant(UUID tenantId) {
    put(current().withTenant(tenantId));
  }

  /** A call of {@code operationId} for a seller; the request's fields, when they already say so, are kept as they are. */
  public static void call(UUID tenantId, UUID sellerId, String operationId) {
    LogFields fields = current();
    if (!sellerId.equals(fields.sellerId()) || !operationId.equals(fields.operation())) {
      put(fields.withCall(tenantId, sellerId, operationId));
    }
  }

  /**
   * Runs {@code work} on a duplicate of the current context when that one is shared (a background task on a verticle's
   * context), so the fields it sets stay with it; on a request's own context it runs as it is. No thread hop either way.
   */
  public static <T> Future<T> ownContext(Supplier<Future<T>> work) {
    ContextInternal current = ContextInternal.current();
    if (current == null || current.isDuplicate()) {
      return work.get();
    }
    AtomicReference<Future<T>> started = new AtomicReference<>();
    current.duplicate().dispatch(() -> {
      try {
        started.set(work.get());
      } catch (RuntimeException e) {
        // The context would only report it; the caller gets it as a failure.
        started.set(Future.failedFuture(e));
      }
    });
    return started.get();
  }

  /** The current context's fields; {@link LogFields#NONE} outside a request or a call. */
  static LogFields current() {
    ContextInternal context = ContextInternal.current();
    if (context == null) {
      return LogFields.NONE;
    }
    try {
      LogFields fields = FIELDS.get(context);
      return fields == null ? LogFields.NONE : fields;
    } catch (IllegalArgumentException e) {
      // An instance built before this class was loaded has no slot for the local (only possible if logging started late).
      return LogFields.NONE;
    }
  }

  private static void put(LogFields fields) {
    ContextInternal context = ContextInternal.current();
    if (context != null && context.isDuplicate()) {
      FIELDS.put(context, fields);
    }
  }
}
