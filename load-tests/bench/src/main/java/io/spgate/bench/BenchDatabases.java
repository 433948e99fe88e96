package io.spgate.bench;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Throwaway databases on one Postgres server for a bench run: each gateway starts on a fresh one, and all are dropped at the end. */
final class BenchDatabases implements AutoCloseable {

  private final String server;
  private final Pool admin;
  private final List<String> created = new ArrayList<>();

  /** @param server a Postgres URL without a database, such as postgresql://postgres@127.0.0.1:5432 */
  BenchDatabases(Vertx vertx, String server) {
    this.server = server;
    this.admin = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(PgConnectOptions.fromUri(server + "/postgres"))
        .using(vertx).build();
  }

  /** Creates an empty database; answers its URL (SPGATE_PG_URL). */
  String create() {
    String database = "spgate_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    TokensBench.await(admin.query("CREATE DATABASE " + database).execute());
    created.add(database);
    return server + "/" + database;
  }

  @Override
  public void close() {
    for (String database : created) {
      TokensBench.await(admin.query("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)").execute());
    }
    TokensBench.await(admin.close());
  }
}
