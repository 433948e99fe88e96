package io.spgate.quota;

import static io.spgate.quota.QuotaStore.NO_PLACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The in-process store forgets buckets a new one would replace exactly, and nothing else. */
class InProcessQuotaStoreTest {

  private static final double INTERVAL_MS = 100;
  private static final int BURST = 5;

  private final AtomicLong clock = new AtomicLong(TimeUnit.HOURS.toNanos(5));

  @Test
  void should_drop_the_buckets_of_idle_sellers_as_it_goes() {
    InProcessQuotaStore store = new InProcessQuotaStore(clock::get, Duration.ZERO);
    int sellers = 10_000;
    for (int s = 0; s < sellers; s++) {
      assertThat(result(store.decide(key(s), INTERVAL_MS, BURST, 0, Lane.NORMAL, NO_PLACE)).granted()).isTrue();
    }
    assertThat(store.size()).isEqualTo(sellers);

    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos((long) INTERVAL_MS));
    String busy = key(sellers);
    // Enough calls of one busy seller for the sweep to finish the round it was on and pass every bucket once more.
    for (int call = 0; call <= 2 * (sellers + 1) / InProcessQuotaStore.SWEEP_STEP; call++) {
      result(store.decide(busy, INTERVAL_MS, BURST, Long.MAX_VALUE, Lane.NORMAL, NO_PLACE));
    }

