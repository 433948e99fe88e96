package io.spgate;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connections that carry no request are closed after SPGATE_HTTP_IDLE_TIMEOUT, on the API port and
 * the management port; a request the gateway is still working on keeps its connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleConnectionsIT {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

  private final Vertx vertx = Vertx.vertx();
  private final NetClient net = vertx.createNetClient();
  private TestPostgres postgres;
  private TestGateway gw;

  @BeforeAll
  void start() {
    postgres = TestPostgres.create();
    gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", SimulatedAmazon.ADMIN_KEY,
        "SPGATE_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s"));
  }

  @AfterAll
  void stop() {
    gw.close();
    await(vertx.close());
    postgres.close();
  }

  @Test
  void should_close_a_kept_alive_connection_once_it_carried_no_request_for_the_idle_timeout() {
    assertClosedOnceIdle(gw.port(), "/health/live");
  }

  @Test
  void should_close_a_connection_that_never_sends_a_whole_request() {
    Connection connection = Connection.open(net, gw.port());
    long sentAt = System.nanoTime();
    connection.send("GET /health/live HTTP/1.1\r\nHost: spg");

    long closedAt = await(connection.closed.future());

    assertThat(connection.received.length()).isZero();
    assertThat(Duration.ofNanos(closedAt - sentAt)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
  }

  @Test
  void should_close_an_idle_connection_to_the_management_port() {
    assertClosedOnceIdle(gw.gateway.managementPort(), "/metrics");
  }

  @Test
  void should_keep_the_connection_of_a_request_that_waits_longer_than_the_idle_timeout() {
    assertThat(await(gw.client.get("/v1/me").putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY).send()).statusCode())
        .isEqualTo(200);
    SqlConnection locker = await(postgres.pool(vertx, 1).getConnection());
    await(locker.begin());
    await(locker.query("LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE").execute());
    Duration held = IDLE_TIMEOUT.multipliedBy(3);
    vertx.setTimer(held.toMillis(), id -> locker.close());
    Connection connection = Connection.open(net, gw.port());
    long sentAt = System.nanoTime();
    connection.send("GET /v1/tenants HTTP/1.1\r\nHost: spgate\r\nAuthorization: Bearer " + SimulatedAmazon.ADMIN_KEY + "\r\n\r\n");

    long answeredAt = connection.awaitAnswer();

    assertThat(connection.received.toString()).startsWith("HTTP/1.1 200");
    assertThat(Duration.ofNanos(answeredAt - sentAt)).isGreaterThanOrEqualTo(held.minusMillis(50));
    await(connection.closed.future());
  }

  /** Asks once on a new kept-alive connection, then waits for the gateway to close it. */
  private void assertClosedOnceIdle(int port, String path) {
    Connection connection = Connection.open(net, port);
    connection.send("GET " + path + " HTTP/1.1\r\nHost: spgate\r\n\r\n");

    long answeredAt = connection.awaitAnswer();
    long closedAt = await(connection.closed.future());

    assertThat(connection.received.toString()).startsWith("HTTP/1.1 200");
    assertThat(Duration.ofNanos(closedAt - answeredAt)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(50));
  }

  /** A raw HTTP/1.1 connection: what it received, when a whole answer had come, and when it was closed. */
  private record Connection(NetSocket socket, Buffer received, Promise<Long> answered, Promise<Long> closed) {

    private static final Pattern LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    static Connection open(NetClient net, int port) {
      NetSocket socket = await(net.connect(port, "127.0.0.1"));
      Connection connection = new Connection(socket, Buffer.buffer(), Promise.promise(), Promise.promise());
      socket.handler(chunk -> {
        connection.received.appendBuffer(chunk);
        if (connection.whole()) {
          connection.answered.tryComplete(System.nanoTime());
        }
      });
      socket.closeHandler(v -> {
        connection.answered.tryFail("closed before a whole answer: " + connection.received);
        connection.closed.complete(System.nanoTime());
      });
      return connection;
    }

    void send(String text) {
      await(socket.write(text));
    }

    long awaitAnswer() {
      return await(answered.future());
    }

    /** Whether the head and as many body bytes as its Content-Length have come. */
    private boolean whole() {
      String text = received.toString();
      int headEnd = text.indexOf("\r\n\r\n");
      if (headEnd < 0) {
        return false;
      }
      Matcher length = LENGTH.matcher(text.substring(0, headEnd));
      return length.find() && text.length() - headEnd - 4 >= Integer.parseInt(length.group(1));
    }
  }
}
