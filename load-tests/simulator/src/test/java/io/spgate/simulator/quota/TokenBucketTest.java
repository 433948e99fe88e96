package io.spgate.simulator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long MS = 1_000_000L;

  @Test
  void a_full_bucket_gives_its_burst_then_one_token_per_refill_interval() {
    TokenBucket bucket = new TokenBucket(10, 20, 0);
    for (int i = 0; i < 20; i++) {
      assertThat(bucket.tryTake(0)).as("call %d", i + 1).isTrue();
    }
    assertThat(bucket.tryTake(0)).isFalse();
    assertThat(bucket.tryTake(99 * MS)).isFalse();
    assertThat(bucket.tryTake(101 * MS)).isTrue();
    assertThat(bucket.tryTake(101 * MS)).isFalse();
  }

  @Test
  void an_idle_bucket_refills_to_its_burst_and_no_further() {
    TokenBucket bucket = new TokenBucket(0.0167, 20, 0);
    for (int i = 0; i < 20; i++) {
      bucket.tryTake(0);
    }
    long anHourLater = 3_600_000 * MS;
    int granted = 0;
    while (bucket.tryTake(anHourLater)) {
      granted++;
    }
    assertThat(granted).isEqualTo(20);
  }
}
