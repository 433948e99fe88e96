package io.spgate.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  @Test
  void should_wait_10_seconds_then_twice_as_long_each_time() {
    assertThat(RetrySchedule.after(1, 0.5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetrySchedule.after(2, 0.5)).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetrySchedule.after(5, 0.5)).isEqualTo(Duration.ofSeconds(160));
  }

  @Test
  void should_never_wait_more_than_an_hour_however_often_it_failed() {
    assertThat(RetrySchedule.after(10, 0.5)).isEqualTo(Duration.ofHours(1));
    assertThat(RetrySchedule.after(500, 0.5)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void should_spread_each_wait_by_a_fifth_either_way() {
    assertThat(RetrySchedule.after(1, 0.0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetrySchedule.after(1, 0.999_999)).isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    assertThat(RetrySchedule.after(100, 0.0)).isEqualTo(Duration.ofMinutes(48));
  }
}
