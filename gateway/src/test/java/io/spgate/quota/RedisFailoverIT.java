package io.spgate.quota;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestRedisServer;
import io.spgate.http.ApiException;
import io.spgate.store.RedisLayout;
import io.spgate.store.SharedStores;
import io.spgate.store.StoreMode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Redis of the test's own, killed and restarted, or stopped and continued, under quota traffic. */
class RedisFailoverIT {

  private Vertx vertx;
  private TestRedisServer redisServer;
  private Redis client;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    redisServer = TestRedisServer.start(vertx);
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    redisServer.close();
    await(vertx.close());
  }

  @Test
  void should_decide_in_process_while_redis_is_down_and_return_to_redis_without_restart() throws Exception {
    FailoverQuotaStore store = failover(0.5);
    QuotaGate gate = QuotaFixtures.gate(vertx, store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "failoverOp", "GET", 10, 4);
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(store.degraded()).isFalse();
    assertThat(await(client.send(Request.cmd(Command.EXISTS).arg(QuotaGate.key(seller, plan)))).toInteger()).isEqualTo(1);

    redisServer.kill();
    // In process at half the rate and burst: 2 calls now, the third must wait (5/s).
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    assertThat(store.degraded()).isTrue();
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();
    Throwable third = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL).transform(r -> Future.succeededFuture(r.cause())));
    assertThat(((ApiException) third).problem().code()).isEqualTo("quota_wait_exceeds_deadline");

    redisServer.restart();
    boolean back = await(untilRedisDecides(gate, seller, plan, store, 100));

    assertThat(back).isTrue();
    assertThat(await(client.send(Request.cmd(Command.EXISTS).arg(QuotaGate.key(seller, plan)))).toInteger()).isEqualTo(1);
  }

  @Test
  void should_decide_in_process_while_a_connected_redis_does_not_answer_and_return_to_redis_when_it_does() throws Exception {
    FailoverQuotaStore store = failover(0.5);
    QuotaGate gate = QuotaFixtures.gate(vertx, store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "hungOp", "GET", 10, 100);
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();

    // Stopped, Redis keeps its connections open but answers nothing: as good as gone.
    redisServer.stop();
    long first = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis();
    StoreMode during = store.mode();
    long start = System.nanoTime();
    long next = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis();
    long nextMillis = (System.nanoTime() - start) / 1_000_000;
    redisServer.resume();

    assertThat(first).isZero();
    assertThat(next).isZero();
    assertThat(during).isEqualTo(StoreMode.IN_PROCESS_FALLBACK);
    // Decided in process at once: Redis is left alone until its retry is due.
    assertThat(nextMillis).isLessThan(RedisQuotaStore.ANSWER_TIMEOUT_MILLIS);
    assertThat(await(untilRedisDecides(gate, seller, plan, store, 100))).isTrue();
    assertThat(store.mode()).isEqualTo(StoreMode.REDIS);
  }

  @Test
  void should_refuse_calls_while_redis_does_not_answer_when_set_to_fail_closed() throws Exception {
    FailoverQuotaStore store = failover(0);
    QuotaGate gate = QuotaFixtures.gate(vertx, store);
    QuotaOwner seller = QuotaFixtures.freshOwner();
    Plan plan = new Plan("test", "closedOp", "GET", 10, 100);
    assertThat(await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL)).waitedMillis()).isZero();

    redisServer.stop();
    Throwable refused = await(gate.acquire(seller, plan, Duration.ZERO, Lane.NORMAL).transform(r -> Future.succeededFuture(r.cause())));
    StoreMode during = store.mode();
    redisServer.resume();

    assertThat(((ApiException) refused).problem().status()).isEqualTo(503);
    assertThat(((ApiException) refused).problem().code()).isEqualTo("quota_store_unavailable");
    assertThat(during).isEqualTo(StoreMode.REFUSING);
    assertThat(await(untilRedisDecides(gate, seller, plan, store, 100))).isTrue();
  }

  /** A store over the test's Redis that decides in process at {@code share} of the rate while Redis fails. */
  private FailoverQuotaStore failover(double share) {
    client = Redis.createClient(vertx, SharedStores.loopOptions(redisServer.url()));
    return new FailoverQuotaStore(new RedisQuotaStore(vertx, client, RedisQuotaStore.Scripts.bundled(), Duration.ZERO), RedisLayout.SERVER,
        new InProcessQuotaStore(System::nanoTime, Duration.ZERO), share, System::nanoTime);
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
}
