package io.spgate.simulator.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.support.ListingsCalls;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** JSON_LISTINGS_FEED's five submissions per five minutes, apart from createFeed's own bucket. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ListingsFeedLimitTest {

  private static Buffer emptyFeed(ListingsCalls calls) {
    return calls.feed(List.of(), new JsonObject().put("messageId", 1).put("sku", "X").put("operationType", "DELETE")).toBuffer();
  }

  @Test
  void a_sixth_listings_feed_within_five_minutes_is_answered_429_until_the_window_moves_on(Vertx vertx) {
    // Feeds stay queued: only their submission matters here.
    try (SimHarness harness = SimHarness.start(vertx, new SimulatorOptions().sellers(4).feedDelays(600_000, 600_000))) {
      ListingsCalls calls = new ListingsCalls(harness, harness.seller(0));
      for (int i = 0; i < ListingsFeedLimit.SUBMISSIONS; i++) {
        assertThat(calls.createFeed("JSON_LISTINGS_FEED", emptyFeed(calls)).statusCode()).isEqualTo(202);
      }
      HttpResponse<Buffer> sixth = calls.createFeed("JSON_LISTINGS_FEED", emptyFeed(calls));
      assertThat(sixth.statusCode()).isEqualTo(429);
      JsonObject error = sixth.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("code")).isEqualTo("QuotaExceeded");
      assertThat(error.getString("details")).contains("JSON_LISTINGS_FEED");
      assertThat(sixth.getHeader("x-amzn-RateLimit-Limit")).isNull();

      assertThat(calls.createFeed("POST_PRODUCT_PRICING_DATA", Buffer.buffer("{}")).statusCode()).as("another feed type").isEqualTo(202);
      ListingsCalls other = new ListingsCalls(harness, harness.seller(1));
      assertThat(other.createFeed("JSON_LISTINGS_FEED", emptyFeed(other)).statusCode()).as("another seller").isEqualTo(202);

      harness.sim().clock().advance(Duration.ofMinutes(5));
      assertThat(calls.createFeed("JSON_LISTINGS_FEED", emptyFeed(calls)).statusCode()).isEqualTo(202);

      harness.sim().quotas().setEnabled(false);
      for (int i = 0; i < ListingsFeedLimit.SUBMISSIONS + 1; i++) {
        assertThat(other.createFeed("JSON_LISTINGS_FEED", emptyFeed(other)).statusCode()).as("quotas off").isEqualTo(202);
      }
    }
  }

  /** Admits the limit's five submissions for A1, {@code apart} from each other, and checks a sixth is refused. */
  private static void fill(ListingsFeedLimit limit, SimClock clock, Duration apart) {
    for (int i = 0; i < ListingsFeedLimit.SUBMISSIONS; i++) {
      assertThat(limit.admit("A1")).isTrue();
      clock.advance(apart);
    }
    assertThat(limit.admit("A1")).as("five within the last five minutes").isFalse();
  }

  @Test
  void the_window_slides_so_the_oldest_submission_frees_the_first_slot() {
    SimClock clock = new SimClock(1);
    ListingsFeedLimit limit = new ListingsFeedLimit(clock);
    fill(limit, clock, Duration.ofSeconds(59));
    clock.advance(Duration.ofSeconds(6));
    assertThat(limit.admit("A1")).as("the first is now older than five minutes").isTrue();
    assertThat(limit.admit("A1")).isFalse();
    assertThat(limit.admit("A2")).isTrue();
  }

  @Test
  void the_window_shrinks_with_the_time_scale() {
    SimClock clock = new SimClock(60);
    ListingsFeedLimit limit = new ListingsFeedLimit(clock);
    fill(limit, clock, Duration.ZERO);
    clock.advance(Duration.ofSeconds(6));
    assertThat(limit.admit("A1")).as("five minutes at time scale 60 are five seconds").isTrue();
  }
}
