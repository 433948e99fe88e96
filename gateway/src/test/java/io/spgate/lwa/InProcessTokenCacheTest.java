package io.spgate.lwa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InProcessTokenCacheTest {

  private final Clock clock = Clock.systemUTC();

  @Test
  void should_keep_at_most_its_bound_of_tokens_and_locks_when_more_keys_are_used() {
    InProcessTokenCache cache = new InProcessTokenCache(clock, 100);

    for (int i = 0; i < 5_000; i++) {
      cache.put("rdt:" + i, token("t" + i, Duration.ofHours(1)));
      cache.tryLock("rdt:" + i, "me", Duration.ofMinutes(1));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(200);
  }

  @Test
  void should_drop_tokens_and_locks_once_they_expire_even_if_never_read_again() throws InterruptedException {
    InProcessTokenCache cache = new InProcessTokenCache(clock, 100);
    for (int i = 0; i < 50; i++) {
      cache.put("seller:" + i, token("t" + i, Duration.ofMillis(200)));
      cache.tryLock("seller:" + i, "me", Duration.ofMillis(200));
    }
    assertThat(cache.size()).isEqualTo(100);

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (cache.size() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(cache.size()).isZero();
  }

  @Test
  void should_forget_a_token_only_while_it_is_the_one_named() {
    InProcessTokenCache cache = new InProcessTokenCache(clock);
    cache.put("seller:1", token("fresh", Duration.ofHours(1)));

    cache.evictIf("seller:1", "rejected");
    Optional<LwaToken> kept = cache.get("seller:1").result();
    cache.evictIf("seller:1", "fresh");

    assertThat(kept).map(LwaToken::accessToken).contains("fresh");
    assertThat(cache.get("seller:1").result()).isEmpty();
  }

  @Test
  void should_release_a_lock_only_for_its_owner() {
    InProcessTokenCache cache = new InProcessTokenCache(clock);

    assertThat(cache.tryLock("k", "a", Duration.ofMinutes(1)).result()).isTrue();
    assertThat(cache.tryLock("k", "b", Duration.ofMinutes(1)).result()).isFalse();
    cache.unlock("k", "b");
    assertThat(cache.tryLock("k", "b", Duration.ofMinutes(1)).result()).isFalse();
    cache.unlock("k", "a");
    assertThat(cache.tryLock("k", "b", Duration.ofMinutes(1)).result()).isTrue();
  }

  private LwaToken token(String value, Duration life) {
    Instant now = clock.instant();
    return new LwaToken(value, now, now.plus(life), Optional.empty());
  }
}
