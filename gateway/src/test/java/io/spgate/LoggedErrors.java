package io.spgate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Every event logged at ERROR in this JVM (gateway, simulator, Vert.x) while it listens; closing it stops listening. */
public final class LoggedErrors extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Queue<String> logged = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private LoggedErrors() {}

  public static LoggedErrors capture() {
    LoggedErrors errors = new LoggedErrors();
    errors.setContext(errors.root.getLoggerContext());
    errors.start();
    errors.root.addAppender(errors);
    return errors;
  }

  /** Each error as "logger: message (exception: its message)". */
  public List<String> logged() {
    return List.copyOf(logged);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      logged.add(event.getLoggerName() + ": " + event.getFormattedMessage()
          + Optional.ofNullable(event.getThrowableProxy()).map(t -> " (" + t.getClassName() + ": " + t.getMessage() + ")").orElse(""));
    }
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
