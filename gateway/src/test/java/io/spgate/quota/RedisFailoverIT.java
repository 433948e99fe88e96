package io.spgate.quota;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.http.ApiException;
import io.spgate.store.SharedStores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Redis of the test's own, killed and restarted under quota traffic. */
class RedisFailoverIT {

  private Vertx vertx;
  private int port;
  private Process redisServer;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    redisServer = startRedis();
  }

  @AfterEach
  void stop() {
    redisServer.destroyForcibly();
    await(vertx.close());
  }

  @Test
  void should_decide_in_process_while_redis_is_down_and_return_to_redis_without_restart() throws Exception {
    Redis client = Redis.createClient(vertx, SharedStores.quotaOptions("redis://127.0.0.1:" + port));
    FailoverQuotaStore store = new FailoverQuotaStore(new RedisQuotaStore(vertx, client, RedisQuotaStore.Scripts.bundled(), Duration.ZERO),
        new InProcessQuotaStore(System::nanoTime, Duration.ZERO), 0.5,
        System::nanoTime);
    QuotaGate gate = QuotaFixtures.gate(vertx, store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "failoverOp", "GET", 10, 4);
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(store.degraded()).isFalse();
    assertThat(await(client.send(Request.cmd(Command.EXISTS).arg(QuotaGate.key(seller, plan)))).toInteger()).isEqualTo(1);

    redisServer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    // In process at half the rate and burst: 2 calls now, the third must wait (5/s).
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(store.degraded()).isTrue();
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    Throwable third = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL).transform(r -> Future.succeededFuture(r.cause())));
    assertThat(((ApiException) third).problem().code()).isEqualTo("quota_wait_exceeds_deadline");

    redisServer = startRedis();
    boolean back = await(untilRedisDecides(gate, seller, plan, store, 100));

    assertThat(back).isTrue();
    assertThat(await(client.send(Request.cmd(Command.EXISTS).arg(QuotaGate.key(seller, plan)))).toInteger()).isEqualTo(1);
    client.close();
  }

  @Test
  void should_refuse_with_busy_while_a_connected_redis_does_not_answer_and_go_on_when_it_does() throws Exception {
    Redis client = Redis.createClient(vertx, SharedStores.quotaOptions("redis://127.0.0.1:" + port));
    FailoverQuotaStore store = new FailoverQuotaStore(new RedisQuotaStore(vertx, client, RedisQuotaStore.Scripts.bundled(), Duration.ZERO),
        new InProcessQuotaStore(System::nanoTime, Duration.ZERO), 0.5, System::nanoTime);
    QuotaGate gate = QuotaFixtures.gate(vertx, store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "busyOp", "GET", 10, 100);
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();

    // Stopped, Redis keeps its connections open but answers nothing: busy, not gone.
    signal(redisServer, "STOP");
    long start = System.nanoTime();
    Throwable busy = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL).transform(r -> Future.succeededFuture(r.cause())));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    signal(redisServer, "CONT");

    assertThat(((ApiException) busy).problem().code()).isEqualTo("quota_store_busy");
    assertThat(((ApiException) busy).problem().status()).isEqualTo(503);
    // Asked twice, each time for ANSWER_TIMEOUT_MILLIS; never decided in process meanwhile.
    assertThat(waitedMillis).isGreaterThanOrEqualTo(2 * RedisQuotaStore.ANSWER_TIMEOUT_MILLIS);
    assertThat(store.degraded()).isFalse();
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    client.close();
  }

  private static void signal(Process process, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
  }

  /** Calls every 50 ms (each within its own quota wait) until a decision went through Redis again. */
  private Future<Boolean> untilRedisDecides(QuotaGate gate, QuotaOwner seller, Plan plan, FailoverQuotaStore store, int triesLeft) {
    Promise<Boolean> next = Promise.promise();
    vertx.setTimer(50, id -> gate.acquire(seller, plan, Duration.ofSeconds(1), Lane.NORMAL).onComplete(r -> {
      if (!store.degraded()) {
        next.complete(true);
      } else if (triesLeft == 0) {
        next.complete(false);
      } else {
        untilRedisDecides(gate, seller, plan, store, triesLeft - 1).onComplete(next);
      }
    }));
    return next.future();
  }

  private Process startRedis() throws IOException {
    Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Redis probe = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + port));
    try {
      await(untilPong(probe, 200));
    } finally {
      probe.close();
    }
    return process;
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
