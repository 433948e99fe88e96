package io.spgate.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ActivityLogTest {

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ActivityLog log = new ActivityLog(clock::get, Duration.ofSeconds(10));
  private final UUID tenant = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();

  @Test
  void should_count_calls_throttles_and_waits_per_tenant_and_slot() {
    log.called(tenant, 0);
    log.called(tenant, 7);
    log.throttled(tenant);
    log.tokenFailed(tenant);
    log.called(other, 3000);
    clock.addAndGet(10_000);
    log.called(tenant, 1);

    List<SlotCounts> ended = log.unwritten(tenant);

    assertThat(ended).singleElement().satisfies(slot -> {
      assertThat(slot.start()).isEqualTo(Instant.ofEpochMilli(1_000_000));
      assertThat(slot.calls()).isEqualTo(2);
      assertThat(slot.throttles()).isOne();
      assertThat(slot.tokenFailures()).isOne();
      assertThat(slot.waits()[WaitBuckets.of(0)]).isOne();
      assertThat(slot.waits()[WaitBuckets.of(7)]).isOne();
    });
  }

  @Test
  void should_hand_over_a_slot_once_it_ended_and_settled_and_take_back_what_was_not_written() {
    log.called(tenant, 0);
    clock.addAndGet(10_500);
    List<SlotCounts> tooSoon = log.takeEnded();
    clock.addAndGet(600);
    List<SlotCounts> settled = log.takeEnded();
    List<SlotCounts> again = log.takeEnded();
    log.putBack(settled);
    List<SlotCounts> retried = log.takeEnded();

    assertThat(tooSoon).isEmpty();
    assertThat(settled).singleElement().extracting(SlotCounts::calls).isEqualTo(1L);
    assertThat(again).isEmpty();
    assertThat(retried).singleElement().extracting(SlotCounts::calls).isEqualTo(1L);
  }

  @Test
  void should_let_go_of_unwritten_slots_older_than_the_overview_shows() {
    log.called(tenant, 0);
    clock.addAndGet(11_000);
    List<SlotCounts> ended = log.takeEnded();
    clock.addAndGet(Overview.SHOWN.toMillis());

    log.putBack(ended);

    assertThat(log.takeEnded()).isEmpty();
  }

  @Test
  void should_give_the_bucket_bound_a_percentile_falls_in() {
    long[] counts = new long[WaitBuckets.COUNT];
    counts[WaitBuckets.of(0)] = 98;
    counts[WaitBuckets.of(40)] = 1;
    counts[WaitBuckets.of(900)] = 1;

    assertThat(WaitBuckets.percentile(counts, 0.5)).hasValue(0);
    assertThat(WaitBuckets.percentile(counts, 0.99)).hasValue(50);
    assertThat(WaitBuckets.percentile(counts, 1.0)).hasValue(1000);
    assertThat(WaitBuckets.percentile(new long[WaitBuckets.COUNT], 0.99)).isEmpty();
    assertThat(WaitBuckets.of(120_000)).isEqualTo(WaitBuckets.COUNT - 1);
  }
}
