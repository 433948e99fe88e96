package io.spgate.store;

import io.spgate.crypto.SecretFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Postgres server the gateway starts itself when no SPGATE_PG_URL is set. Its data directory
 * persists, so tenants and sellers survive restarts. It asks every connection for the superuser's
 * password (SCRAM), generated once and kept owner-only in {@code SPGATE_DATA_DIR/postgres-password}:
 * another user of the machine can reach its port, but not its data. Starting it blocks: call it off
 * the event loop.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  static final String PASSWORD_FILE = "postgres-password";
  private static final String USER = "postgres";
  private static final String AUTH = "scram-sha-256";
  /** The method column of a pg_hba.conf rule that lets anyone in. */
  private static final Pattern TRUST = Pattern.compile("^(\\s*[^#\\s].*\\s)trust(\\s*)$", Pattern.MULTILINE);
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String password;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.password = password;
  }

  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    Path dataDirectory = dataDir.resolve("postgres").toAbsolutePath();
    Path passwordFile = dataDir.resolve(PASSWORD_FILE).toAbsolutePath();
    try {
      boolean initialized = Files.exists(dataDirectory.resolve("postgresql.conf"));
      if (initialized && !Files.exists(passwordFile) && !trusting(dataDirectory)) {
        throw new IllegalStateException("Embedded Postgres in " + dataDirectory + " asks for a password, but " + passwordFile
            + " is missing; restore it, or start from an empty SPGATE_DATA_DIR");
      }
      String password = SecretFiles.readOrCreate(passwordFile, EmbeddedPostgresServer::newPassword);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setConnectConfig("password", password)
          // Options of initdb: a new cluster has the password and asks for it from its first start.
          .setLocaleConfig("pwfile", passwordFile.toString())
          .setLocaleConfig("auth-host", AUTH)
          .setLocaleConfig("auth-local", AUTH);
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      if (trusting(dataDirectory)) {
        requirePassword(postgres, password, dataDirectory);
      }
      return new EmbeddedPostgresServer(postgres, dataDirectory, password);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded Postgres did not start in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Upgrades a cluster made by an earlier spgate, which let every local connection in without a
   * password: sets the password, then asks for it. Done again on the next start if cut short.
   */
  private static void requirePassword(EmbeddedPostgres postgres, String password, Path dataDirectory) throws IOException {
    LOG.info("Embedded Postgres in {} accepted connections without a password; it now asks for one", dataDirectory);
    Path hba = dataDirectory.resolve("pg_hba.conf");
    try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
      // Hashed here, so the password never reaches the server (nor its log) in clear.
      connection.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), AUTH);
      Path draft = Files.createTempFile(dataDirectory, "pg_hba.", ".new",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(draft, TRUST.matcher(Files.readString(hba)).replaceAll("$1" + AUTH + "$2"));
      Files.move(draft, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("could not set the password of embedded Postgres: " + e.getMessage(), e);
    }
  }

  /** Whether the cluster's pg_hba.conf lets some connection in without a password (clusters of earlier spgate versions). */
  static boolean trusting(Path dataDirectory) throws IOException {
    Path hba = dataDirectory.resolve("pg_hba.conf");
    return Files.exists(hba) && TRUST.matcher(Files.readString(hba)).find();
  }

  private static String newPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Where the pool connects, password included (URL-safe, so it needs no escaping): show it only without credentials. */
  public URI url() {
    return URI.create("postgresql://" + USER + ":" + password + "@127.0.0.1:" + postgres.getPort() + "/postgres");
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
