package io.spgate.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %request} in a text pattern: the current {@link LogContext}'s known fields as {@code [req=… tenant=… seller=…
 * op=… trace=…]}, or nothing outside a request. Like the JSON provider, it reads the logging thread's context.
 */
public final class RequestFieldsConverter extends ClassicConverter {

  @Override
  public void start() {
    LogContext.register();
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    LogFields fields = LogContext.current();
    if (fields == LogFields.NONE) {
      return "";
    }
    StringBuilder out = new StringBuilder(" [");
    append(out, "req", fields.requestId());
    append(out, "tenant", fields.tenantId());
    append(out, "seller", fields.sellerId());
    append(out, "op", fields.operation());
    append(out, "trace", fields.traceId());
    if (out.length() == 2) {
      return "";
    }
    out.setCharAt(out.length() - 1, ']');
    return out.toString();
  }

  private static void append(StringBuilder out, String name, Object value) {
    if (value != null) {
      out.append(name).append('=').append(value).append(' ');
    }
  }
}
