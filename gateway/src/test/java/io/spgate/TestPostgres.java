package io.spgate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway database on the real Postgres at 127.0.0.1:5432 (SPGATE_TEST_PG overrides), so each
 * test class starts from an empty schema and leaves nothing behind.
 */
public final class TestPostgres implements AutoCloseable {

  private static final String SERVER = System.getenv().getOrDefault("SPGATE_TEST_PG", "postgresql://postgres@127.0.0.1:5432");

  private final Vertx vertx;
  private final Pool admin;
  private final String database;

  private TestPostgres(Vertx vertx, Pool admin, String database) {
    this.vertx = vertx;
    this.admin = admin;
    this.database = database;
  }

  public static TestPostgres create() {
    Vertx vertx = Vertx.vertx();
    Pool admin = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(PgConnectOptions.fromUri(SERVER + "/postgres")).using(vertx).build();
    String database = "spgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    await(admin.query("CREATE DATABASE " + database).execute());
    return new TestPostgres(vertx, admin, database);
  }

  public URI url() {
    return URI.create(SERVER + "/" + database);
  }

  /** A pool on the test database for assertions straight against the tables. */
  public Pool pool(Vertx on, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size))
        .connectingTo(PgConnectOptions.fromUri(url().toString())).using(on).build();
  }

  @Override
  public void close() {
    await(admin.query("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").execute());
    await(admin.close());
    await(vertx.close());
  }

  /** Waits on a test thread (never an event loop) for a future, failing the test after 60 s. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
