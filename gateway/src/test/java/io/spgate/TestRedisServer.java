package io.spgate;

import static io.spgate.TestPostgres.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free port and without persistence, to kill and restart, or
 * stop (SIGSTOP: its connections stay open and nothing is answered) and continue.
 */
public final class TestRedisServer implements AutoCloseable {

  private final Vertx vertx;
  private final int port;
  private Process process;

  private TestRedisServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /** Starts one and returns once it answers PING. */
  public static TestRedisServer start(Vertx vertx) {
    try (ServerSocket socket = new ServerSocket(0)) {
      TestRedisServer server = new TestRedisServer(vertx, socket.getLocalPort());
      socket.close();
      server.restart();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** SIGKILL: gone at once, with everything it held. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts it again on the same port (empty) and returns once it answers PING. */
  public void restart() {
    try {
      process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
          "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Redis probe = Redis.createClient(vertx, new RedisOptions().setConnectionString(url()));
    try {
      await(untilPong(probe, 200));
    } finally {
      probe.close();
    }
  }

  /** SIGSTOP: hung, as a Redis swapping or stalled on its disk is. */
  public void stop() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT: answers again, the commands that waited included. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void signal(String signal) throws IOException, InterruptedException {
    int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -" + signal + " exited with " + exit);
    }
  }

  private Future<Void> untilPong(Redis probe, int triesLeft) {
    return probe.send(Request.cmd(Command.PING)).<Void>mapEmpty().recover(e -> {
      if (triesLeft == 0) {
        return Future.failedFuture(e);
      }
      Promise<Void> retry = Promise.promise();
      vertx.setTimer(25, id -> untilPong(probe, triesLeft - 1).onComplete(retry));
      return retry.future();
    });
  }
}
