package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When each seller's first round is due: the job's longest work at once, quick work after a share of its slack. */
class PlanStartsTest {

  private final UUID feed = UUID.randomUUID();
  private final UUID patches = UUID.randomUUID();
  private final UUID middle = UUID.randomUUID();

  @Test
  void should_start_the_longest_sellers_first_and_defer_quick_ones_by_a_tenth_of_their_slack() {
    Planner.Plan plan = new Planner.Plan(List.of(seller(feed, Route.FEED, 153), seller(middle, Route.PATCHES, 100),
        seller(patches, Route.PATCHES, 7)), 153);

    Map<UUID, Double> offsets = plan.startOffsetsMillis();

    assertThat(offsets.get(feed)).isEqualTo(-153.0);
    assertThat(offsets.get(middle)).isCloseTo(5_300 - 100, within(0.001));
    assertThat(offsets.get(patches)).isCloseTo(14_600 - 7, within(0.001));
  }

  @Test
  void should_defer_no_seller_more_than_thirty_seconds() {
    Planner.Plan plan = new Planner.Plan(List.of(seller(feed, Route.FEED, 3_600), seller(patches, Route.PATCHES, 7)), 3_600);

    assertThat(plan.startOffsetsMillis().get(patches)).isEqualTo(30_000.0 - 7);
  }

  @Test
  void should_defer_nobody_when_every_seller_takes_as_long() {
    Planner.Plan plan = new Planner.Plan(List.of(seller(feed, Route.PATCHES, 7), seller(patches, Route.PATCHES, 7)), 7);

    assertThat(plan.startOffsetsMillis()).containsValues(-7.0, -7.0);
  }

  private static Planner.SellerPlan seller(UUID id, Route route, double seconds) {
    return new Planner.SellerPlan(id, "A" + id, 10, 10, route, route == Route.PATCHES ? 10 : 0, route == Route.FEED ? 1 : 0, seconds);
  }
}
