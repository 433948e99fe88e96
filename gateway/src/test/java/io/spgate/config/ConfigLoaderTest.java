package io.spgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  @Test
  void should_use_documented_defaults_when_nothing_is_set() {
    GatewayConfig config = ConfigLoader.load(null, Map.of());

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.bodyLimitBytes()).isEqualTo(1024 * 1024);
    assertThat(config.embeddedPostgres()).isTrue();
    assertThat(config.redisUrl()).isEmpty();
    assertThat(config.adminKey()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of(".spgate"));
    for (Setting<?> setting : GatewayConfig.SETTINGS) {
      assertThat(setting.description()).as(setting.key()).isNotBlank();
      assertThat(setting.expected()).as(setting.key()).isNotBlank();
    }
  }

  @Test
  void should_let_environment_override_the_file() throws IOException {
    Path file = dir.resolve("spgate.properties");
    Files.writeString(file, "SPGATE_PORT=9000\nSPGATE_PG_POOL_SIZE=4\nSPGATE_BODY_LIMIT=512KiB\n");

    GatewayConfig config = ConfigLoader.load(file, Map.of("SPGATE_PORT", "9100", "HOME", "/root"));

    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.pgPoolSize()).isEqualTo(4);
    assertThat(config.bodyLimitBytes()).isEqualTo(512 * 1024);
  }

  @Test
  void should_name_key_problem_and_expected_form_for_a_bad_port() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SPGATE_PORT='eighty' is not a whole number; expected a port number 0-65535 (0 picks a free port)");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PORT", "70000")))
        .hasMessageStartingWith("SPGATE_PORT='70000' is out of range; expected");
  }

  @Test
  void should_reject_urls_of_the_wrong_scheme_or_without_host() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PG_URL", "mysql://db/x")))
        .hasMessageStartingWith("SPGATE_PG_URL='mysql://db/x' has an unsupported scheme; expected a URL postgresql://");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis:///0")))
        .hasMessageStartingWith("SPGATE_REDIS_URL='redis:///0' has no host; expected");
    assertThat(ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis://127.0.0.1:6379/2")).redisUrl()).isPresent();
  }

  @Test
  void should_reject_bad_sizes_and_counts() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_BODY_LIMIT", "10 parsecs")))
        .hasMessageStartingWith("SPGATE_BODY_LIMIT='10 parsecs' is not a size; expected a size such as");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_BODY_LIMIT", "1GiB")))
        .hasMessageContaining("is out of range");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_HTTP_INSTANCES", "0")))
        .hasMessageStartingWith("SPGATE_HTTP_INSTANCES='0' is out of range; expected a whole number 1-64");
  }

  @Test
  void should_never_echo_a_rejected_secret() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_ADMIN_KEY", "short-secret")))
        .hasMessage("SPGATE_ADMIN_KEY='<redacted>' is too short; expected at least 32 printable characters without spaces, or empty")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
  }

  @Test
  void should_reject_unknown_keys_in_the_file_and_report_unknown_environment_keys() throws IOException {
    Path file = dir.resolve("typo.properties");
    Files.writeString(file, "SPGATE_PROT=9000\n");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageStartingWith("SPGATE_PROT in " + file + " is not a known setting; expected one of SPGATE_ADMIN_KEY");
    assertThat(ConfigLoader.unknownKeys(Map.of("SPGATE_PROT", "1", "SPGATE_PORT", "2", "PATH", "/bin")))
        .containsExactly("SPGATE_PROT");
  }

  @Test
  void should_say_when_the_config_file_is_missing() {
    Path missing = dir.resolve("absent.properties");
    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
        .hasMessage("SPGATE_CONFIG='" + missing + "' does not exist; expected a readable properties file");
  }
}
