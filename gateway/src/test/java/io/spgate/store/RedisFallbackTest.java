package io.spgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedisFallbackTest {

  private final AtomicLong clock = new AtomicLong();
  private final RedisFallback fallback = new RedisFallback("quota decisions", "deciding in process", RedisSlots.COUNT, clock::get);

  @Test
  void should_fall_back_in_the_failed_slot_only() {
    fallback.failed(7, clock.get(), new IOException("Connection is closed"));

    assertThat(fallback.skipRedis(7)).isTrue();
    assertThat(fallback.skipRedis(8)).isFalse();
    assertThat(fallback.fallingBack()).isTrue();
  }

  @Test
  void should_let_one_call_try_redis_after_the_pause_and_end_the_fallback_at_its_answer() {
    fallback.failed(7, clock.get(), new IOException("Connection is closed"));
    clock.addAndGet(RedisFallback.RETRY_AFTER_NANOS);

    boolean first = fallback.skipRedis(7);
    boolean second = fallback.skipRedis(7);
    boolean ended = fallback.answered(7);

    assertThat(first).as("the call that claims the retry").isFalse();
    assertThat(second).as("the others, meanwhile").isTrue();
    assertThat(ended).isTrue();
    assertThat(fallback.answered(7)).as("a later answer ends nothing").isFalse();
    assertThat(fallback.skipRedis(7)).isFalse();
    assertThat(fallback.fallingBack()).isFalse();
  }

  @Test
  void should_not_fall_back_again_for_a_call_asked_before_redis_answered_again() {
    long askedBeforeTheFailure = clock.get();
    fallback.failed(7, clock.get(), new IOException("Connection is closed"));
    clock.addAndGet(RedisFallback.RETRY_AFTER_NANOS);
    fallback.skipRedis(7);
    clock.addAndGet(1);
    fallback.answered(7);
    clock.addAndGet(1);

    // A call that waited for the failed node times out now: old news.
    fallback.failed(7, askedBeforeTheFailure, new IOException("Redis did not answer within 2000 ms"));
    boolean skippedAfterOldNews = fallback.skipRedis(7);
    fallback.failed(7, clock.get(), new IOException("Connection is closed"));

    assertThat(skippedAfterOldNews).isFalse();
    assertThat(fallback.skipRedis(7)).as("after a failure of a call asked since").isTrue();
  }
}
