package io.spgate;

import static io.spgate.TestPostgres.await;

import io.spgate.store.Database;
import io.spgate.store.Migrations;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/** A fresh database with every migration applied and a pool on it, for tests of stores that need no gateway. */
public final class MigratedDatabase implements AutoCloseable {

  public final Vertx vertx = Vertx.vertx();
  public final Pool pool;
  private final TestPostgres postgres;

  public MigratedDatabase() {
    postgres = TestPostgres.create();
    pool = Database.pool(vertx, postgres.url(), 4, Duration.ofSeconds(30));
    await(Migrations.bundled().apply(pool));
  }

  @Override
  public void close() {
    await(pool.close());
    postgres.close();
    await(vertx.close());
  }
}
