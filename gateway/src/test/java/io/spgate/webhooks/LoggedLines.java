package io.spgate.webhooks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Every line logged in this JVM, at any level the configuration lets through, while it listens. */
final class LoggedLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  static LoggedLines capture() {
    LoggedLines lines = new LoggedLines();
    lines.setContext(lines.root.getLoggerContext());
    lines.start();
    lines.root.addAppender(lines);
    return lines;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(event.getLoggerName() + ": " + event.getFormattedMessage()
        + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
