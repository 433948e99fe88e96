package io.spgate.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes a server's connections that carry no request for longer than the idle timeout: kept-alive
 * connections a client never closes, and connections that never send a whole request. A request
 * the gateway is still working on keeps its connection however long it stays silent (a quota wait,
 * a slow answer from Amazon), which Vert.x's own idle timeout would cut. One per server instance,
 * made in its verticle: that instance's event loop runs every method, so nothing here is shared
 * between threads.
 */
public final class IdleConnections {

  private final long timeoutNanos;
  private final Map<HttpConnection, Tracked> connections = new HashMap<>();

  /** One connection: its last request's answer (HTTP/1.1 serves one request at a time), and since when it owes none. */
  private static final class Tracked {
    HttpServerResponse last;
    boolean idle;
    long idleSince;

    /** Whether the connection has owed no answer for {@code timeoutNanos}; checked often, so never later than one check past it. */
    boolean idleFor(long timeoutNanos, long now) {
      if (last != null && !last.ended() && !last.closed()) {
        idle = false;
        return false;
      }
      if (!idle) {
        idle = true;
        idleSince = now;
      }
      return now - idleSince >= timeoutNanos;
    }
  }

  private IdleConnections(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /**
   * An HTTP/1.1 server whose requests go to {@code requests} and whose idle connections are closed.
   * Without h2c, whose upgrade check holds a connection back until a whole request head came, each
   * connection is seen from its first byte; callers and load balancers speak HTTP/1.1 to the gateway.
   */
  public static HttpServer server(Vertx vertx, HttpServerOptions options, Duration timeout, Handler<HttpServerRequest> requests) {
    IdleConnections watch = new IdleConnections(timeout);
    vertx.setPeriodic(Math.max(10, Math.min(1_000, timeout.toMillis() / 4)), id -> watch.closeIdle(System.nanoTime()));
    return vertx.createHttpServer(new HttpServerOptions(options).setHttp2ClearTextEnabled(false))
        .connectionHandler(watch::opened)
        .requestHandler(request -> {
          Tracked tracked = watch.connections.get(request.connection());
          if (tracked != null) {
            tracked.last = request.response();
            tracked.idle = false;
          }
          requests.handle(request);
        });
  }

  private void opened(HttpConnection connection) {
    connections.put(connection, new Tracked());
    connection.closeHandler(closed -> connections.remove(connection));
  }

  private void closeIdle(long now) {
    List<HttpConnection> idle = new ArrayList<>();
    connections.forEach((connection, tracked) -> {
      if (tracked.idleFor(timeoutNanos, now)) {
        idle.add(connection);
      }
    });
    idle.forEach(HttpConnection::close);
  }
}
