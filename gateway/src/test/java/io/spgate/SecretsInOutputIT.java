package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Malformed or unusable secret-bearing settings and files stop or degrade the gateway with errors
 * that name the key and the problem; the secret itself appears nowhere in what it prints or logs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecretsInOutputIT {

  private static final String VALID_KEYS = "test1:" + Base64.getEncoder().encodeToString(new byte[32]);

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void restore() {
    root().detachAppender(log);
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void should_name_a_malformed_secret_setting_without_showing_its_value() {
    String sixteenBytes = Base64.getEncoder().encodeToString("Enc-S3cret-16byt".getBytes(StandardCharsets.UTF_8));
    Map<String, List<String>> malformed = Map.of(
        "SPGATE_ADMIN_KEY", List.of("Adm1n-S3cret", "Adm1n-S3cret with spaces that is long enough for a key"),
        "SPGATE_ENCRYPTION_KEYS", List.of("k1:Enc-S3cret-not-base64!", "k1:" + sixteenBytes, "k1:" + sixteenBytes + "AAAA,k1",
            VALID_KEYS.replace("test1", "Enc-S3cret-id-far-too-long-for-a-key-id")),
        "SPGATE_PG_URL", List.of("mysql://spgate:Pg-S3cret@db/x", "postgresql://spgate:Pg S3cret@db/x",
            "postgresql://spgate:Pg-S3cret@/x", "postgresql://spgate@db/x?password=Pg-S3cret&ssl",
            "postgresql://spgate:Pg-S3cret@db:99999/x"),
        "SPGATE_REDIS_URL", List.of("http://:Redis-S3cret@cache:6379", "redis://:Redis S3cret@cache", "redis://:Redis-S3cret@"),
        "SPGATE_LWA_URL", List.of("ftp://lwa:Lwa-S3cret@api.amazon.com/auth/o2/token"));

    malformed.forEach((key, values) -> values.forEach(value -> {
      int exit = Main.run(new String[] {"serve"}, Map.of(key, value));

      assertThat(exit).as(value).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(value).contains("configuration error: " + key);
    }));
    assertNoneShown("S3cret", sixteenBytes);
  }

  @Test
  void should_name_a_broken_key_file_without_showing_its_content() throws IOException {
    Path keyFile = dir.resolve("encryption-keys");
    Files.writeString(keyFile, "local1:Key-File-S3cret\n");

    int exit = Main.run(new String[] {"serve"}, Map.of("SPGATE_DATA_DIR", dir.toString(), "SPGATE_PORT", "0",
        "SPGATE_MANAGEMENT_PORT", "0"));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("configuration error: " + keyFile + " has a key that is not base64");
    assertNoneShown("Key-File-S3cret");
  }

  @Test
  void should_name_a_broken_applications_file_without_showing_its_content() throws IOException {
    String entry = "{\"id\":\"main\",\"applicationId\":\"amzn1.sp.solution.x\",\"clientId\":\"amzn1.application-oa2-client.x\","
        + "\"clientSecret\":\"App-S3cret-1\"";
    Map<String, String> files = Map.of(
        "truncated", "[" + entry,
        "object", entry + "}",
        "no client id", "[{\"id\":\"main\",\"applicationId\":\"x\",\"clientSecret\":\"App-S3cret-2\"}]",
        "bad aws", "[" + entry + ",\"aws\":{\"accessKeyId\":\"AKIA-S3cret\",\"secretAccessKey\":\"\"}}]",
        "bad rates", "[" + entry + ",\"rates\":{\"getOrders\":\"App-S3cret-3\"}}]");

    files.forEach((name, content) -> {
      Path file = dir.resolve(name.replace(' ', '-') + ".json");
      try {
        Files.writeString(file, content);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      int exit = Main.run(new String[] {"serve"}, Map.of("SPGATE_APPLICATIONS_FILE", file.toString(),
          "SPGATE_PG_URL", "postgresql://postgres@127.0.0.1:1/none", "SPGATE_ENCRYPTION_KEYS", VALID_KEYS,
          "SPGATE_PORT", "0", "SPGATE_MANAGEMENT_PORT", "0"));

      assertThat(exit).as(name).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(name).contains("configuration error: SPGATE_APPLICATIONS_FILE='" + file);
    });
    assertNoneShown("S3cret");
  }

  @Test
  void should_not_show_the_password_of_a_postgres_it_cannot_reach() {
    int exit = Main.run(new String[] {"serve"}, Map.of("SPGATE_PG_URL", "postgresql://spgate:Pg-Unreached-S3cret@127.0.0.1:1/spgate",
        "SPGATE_ENCRYPTION_KEYS", VALID_KEYS, "SPGATE_PORT", "0", "SPGATE_MANAGEMENT_PORT", "0"));

    assertThat(exit).isEqualTo(1);
    assertThat(logged()).contains("spgate did not start").contains("postgresql://spgate@127.0.0.1:1/spgate");
    assertNoneShown("Pg-Unreached-S3cret");
  }

  @Test
  void should_not_show_the_admin_key_or_the_password_of_a_redis_it_cannot_use() {
    String adminKey = "spg_Adm1n-S3cret-0123456789abcdefghijklmnop";
    try (TestPostgres postgres = TestPostgres.create()) {
      for (String redis : List.of("redis://:Redis-Unreached-S3cret@127.0.0.1:1", "redis://spgate:Redis-Refused-S3cret@127.0.0.1:6379")) {
        Map<String, String> settings = new HashMap<>(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_REDIS_URL", redis,
            "SPGATE_ADMIN_KEY", adminKey));
        try (TestGateway gw = TestGateway.start(settings)) {
          assertThat(await(gw.client.get("/health/ready").send()).bodyAsJsonObject().getJsonObject("checks").getString("redis"))
              .isEqualTo("DEGRADED");
          assertThat(await(gw.client.get("/v1/me").putHeader("Authorization", "Bearer " + adminKey).send()).statusCode())
              .isEqualTo(200);
        }
      }
    }
    assertThat(logged()).contains("Redis at 127.0.0.1:1", "Redis at 127.0.0.1:6379");
    // The console wrote the same lines as JSON (SPGATE_LOG_FORMAT's default), which assertNoneShown reads too.
    assertThat(consoleJson()).anySatisfy(line -> assertThat(line.getString("message")).contains("Redis at 127.0.0.1:1"));
    assertNoneShown("S3cret");
  }

  /** The JSON lines the console wrote to standard output. */
  private List<JsonObject> consoleJson() {
    return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{\"time\"")).map(JsonObject::new).toList();
  }

  private void assertNoneShown(String... secrets) {
    String everything = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8) + logged();
    for (String secret : secrets) {
      assertThat(everything).as("output").doesNotContain(secret);
    }
  }

  /** Every log line, with its exceptions' messages and stack traces, as the console would show them. */
  private String logged() {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent event : List.copyOf(log.list)) {
      all.append(event.getFormattedMessage()).append('\n');
      if (event.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
    }
    return all.toString();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
