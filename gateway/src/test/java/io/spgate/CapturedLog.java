package io.spgate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Log lines exactly as the console writes them: its own encoder (logback.xml's JSON, or what SPGATE_LOG_FORMAT put
 * in its place), run on the thread that logs, as the console runs it.
 */
public final class CapturedLog implements AutoCloseable {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root;

  @SuppressWarnings("unchecked")
  public CapturedLog() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    appender.setContext(context);
    appender.setName("captured");
    appender.setEncoder(((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE")).getEncoder());
    appender.setOutputStream(bytes);
    appender.start();
    root.addAppender(appender);
  }

  /** Every line so far, as written. */
  public List<String> text() {
    return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\n")).filter(line -> !line.isEmpty()).toList();
  }

  /** Every line so far, each parsed as the JSON object it must be. */
  public List<JsonObject> json() {
    return text().stream().map(JsonObject::new).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
