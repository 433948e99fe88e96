package io.spgate.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;

/** The one Postgres pool every feature shares. */
public final class Database {

  private Database() {}

  public static Pool pool(Vertx vertx, URI url, int maxSize) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url.toString())
        .setCachePreparedStatements(true)
        .setReconnectAttempts(0);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setName("spgate").setShared(false))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /** Where a URL points, without its password: safe to log. */
  public static String describe(URI url) {
    return url.getScheme() + "://" + (url.getUserInfo() == null ? "" : url.getUserInfo().replaceAll(":.*", "") + "@")
        + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + url.getPath();
  }
}
