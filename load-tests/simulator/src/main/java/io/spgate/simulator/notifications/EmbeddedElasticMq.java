package io.spgate.simulator.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS-compatible queue server, run in this JVM when the simulator is asked to deliver notifications itself. */
public final class EmbeddedElasticMq {
  private final SQSRestServer server;
  private final int port;

  private EmbeddedElasticMq(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on a worker thread: ElasticMQ's start and stop block until its actor system is up or down. */
  public static Future<EmbeddedElasticMq> start(Vertx vertx, String host, int requestedPort) {
    return vertx.executeBlocking(() -> {
      int port = requestedPort > 0 ? requestedPort : freePort();
      // The node address is what ElasticMQ writes into queue URLs; it must be the port it really listens on.
      SQSRestServer server = SQSRestServerBuilder.withInterface(host).withPort(port)
          .withServerAddress(new NodeAddress("http", host, port, "")).start();
      server.waitUntilStarted();
      return new EmbeddedElasticMq(server, port);
    });
  }

  public int port() {
    return port;
  }

  public Future<Void> stop(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      server.stopAndWait();
      return null;
    });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