    assertThat(store.size()).isOne();
    assertThat(result(store.existing(List.of(key(0), key(sellers - 1), busy)))).containsExactly(busy);
  }

  @Test
  void should_keep_a_bucket_in_debt_with_urgent_calls_or_an_announced_rate_until_that_lapses() {
    InProcessQuotaStore store = new InProcessQuotaStore(clock::get, Duration.ZERO);
    String inDebt = key(1);
    String urgent = key(2);
    String announced = key(3);
    double slowInterval = Duration.ofSeconds(10).toMillis();
    result(store.decide(inDebt, slowInterval, 1, 0, Lane.NORMAL, NO_PLACE));
    result(store.decide(urgent, INTERVAL_MS, BURST, 0, Lane.URGENT, NO_PLACE));
    result(store.announceRate(announced, INTERVAL_MS, 2));

    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(afterFullSweep(store)).containsExactly(inDebt, urgent, announced);

    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos((long) slowInterval));
    assertThat(afterFullSweep(store)).containsExactly(urgent, announced);

    clock.addAndGet(QuotaGate.URGENT_WINDOW.toNanos());
    assertThat(afterFullSweep(store)).containsExactly(announced);

    clock.addAndGet(QuotaGate.ANNOUNCED_RATE_TTL.toNanos());
    assertThat(afterFullSweep(store)).isEmpty();
  }

  @Test
  void should_answer_exactly_as_a_store_that_keeps_every_bucket() {
    InProcessQuotaStore sweeping = new InProcessQuotaStore(clock::get, Duration.ZERO);
    InProcessQuotaStore keeping = new InProcessQuotaStore(clock::get, Duration.ZERO, 0);
    Random random = new Random(20_240_611);
    int keys = 40;
    boolean dropped = false;
    for (int step = 0; step < 20_000; step++) {
      int k = random.nextInt(keys);
      String key = key(k);
      double interval = 20 + 37 * k;
      int burst = 1 + k % 7;
      switch (random.nextInt(10)) {
        case 0 -> {
          result(sweeping.drain(key, interval, burst, 0));
          result(keeping.drain(key, interval, burst, 0));
        }
        case 1 -> {
          double rate = List.of(0.5, 2.0, 25.0).get(random.nextInt(3));
          result(sweeping.announceRate(key, interval, rate));
          result(keeping.announceRate(key, interval, rate));
        }
        case 2 -> assertThat(result(sweeping.state(key, interval, burst))).as("state at step %d", step)
            .isEqualTo(result(keeping.state(key, interval, burst)));
        default -> {
          Lane lane = Lane.values()[random.nextInt(Lane.values().length)];
          long maxWait = random.nextInt(3_000);
          assertThat(result(sweeping.decide(key, interval, burst, maxWait, lane, NO_PLACE))).as("decision at step %d", step)
              .isEqualTo(result(keeping.decide(key, interval, burst, maxWait, lane, NO_PLACE)));
        }
      }
      dropped |= sweeping.size() < keeping.size();
      // Mostly calls close together; now and then a pause long enough for urgent markers and announced rates to lapse.
      long pauseMs = random.nextInt(200) == 0 ? Duration.ofMinutes(61 + random.nextInt(60)).toMillis() : random.nextInt(400);
      clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(pauseMs));
    }

    assertThat(dropped).as("buckets dropped along the way").isTrue();
    assertThat(keeping.size()).isEqualTo(keys);
  }

  @Test
  void should_list_and_show_buckets_without_creating_any() {
    InProcessQuotaStore store = new InProcessQuotaStore(clock::get, Duration.ZERO);
    result(store.decide(key(1), INTERVAL_MS, BURST, 0, Lane.NORMAL, NO_PLACE));

    List<String> held = result(store.existing(List.of(key(0), key(1), key(2))));
    QuotaStore.State unheld = result(store.state(key(2), INTERVAL_MS, BURST));

    assertThat(held).containsExactly(key(1));
    assertThat(unheld).isEqualTo(new QuotaStore.State(BURST, 1000 / INTERVAL_MS, false, 0));
    assertThat(store.size()).isOne();
  }

  @Test
  void should_push_the_bulk_line_back_by_the_slots_urgent_calls_take_and_keep_its_order() {
    InProcessQuotaStore store = new InProcessQuotaStore(clock::get, Duration.ZERO);
    String key = key(1);
    // One token per 100 ms: the first bulk call goes, three take places 100, 200 and 300 ms away.
    assertThat(bulk(store, key, NO_PLACE)).isEqualTo(go(0));
    List<QuotaStore.Decision> line = List.of(bulk(store, key, NO_PLACE), bulk(store, key, NO_PLACE), bulk(store, key, NO_PLACE));
    assertThat(line).extracting(QuotaStore.Decision::waitMillis).containsExactly(100L, 200L, 300L);

    advance(50);
    assertThat(result(store.decide(key, INTERVAL_MS, 1, 60_000, Lane.URGENT, NO_PLACE))).isEqualTo(go(50));
    // The first in line comes at its turn: the urgent call took its slot, and bulk now leaves urgent calls half a token,
    // so its slot is at 250 ms; it asks again half an interval before (bulk may hold a slot that far ahead now).
    advance(50);
    assertThat(bulk(store, key, line.get(0).place())).isEqualTo(QuotaStore.Decision.inLine(100, line.get(0).place()));
    // The whole line moved back by those 150 ms: the second, asking at its old turn, is told to come again at its new one.
    advance(100);
    assertThat(bulk(store, key, line.get(1).place())).isEqualTo(QuotaStore.Decision.inLine(100, line.get(1).place()));
    assertThat(bulk(store, key, line.get(0).place())).isEqualTo(go(50));
    advance(100);
    assertThat(bulk(store, key, line.get(2).place())).isEqualTo(QuotaStore.Decision.inLine(100, line.get(2).place()));
    assertThat(bulk(store, key, line.get(1).place())).isEqualTo(go(50));
    advance(100);
    assertThat(bulk(store, key, line.get(2).place())).isEqualTo(go(50));
    // Urgent calls still find their slot within one interval.
    assertThat(result(store.decide(key, INTERVAL_MS, 1, 0, Lane.URGENT, NO_PLACE)).granted()).isFalse();
    assertThat(result(store.decide(key, INTERVAL_MS, 1, (long) INTERVAL_MS, Lane.URGENT, NO_PLACE)).granted()).isTrue();
  }

  @Test
  void should_let_a_caller_whose_place_the_line_did_not_hand_out_join_it_anew() {
    InProcessQuotaStore store = new InProcessQuotaStore(clock::get, Duration.ZERO);
    String key = key(1);
    bulk(store, key, NO_PLACE);
    QuotaStore.Decision first = bulk(store, key, NO_PLACE);

    // A place from another store's clock (Redis's, before a fail-over) lies past this line's end.
    QuotaStore.Decision stranger = bulk(store, key, first.place() + 1e12);

    assertThat(stranger.verdict()).isEqualTo(QuotaStore.Decision.Verdict.IN_LINE);
    assertThat(stranger.waitMillis()).isEqualTo(200);
    assertThat(stranger.place()).isGreaterThan(first.place());
  }

  /** A slot {@code waitMillis} away, with no departure bound: these stores keep nothing back against jitter. */
  private static QuotaStore.Decision go(long waitMillis) {
    return QuotaStore.Decision.go(waitMillis, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
  }

  private QuotaStore.Decision bulk(InProcessQuotaStore store, String key, double place) {
    return result(store.decide(key, INTERVAL_MS, 1, 60_000, Lane.BULK, place));
  }

  private void advance(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  /** The buckets of sellers 1-3 left after each bucket was looked at once (the accesses view a bucket not held, creating none). */
  private List<String> afterFullSweep(InProcessQuotaStore store) {
    String other = "q:{other}:na:GET:state";
    int accesses = 2 * (store.size() + 1) / InProcessQuotaStore.SWEEP_STEP + 1;
    IntStream.range(0, accesses).forEach(i -> result(store.state(other, INTERVAL_MS, BURST)));
    return result(store.existing(List.of(key(1), key(2), key(3))));
  }

  private static String key(int seller) {
    return "q:{seller-" + seller + "}:na:GET:getOrders";
  }

  /** In-process futures are complete when returned. */
  private static <T> T result(Future<T> future) {
    assertThat(future.isComplete()).isTrue();
    return future.result();
  }
}
