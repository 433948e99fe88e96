package io.spgate.lwa;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * An LWA that grants tokens far shorter than the settings expect (6 s against the default 10 minute
 * lead and 60 s minimum): tokens are still used for most of their life, not refreshed on every call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortTokensIT {

  private static final int LIFETIME_S = 6;
  private static final int SELLERS = 5;

  private SimulatedAmazon amazon;
  private TestPostgres postgres;
  private TestGateway gateway;
  private List<Seller> sellers;
  private final ListAppender<ILoggingEvent> policyLog = new ListAppender<>();

  @BeforeAll
  void start() {
    ((Logger) LoggerFactory.getLogger(TokenPolicy.class)).addAppender(policyLog);
    policyLog.start();
    amazon = SimulatedAmazon.start(new SimulatorOptions().sellers(SELLERS).quotas(false).tokenLifetimeSeconds(LIFETIME_S));
    postgres = TestPostgres.create();
    gateway = TestGateway.start(amazon.gatewaySettings(postgres, Map.of("SPGATE_REDIS_URL", "redis://127.0.0.1:6379")));
    sellers = amazon.registerSellers(gateway, "Short tokens");
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(TokenPolicy.class)).detachAppender(policyLog);
    gateway.close();
    postgres.close();
    amazon.close();
  }

  @Test
  void should_refresh_about_once_per_lifetime_and_log_the_clamp_once_when_lwa_grants_tokens_shorter_than_the_settings() {
    Duration run = Duration.ofSeconds(LIFETIME_S * 3L);
    Map<Seller, Long> before = new ConcurrentHashMap<>();
    sellers.forEach(s -> before.put(s, refreshes(s)));

    Map<Integer, AtomicInteger> statuses = await(callEvery(Duration.ofMillis(50), run));

    assertThat(statuses.keySet()).containsOnly(200);
    assertThat(statuses.get(200).get()).isGreaterThan(100);
    assertThat(amazon.simulator.expiredTokenCalls()).isZero();
    // The lead is clamped to a third of the lifetime (renewal when a third to a half of it is left), so each token serves at
    // least half its life; before the clamp every call refreshed (the 60 s minimum outlives any 6 s token).
    long most = run.toSeconds() / (LIFETIME_S / 2) + 2;
    for (Seller seller : sellers) {
      assertThat(refreshes(seller) - before.get(seller)).as("LWA refreshes of " + seller.sellingPartnerId())
          .isBetween(run.toSeconds() / LIFETIME_S, most);
    }
    assertThat(policyLog.list.stream().filter(e -> e.getFormattedMessage().contains("clamped")).count()).isEqualTo(1);
  }

  private long refreshes(Seller seller) {
    int index = sellers.indexOf(seller);
    return amazon.simulator.lwaCounters().callsWithRefreshToken(amazon.simulator.sellers().get(index).refreshToken());
  }

  /** Every {@code every}, one call per seller to the simulator with the token the gateway hands out, for {@code run}. */
  private Future<Map<Integer, AtomicInteger>> callEvery(Duration every, Duration run) {
    SellerTokens tokens = gateway.gateway.services().sellerTokens();
    WebClient client = WebClient.create(amazon.vertx);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Promise<Map<Integer, AtomicInteger>> done = Promise.promise();
    AtomicInteger pending = new AtomicInteger();
    long deadline = System.nanoTime() + run.toNanos();
    amazon.vertx.setPeriodic(every.toMillis(), id -> {
      if (System.nanoTime() > deadline) {
        amazon.vertx.cancelTimer(id);
        if (pending.get() == 0) {
          done.tryComplete(statuses);
        }
        return;
      }
      for (Seller seller : sellers) {
        pending.incrementAndGet();
        tokens.accessToken(seller)
            .compose(token -> client.getAbs(amazon.simulator.baseUrl() + "/sellers/v1/marketplaceParticipations")
                .putHeader("x-amz-access-token", token).send())
            .onComplete(result -> {
              statuses.computeIfAbsent(result.succeeded() ? result.result().statusCode() : -1, k -> new AtomicInteger()).incrementAndGet();
              if (pending.decrementAndGet() == 0 && System.nanoTime() > deadline) {
                done.tryComplete(statuses);
              }
            });
      }
    });
    return done.future().onComplete(r -> client.close());
  }
}
