package io.spgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
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
    assertThat(config.redisUrls()).isEmpty();
    assertThat(config.adminKey()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of(".spgate"));
    assertThat(config.managementPort()).isEqualTo(9464);
    assertThat(config.pgStatementTimeout()).isEqualTo(Duration.ofSeconds(30));
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
    assertThat(ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis://127.0.0.1:6379/2")).redisUrls()).hasSize(1);
    assertThat(ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis://10.0.0.1:7000, redis://10.0.0.2:7000,")).redisUrls())
        .extracting(java.net.URI::toString).containsExactly("redis://10.0.0.1:7000", "redis://10.0.0.2:7000");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis://:S3cret@10.0.0.1:7000,http://10.0.0.2:7000")))
        .hasMessageStartingWith("SPGATE_REDIS_URL='redis://10.0.0.1:7000,http://10.0.0.2:7000' has an unsupported scheme");
  }

  @Test
  void should_read_log_and_trace_settings_and_name_the_setting_a_bad_value_breaks() {
    GatewayConfig defaults = ConfigLoader.load(null, Map.of());
    assertThat(defaults.logFormat()).isEqualTo(io.spgate.logging.LogFormat.JSON);
    assertThat(defaults.logLevels()).isEmpty();
    assertThat(defaults.otlpEndpoint()).isEmpty();

    GatewayConfig set = ConfigLoader.load(null, Map.of("SPGATE_LOG_FORMAT", "Text", "SPGATE_LOG_LEVELS",
        " io.spgate.quota=debug, io.netty=WARN,root=error ", "SPGATE_OTLP_ENDPOINT", "http://collector:4318",
        "SPGATE_TRACE_SAMPLE_RATIO", "0.25"));
    assertThat(set.logFormat()).isEqualTo(io.spgate.logging.LogFormat.TEXT);
    assertThat(set.logLevels()).containsExactly(Map.entry("io.spgate.quota", "DEBUG"), Map.entry("io.netty", "WARN"),
        Map.entry("root", "ERROR"));
    assertThat(set.otlpEndpoint()).contains(java.net.URI.create("http://collector:4318"));
    assertThat(set.traceSampleRatio()).isEqualTo(0.25);

    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_LOG_FORMAT", "xml")))
        .hasMessageStartingWith("SPGATE_LOG_FORMAT='xml' is neither json nor text; expected json or text");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_LOG_LEVELS", "io.spgate.quota=loud")))
        .hasMessageStartingWith("SPGATE_LOG_LEVELS='io.spgate.quota=loud' names a level other than");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_LOG_LEVELS", "io.spgate.quota")))
        .hasMessageStartingWith("SPGATE_LOG_LEVELS='io.spgate.quota' has an entry that is not logger=level");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_LOG_LEVELS", "io..spgate=info")))
        .hasMessageStartingWith("SPGATE_LOG_LEVELS='io..spgate=info' has an entry that is not logger=level");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_OTLP_ENDPOINT", "grpc://collector:4317")))
        .hasMessageStartingWith("SPGATE_OTLP_ENDPOINT='grpc://collector:4317' has an unsupported scheme");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_TRACE_SAMPLE_RATIO", "2")))
        .hasMessageStartingWith("SPGATE_TRACE_SAMPLE_RATIO='2' is out of range");
  }

  @Test
  void should_keep_a_tenants_calls_in_flight_below_the_sp_api_pool() {
    GatewayConfig config = ConfigLoader.load(null, Map.of("SPGATE_SPAPI_CONNECTIONS", "8", "SPGATE_TENANT_MAX_CONCURRENT", "7"));

    assertThat(config.tenantMaxConcurrent()).isEqualTo(7);
    assertThat(ConfigLoader.load(null, Map.of()).tenantMaxConcurrent()).isEqualTo(32);
    assertThat(ConfigLoader.load(null, Map.of("SPGATE_SPAPI_CONNECTIONS", "8")).tenantMaxConcurrent()).isEqualTo(7);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_SPAPI_CONNECTIONS", "8", "SPGATE_TENANT_MAX_CONCURRENT", "8")))
        .hasMessageStartingWith("SPGATE_TENANT_MAX_CONCURRENT='8' is not below SPGATE_SPAPI_CONNECTIONS (8)");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_TENANT_RATE", "fast")))
        .hasMessageStartingWith("SPGATE_TENANT_RATE='fast' is not a rate and a burst");
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
  void should_name_the_key_and_the_problem_but_never_echo_encryption_keys() {
    String notBase64 = "k1:N0t-Base64-Key-Material!";
    String tooShort = "k1:" + Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_ENCRYPTION_KEYS", notBase64)))
        .hasMessageStartingWith("SPGATE_ENCRYPTION_KEYS='<redacted>' has a key that is not base64; expected id:base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("N0t-Base64"));
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_ENCRYPTION_KEYS", tooShort)))
        .hasMessageStartingWith("SPGATE_ENCRYPTION_KEYS='<redacted>' has a key that is not 32 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooShort.substring(3)));
  }

  @Test
  void should_show_urls_in_errors_without_their_passwords() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PG_URL", "mysql://spgate:Pg-S3cret@db:3306/x")))
        .hasMessage("SPGATE_PG_URL='mysql://spgate@db:3306/x' has an unsupported scheme; expected "
            + GatewayConfig.PG_URL.expected());
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PG_URL", "postgresql://spgate:Pg-S3cret@db/x?password=Pg-S3cret&ssl")))
        .hasMessageStartingWith("SPGATE_PG_URL='postgresql://spgate@db/x' is not a Postgres connection URL; expected");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PG_URL", "postgresql://spgate:Pg S3cret@db/x")))
        .hasMessageStartingWith("SPGATE_PG_URL='<redacted>' is not a URL; expected");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_REDIS_URL", "redis://:Redis-S3cret@")))
        .hasMessageStartingWith("SPGATE_REDIS_URL='<redacted>' has no host; expected");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_LWA_URL", "ftp://lwa:Lwa-S3cret@api.amazon.com/auth")))
        .hasMessageStartingWith("SPGATE_LWA_URL='ftp://lwa@api.amazon.com/auth' has an unsupported scheme");
  }

  @Test
  void should_hide_every_secret_setting_whole_and_every_url_setting_without_credentials() {
    for (Setting<?> setting : java.util.List.of(GatewayConfig.ADMIN_KEY, GatewayConfig.ENCRYPTION_KEYS)) {
      assertThat(setting.shown("k1:anything")).as(setting.key()).isEqualTo("<redacted>");
    }
    for (Setting<?> setting : java.util.List.of(GatewayConfig.PG_URL, GatewayConfig.REDIS_URL, GatewayConfig.LWA_URL,
        GatewayConfig.SPAPI_ENDPOINT, GatewayConfig.SELLER_CENTRAL_URL, GatewayConfig.PUBLIC_URL)) {
      assertThat(setting.shown("https://user:S3cret@host:1/p?token=S3cret")).as(setting.key()).isEqualTo("https://user@host:1/p");
    }
    assertThat(GatewayConfig.PORT.shown("8080")).isEqualTo("8080");
  }

  @Test
  void should_refuse_the_api_port_as_management_port() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SPGATE_PORT", "9000", "SPGATE_MANAGEMENT_PORT", "9000")))
        .hasMessage("SPGATE_MANAGEMENT_PORT='9000' is SPGATE_PORT too; expected " + GatewayConfig.MANAGEMENT_PORT.expected());
    assertThat(ConfigLoader.load(null, Map.of("SPGATE_PORT", "0", "SPGATE_MANAGEMENT_PORT", "0")).managementPort()).isZero();
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
