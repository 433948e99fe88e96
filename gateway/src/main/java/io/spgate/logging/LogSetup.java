package io.spgate.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies SPGATE_LOG_FORMAT and SPGATE_LOG_LEVELS at start to what logback.xml set up: its console appender writes JSON
 * (the encoder is declared there); text swaps in a pattern encoder with the same fields. Levels are set per logger name.
 */
public final class LogSetup {

  /** The console appender's name in logback.xml. */
  static final String CONSOLE = "CONSOLE";
  static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20}%request - %msg%n";
  /** Where the console's JSON encoder is kept while text replaces it, in the logger context it belongs to. */
  private static final String JSON_ENCODER = LogSetup.class.getName() + ".json";

  private LogSetup() {}

  /** {@code levels}: logger name ({@code root} for the root logger) to level name, as SPGATE_LOG_LEVELS gave them. */
  @SuppressWarnings("unchecked")
  public static void apply(LogFormat format, Map<String, String> levels) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    levels.forEach((name, level) -> context.getLogger(name.equals("root") ? Logger.ROOT_LOGGER_NAME : name)
        .setLevel(Level.toLevel(level)));
    if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE) instanceof OutputStreamAppender<ILoggingEvent> console) {
      Encoder<ILoggingEvent> json = (Encoder<ILoggingEvent>) context.getObject(JSON_ENCODER);
      if (json == null) {
        json = console.getEncoder();
        context.putObject(JSON_ENCODER, json);
      }
      Encoder<ILoggingEvent> wanted = format == LogFormat.TEXT ? textEncoder(context) : json;
      console.stop();
      console.setEncoder(wanted);
      console.start();
    }
  }

  /** The text format: time, level, logger, the request's fields ({@link RequestFieldsConverter}), message. */
  static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("request", RequestFieldsConverter::new);
    layout.setPattern(TEXT_PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }
}
