package io.spgate.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Writes the current {@link LogContext}'s fields into a JSON log line: request_id, tenant_id, seller_id, operation,
 * trace_id, span_id, each only when known. It reads the context of the thread that logs, so the appender must encode on
 * that thread (a console appender does; an asynchronous appender in front of it would lose the fields).
 */
public final class RequestFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  @Override
  public void start() {
    LogContext.register();
    super.start();
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    LogFields fields = LogContext.current();
    write(generator, "request_id", fields.requestId());
    write(generator, "tenant_id", fields.tenantId());
    write(generator, "seller_id", fields.sellerId());
    write(generator, "operation", fields.operation());
    write(generator, "trace_id", fields.traceId());
    write(generator, "span_id", fields.spanId());
  }

  private static void write(JsonGenerator generator, String name, Object value) throws IOException {
    if (value != null) {
      generator.writeStringField(name, value.toString());
    }
  }
}
