package io.spgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStderr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(originalErr);
  }

  @Test
  void should_stop_with_one_line_naming_the_bad_setting() {
    int exit = Main.run(new String[] {"serve"}, Map.of("SPGATE_PG_POOL_SIZE", "-3"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
        "spgate: configuration error: SPGATE_PG_POOL_SIZE='-3' is out of range; expected a whole number 1-500" + System.lineSeparator());
  }

  @Test
  void should_refuse_a_log_level_that_does_not_exist_before_starting() {
    int exit = Main.run(new String[] {"serve"}, Map.of("SPGATE_LOG_LEVELS", "io.spgate.quota=verbose"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("spgate: configuration error: SPGATE_LOG_LEVELS='io.spgate.quota=verbose' "
        + "names a level other than trace, debug, info, warn, error, off");
  }

  @Test
  void should_refuse_unknown_commands() {
    assertThat(Main.run(new String[] {"serv"}, Map.of())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("spgate: unknown argument 'serv'; usage: spgate [serve|migrate|rotate-keys]");
  }
}
