package io.spgate.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The bare hop of {@code ops/bench proxy}: the smallest Vert.x pass-through, with no quota, token or
 * allowlist. It forwards method, URI and headers and streams the body both ways, so what it costs
 * is one more HTTP hop on this machine. Run as its own JVM, like the gateway:
 * {@code BareHop <port> <target port> [event loops]} (target on 127.0.0.1).
 */
public final class BareHop extends VerticleBase {

  /** As many outbound connections as the gateway keeps per host (Gateway.OUTBOUND_CONNECTIONS_PER_HOST). */
  static final int OUTBOUND_CONNECTIONS = 64;

  private final int port;
  private final int targetPort;
  private HttpClient client;

  BareHop(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(targetPort).setKeepAlive(true)
        .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(OUTBOUND_CONNECTIONS));
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(this::forward).listen();
  }

  private void forward(HttpServerRequest request) {
    request.pause();
    HttpServerResponse response = request.response();
    client.request(new RequestOptions().setMethod(request.method()).setURI(request.uri()).setHeaders(request.headers()))
        .compose(outbound -> outbound.send(request))
        .onSuccess(answer -> {
          response.setStatusCode(answer.statusCode());
          response.headers().setAll(answer.headers());
          response.send(answer);
        })
        .onFailure(failure -> {
          request.resume();
          if (!response.headWritten()) {
            response.setStatusCode(502).end();
          } else {
            response.reset();
          }
        });
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: BareHop <port> <target port on 127.0.0.1> [event loops]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int target = Integer.parseInt(args[1]);
    // One server per event loop, as many as the gateway deploys by default (SPGATE_HTTP_INSTANCES = cores).
    int loops = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    // The transport the gateway prefers (native epoll where available), so that hop and gateway differ only in what the gateway does.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    vertx.deployVerticle(() -> new BareHop(port, target), new DeploymentOptions().setInstances(loops))
        .onSuccess(id -> System.out.printf("bare hop on 127.0.0.1:%d -> 127.0.0.1:%d, %d event loop(s)%n", port, target, loops))
        .onFailure(failure -> {
          System.err.println("bare hop did not start: " + failure.getMessage());
          System.exit(1);
        });
  }
}
