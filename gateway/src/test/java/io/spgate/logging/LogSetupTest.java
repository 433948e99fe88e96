package io.spgate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  private static final String QUIET = "io.spgate.logging.quiet";
  private static final String CHATTY = "io.spgate.logging.chatty";

  @AfterEach
  void reset() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(QUIET).setLevel(null);
    context.getLogger(CHATTY).setLevel(null);
  }

  @Test
  void should_set_each_named_packages_level_and_leave_the_others() {
    LogSetup.apply(LogFormat.JSON, Map.of(QUIET, "WARN", CHATTY, "DEBUG"));

    assertThat(LoggerFactory.getLogger(QUIET + ".Inside").isInfoEnabled()).isFalse();
    assertThat(LoggerFactory.getLogger(QUIET + ".Inside").isWarnEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger(CHATTY + ".Inside").isDebugEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.spgate.logging.other").isInfoEnabled()).isTrue();
    assertThat(LoggerFactory.getLogger("io.spgate.logging.other").isDebugEnabled()).isFalse();
  }
}
