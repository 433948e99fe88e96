package io.spgate.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Postgres server the gateway starts itself when no SPGATE_PG_URL is set. Its data directory
 * persists, so tenants and sellers survive restarts. Starting it blocks: call it off the event loop.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    Path dataDirectory = dataDir.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(dataDirectory.getParent());
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1");
      if (port > 0) {
        builder.setPort(port);
      }
      return new EmbeddedPostgresServer(builder.start(), dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded Postgres did not start in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  public URI url() {
    return URI.create("postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres");
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
