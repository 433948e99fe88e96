package io.spgate.store;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Postgres and Redis are used within bounds: callers wait for a connection only so long and only
 * so many, a connect that hangs gives up, a statement that runs too long is cancelled, and the
 * API answers each with 503 problem+json rather than a queue without end or a 500.
 */
class StoreBoundsIT {

  private final Vertx vertx = Vertx.vertx();
  private TestPostgres postgres;

  @BeforeEach
  void database() {
    postgres = TestPostgres.create();
  }

  @AfterEach
  void close() {
    await(vertx.close());
    postgres.close();
  }

  @Test
  void should_answer_503_postgres_busy_when_no_connection_comes_free_in_time() {
    try (TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_PG_POOL_SIZE", "1",
        "SPGATE_ADMIN_KEY", SimulatedAmazon.ADMIN_KEY))) {
      assertThat(await(admin(gw, "/v1/me").send()).statusCode()).isEqualTo(200);
      Pool test = postgres.pool(vertx, 2);
      SqlConnection locker = lockTenants(test);
      // The gateway's only connection now waits on the lock.
      Future<HttpResponse<Buffer>> holding = admin(gw, "/v1/tenants").send();
      awaitLockWaiters(test, 1);

      long start = System.nanoTime();
      HttpResponse<Buffer> refused = await(admin(gw, "/v1/tenants").send());
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      await(locker.close());

      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
      assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
      assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("postgres_busy");
      assertThat(waited).isBetween(Database.ACQUIRE_TIMEOUT.minusMillis(100), Database.ACQUIRE_TIMEOUT.plusSeconds(10));
      assertThat(await(holding).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void should_cancel_a_statement_at_the_statement_timeout_and_answer_503_postgres_timeout() {
    try (TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_PG_STATEMENT_TIMEOUT", "500ms",
        "SPGATE_ADMIN_KEY", SimulatedAmazon.ADMIN_KEY))) {
      assertThat(await(admin(gw, "/v1/me").send()).statusCode()).isEqualTo(200);
      SqlConnection locker = lockTenants(postgres.pool(vertx, 1));
      // Without a statement timeout the request would wait for the lock, which is let go after 20 s.
      vertx.setTimer(20_000, id -> locker.close());

      long start = System.nanoTime();
      HttpResponse<Buffer> cut = await(admin(gw, "/v1/tenants").send());
      Duration waited = Duration.ofNanos(System.nanoTime() - start);

      assertThat(cut.statusCode()).as(cut.bodyAsString()).isEqualTo(503);
      assertThat(cut.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(cut.bodyAsJsonObject().getString("code")).isEqualTo("postgres_timeout");
      assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(20));
      await(locker.close());
    }
  }

  @Test
  void should_refuse_callers_beyond_the_wait_queue_at_once() {
    Pool pool = Database.pool(vertx, postgres.url(), 1, Duration.ofSeconds(30));
    SqlConnection held = await(pool.getConnection());
    List<Future<?>> waiting = new ArrayList<>();
    for (int i = 0; i < Database.MAX_WAITING; i++) {
      waiting.add(pool.query("SELECT 1").execute());
    }

    long start = System.nanoTime();
    Throwable beyond = await(pool.query("SELECT 1").execute().transform(done -> Future.succeededFuture(done.cause())));

    assertThat(beyond).isInstanceOf(ConnectionPoolTooBusyException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Database.ACQUIRE_TIMEOUT);
    assertThat(waiting).noneMatch(Future::isComplete);
    await(held.close());
    await(pool.close());
  }

  @Test
  void should_give_up_connecting_to_postgres_and_redis_that_do_not_answer() throws IOException {
    try (Unanswered port = Unanswered.open()) {
      Pool pool = Database.pool(vertx, java.net.URI.create("postgresql://postgres@127.0.0.1:" + port.port() + "/x"), 1,
          Duration.ofSeconds(30));
      SharedStores stores = SharedStores.create(vertx, List.of(java.net.URI.create("redis://127.0.0.1:" + port.port())));

      long start = System.nanoTime();
      Throwable postgresFailure = await(pool.query("SELECT 1").execute().transform(done -> Future.succeededFuture(done.cause())));
      Duration postgresWaited = Duration.ofNanos(System.nanoTime() - start);
      start = System.nanoTime();
      Redis redis = stores.redis().orElseThrow();
      Throwable redisFailure = await(redis.send(Request.cmd(Command.PING)).transform(done -> Future.succeededFuture(done.cause())));
      Duration redisWaited = Duration.ofNanos(System.nanoTime() - start);
      stores.close();

      // Vert.x 5.0.7 connects to Postgres without the connect timeout (Database.CONNECT_TIMEOUT): the caller's wait ends anyway.
      assertThat(postgresFailure).isNotNull();
      assertThat(postgresWaited).isBetween(Database.CONNECT_TIMEOUT.minusMillis(100), Database.ACQUIRE_TIMEOUT.plusSeconds(5));
      assertThat(redisFailure).isNotNull();
      assertThat(redisWaited).isBetween(Duration.ofMillis(SharedStores.CONNECT_TIMEOUT_MILLIS - 100),
          Duration.ofMillis(SharedStores.CONNECT_TIMEOUT_MILLIS + 5_000));
    }
  }

  @Test
  void should_apply_migrations_while_another_instance_holds_their_lock_past_the_statement_timeout() {
    Pool pool = Database.pool(vertx, postgres.url(), 2, Duration.ofMillis(200));
    SqlConnection other = await(postgres.pool(vertx, 1).getConnection());
    await(other.query("SELECT pg_advisory_lock(" + Migrations.LOCK_KEY + ")").execute());
    vertx.setTimer(1_000, id -> other.query("SELECT pg_advisory_unlock(" + Migrations.LOCK_KEY + ")").execute());

    List<Migrations.Migration> applied = await(Migrations.bundled().apply(pool));

    assertThat(applied).isNotEmpty();
    await(other.close());
  }

  private static io.vertx.ext.web.client.HttpRequest<Buffer> admin(TestGateway gw, String path) {
    return gw.client.get(path).putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY);
  }

  /** A connection in a transaction holding every lock on the tenants table until it closes. */
  private static SqlConnection lockTenants(Pool pool) {
    SqlConnection connection = await(pool.getConnection());
    await(connection.begin());
    await(connection.query("LOCK TABLE tenants IN ACCESS EXCLUSIVE MODE").execute());
    return connection;
  }

  /** Waits (by polling, with the await's deadline) until {@code count} sessions wait for a lock. */
  private static void awaitLockWaiters(Pool pool, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (await(pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
        .execute()).iterator().next().getLong(0) < count) {
      assertThat(System.nanoTime()).as("sessions waiting for the lock").isLessThan(deadline);
    }
  }

  /**
   * A port that takes no connection: a listening socket that never accepts, its backlog filled, so
   * the kernel drops further SYNs and a connect hangs as it would to a host gone from the network.
   */
  private record Unanswered(ServerSocket server, List<Socket> fillers) implements AutoCloseable {

    static Unanswered open() throws IOException {
      ServerSocket server = new ServerSocket(0, 1);
      List<Socket> fillers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 200);
          fillers.add(socket);
        } catch (IOException full) {
          socket.close();
          break;
        }
      }
      return new Unanswered(server, fillers);
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      for (Socket socket : fillers) {
        socket.close();
      }
      server.close();
    }
  }
}
