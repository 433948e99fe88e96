package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {

  @TempDir
  Path temp;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void should_start_embedded_postgres_and_keep_its_data_between_runs() {
    Map<String, String> settings = Map.of("SPGATE_DATA_DIR", temp.toString());
    String adminKey;
    try (TestGateway first = TestGateway.start(settings)) {
      Matcher shown = Pattern.compile("(spg_[A-Za-z0-9_-]{43})").matcher(first.shownOnce());
      assertThat(shown.find()).as(first.shownOnce()).isTrue();
      adminKey = shown.group(1);
      assertThat(await(first.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> created = await(first.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + adminKey)
          .sendJsonObject(new JsonObject().put("name", "Persisted")));
      assertThat(created.statusCode()).isEqualTo(201);
    }
    assertThat(Files.exists(temp.resolve("postgres").resolve("PG_VERSION"))).isTrue();

    try (TestGateway second = TestGateway.start(settings)) {
      assertThat(second.shownOnce()).doesNotContain("spg_");
      HttpResponse<Buffer> tenants = await(second.client.get("/v1/tenants").putHeader("Authorization", "Bearer " + adminKey).send());
      assertThat(tenants.statusCode()).isEqualTo(200);
      assertThat(tenants.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("name")).isEqualTo("Persisted");
    }
  }

  @Test
  void should_ask_for_a_password_made_owner_only_with_the_key_file_from_the_start() throws IOException {
    Path dataDir = temp.resolve("fresh");
    int port = freePort();
    // No SPGATE_ENCRYPTION_KEYS: the embedded default makes its key file too.
    try (TestGateway gw = TestGateway.start(Map.of("SPGATE_DATA_DIR", dataDir.toString(), "SPGATE_EMBEDDED_PG_PORT",
        String.valueOf(port), "SPGATE_ENCRYPTION_KEYS", ""))) {
      assertThat(await(gw.client.get("/health/ready").send()).statusCode()).isEqualTo(200);

      assertThat(permissions(dataDir)).isEqualTo("rwx------");
      assertThat(permissions(dataDir.resolve("encryption-keys"))).isEqualTo("rw-------");
      assertThat(permissions(dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE))).isEqualTo("rw-------");
      assertAsksForPassword(port, Files.readString(dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim());
      assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf"))).doesNotContainPattern("(?m)^[^#].*\\btrust\\s*$");
    }
  }

  @Test
  void should_ask_for_a_password_once_an_earlier_data_directory_that_trusted_every_connection_starts() throws Exception {
    int port = freePort();
    // The cluster an earlier spgate made: initdb's trust for every local connection, and no password file.
    try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(temp.resolve("postgres")).setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "127.0.0.1").setPort(port).start();
        Connection connection = earlier.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("CREATE TABLE kept (name text); INSERT INTO kept VALUES ('from before')");
    }
    assertThat(EmbeddedPostgresServer.trusting(temp.resolve("postgres"))).isTrue();

    Map<String, String> settings = Map.of("SPGATE_DATA_DIR", temp.toString(), "SPGATE_EMBEDDED_PG_PORT", String.valueOf(port));
    for (int start = 0; start < 2; start++) {
      try (TestGateway gw = TestGateway.start(settings)) {
        assertThat(await(gw.client.get("/health/ready").send()).statusCode()).isEqualTo(200);
        String password = Files.readString(temp.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).trim();

        assertThat(permissions(temp.resolve(EmbeddedPostgresServer.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(EmbeddedPostgresServer.trusting(temp.resolve("postgres"))).isFalse();
        assertAsksForPassword(port, password);
        PgConnection owner = await(PgConnection.connect(vertx, options(port).setPassword(password)));
        assertThat(await(owner.query("SELECT name FROM kept").execute()).iterator().next().getString(0)).isEqualTo("from before");
        await(owner.close());
      }
    }
  }

  /** Connections without the password, or with a wrong one, are refused; with it, let in. */
  private void assertAsksForPassword(int port, String password) {
    for (Optional<String> wrong : java.util.List.of(Optional.<String>empty(), Optional.of("not-" + password))) {
      PgConnectOptions options = options(port);
      wrong.ifPresent(options::setPassword);
      Throwable refused = await(PgConnection.connect(vertx, options).transform(done -> Future.succeededFuture(done.cause())));
      assertThat(refused).as("connecting with password %s", wrong.map(w -> "wrong").orElse("none")).isNotNull();
      wrong.ifPresent(w -> assertThat(refused).isInstanceOf(PgException.class)
          .satisfies(e -> assertThat(((PgException) e).getSqlState()).isEqualTo("28P01")));
    }
    await(await(PgConnection.connect(vertx, options(port).setPassword(password))).close());
  }

  private static PgConnectOptions options(int port) {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setUser("postgres").setDatabase("postgres");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
