package io.spgate.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ordered SQL files under {@code db/migration} ({@code V<n>__<name>.sql}) once each,
 * recording them in {@code schema_migrations}. One transaction under an advisory lock, so two
 * instances starting together apply each file exactly once and a failed file leaves nothing behind.
 */
public final class Migrations {

  /** Arbitrary but fixed: every spgate instance must use the same advisory lock key. */
  public static final long LOCK_KEY = 0x5367617465L;
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
  private static final String FOLDER = "db/migration";

  private final List<Migration> migrations;

  public record Migration(int version, String name, String sql, String checksum) {}

  private Migrations(List<Migration> migrations) {
    this.migrations = migrations;
  }

  /** Reads the migrations bundled with the gateway (blocking class-path I/O: call at start). */
  public static Migrations bundled() {
    return new Migrations(load(FOLDER));
  }

  /** The first of these migrations, up to a version: what an older gateway applied (tests of an upgrade). */
  public Migrations upTo(int version) {
    return new Migrations(migrations.stream().filter(m -> m.version() <= version).toList());
  }

  public List<Migration> all() {
    return migrations;
  }

  /** Applies what is missing; answers the migrations this call applied. */
  public Future<List<Migration>> apply(Pool pool) {
    // Exempt from SPGATE_PG_STATEMENT_TIMEOUT: another instance may hold the lock while it migrates, and a migration may take long.
    return pool.withTransaction(conn -> conn.query("SET LOCAL statement_timeout = 0").execute()
        .compose(unlimited -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute())
        .compose(locked -> conn.query("SET LOCAL client_min_messages = warning").execute())
        .compose(quiet -> conn.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
              version    integer PRIMARY KEY,
              name       text NOT NULL,
              checksum   text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now())""").execute())
        .compose(created -> conn.query("SELECT version, name, checksum FROM schema_migrations").execute())
        .compose(rows -> {
          Map<Integer, Row> applied = new java.util.HashMap<>();
          rows.forEach(row -> applied.put(row.getInteger("version"), row));
          List<Migration> pending = new ArrayList<>();
          for (Migration m : migrations) {
            Row done = applied.get(m.version());
            if (done == null) {
              pending.add(m);
            } else if (!done.getString("checksum").equals(m.checksum())) {
              return Future.failedFuture(new IllegalStateException("Migration V" + m.version() + "__" + m.name()
                  + " was changed after it was applied (checksum differs); add a new migration instead"));
            }
          }
          return applyInOrder(conn, pending);
        }));
  }

  private Future<List<Migration>> applyInOrder(SqlConnection conn, List<Migration> pending) {
    Future<Void> chain = Future.succeededFuture();
    for (Migration m : pending) {
      chain = chain
          .compose(v -> conn.query(m.sql()).execute())
          .compose(v -> conn.preparedQuery("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)")
              .execute(Tuple.of(m.version(), m.name(), m.checksum())))
          .recover(e -> Future.failedFuture(new IllegalStateException(
              "Migration V" + m.version() + "__" + m.name() + " failed: " + e.getMessage(), e)))
          .map(v -> {
            LOG.info("Applied migration V{}__{}", m.version(), m.name());
            return null;
          });
    }
    return chain.map(v -> pending);
  }

  static List<Migration> load(String folder) {
    List<String> names = list(folder);
    List<Migration> loaded = new ArrayList<>();
    for (String fileName : names) {
      Matcher m = FILE.matcher(fileName);
      if (!m.matches()) {
        throw new IllegalStateException(folder + "/" + fileName + " is not named V<number>__<name>.sql");
      }
      String sql = read(folder + "/" + fileName);
      loaded.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql)));
    }
    loaded.sort(java.util.Comparator.comparingInt(Migration::version));
    Map<Integer, Long> counts = loaded.stream().collect(Collectors.groupingBy(Migration::version, Collectors.counting()));
    counts.forEach((version, count) -> {
      if (count > 1) {
        throw new IllegalStateException("Two migrations share version " + version);
      }
    });
    return List.copyOf(loaded);
  }

  /** File names in a class-path folder, whether it is a directory (IDE, tests) or inside a jar. */
  private static List<String> list(String folder) {
    URL url = Migrations.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new IllegalStateException("No " + folder + " on the class path");
    }
    try {
      if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          String prefix = folder + "/";
          return jar.stream().map(e -> e.getName())
              .filter(n -> n.startsWith(prefix) && n.length() > prefix.length() && !n.endsWith("/"))
              .map(n -> n.substring(prefix.length()))
              .toList();
        }
      }
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        return files.map(p -> p.getFileName().toString()).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
