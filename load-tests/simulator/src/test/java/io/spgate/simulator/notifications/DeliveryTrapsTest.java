package io.spgate.simulator.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTrapsTest {

  private static List<DeliveryTraps.Plan> plans(DeliveryTraps traps, int count) {
    List<DeliveryTraps.Plan> plans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      plans.add(traps.plan("ORDER_CHANGE"));
    }
    return plans;
  }

  @Test
  void the_same_seed_gives_every_message_the_same_fate() {
    List<DeliveryTraps.Plan> first = plans(new DeliveryTraps(5, 0.3, 1_000, 0.1), 1_000);
    assertThat(plans(new DeliveryTraps(5, 0.3, 1_000, 0.1), 1_000)).isEqualTo(first);
    assertThat(plans(new DeliveryTraps(6, 0.3, 1_000, 0.1), 1_000)).isNotEqualTo(first);
    assertThat(new HashSet<>(first.stream().map(DeliveryTraps.Plan::notificationId).toList())).hasSize(1_000);

    DeliveryTraps traps = new DeliveryTraps(5, 0.3, 1_000, 0.1);
    plans(traps, 10);
    traps.reset();
    assertThat(plans(traps, 1_000)).as("a reset starts the numbering again").isEqualTo(first);
  }

  @Test
  void duplicates_come_two_to_ten_times_delays_stay_in_bound_and_drops_are_counted() {
    DeliveryTraps traps = new DeliveryTraps(11, 0.2, 5_000, 0.05);
    List<DeliveryTraps.Plan> plans = plans(traps, 20_000);
    long dropped = plans.stream().filter(DeliveryTraps.Plan::dropped).count();
    List<DeliveryTraps.Plan> sent = plans.stream().filter(p -> !p.dropped()).toList();
    long duplicated = sent.stream().filter(p -> p.copyDelaysMillis().size() > 1).count();
    assertThat(dropped).isBetween(800L, 1_200L);
    assertThat(duplicated).isBetween((long) (sent.size() * 0.17), (long) (sent.size() * 0.23));
    assertThat(sent).allSatisfy(p -> {
      assertThat(p.copyDelaysMillis().size()).isIn(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(p.copyDelaysMillis()).allSatisfy(d -> assertThat(d).isBetween(0L, 5_000L));
    });
    assertThat(sent.stream().map(p -> p.copyDelaysMillis().size()).distinct()).contains(2, 10);
    long extraCopies = sent.stream().mapToLong(p -> p.copyDelaysMillis().size() - 1L).sum();
    JsonObject counters = traps.counters();
    assertThat(counters.getLong("published")).isEqualTo(20_000);
    assertThat(counters.getLong("dropped")).isEqualTo(dropped);
    assertThat(counters.getLong("duplicated")).isEqualTo(extraCopies);
    assertThat(counters.getLong("delayed")).isPositive();

    DeliveryTraps none = new DeliveryTraps(11, 0, 0, 0);
    assertThat(plans(none, 1_000)).allSatisfy(p -> assertThat(p.copyDelaysMillis()).containsExactly(0L));
  }

  @Test
  void forced_fates_come_first_in_order_and_only_for_their_type() {
    DeliveryTraps traps = new DeliveryTraps(1, 0, 0, 0);
    traps.apply(new JsonObject().put("dropNext", 2).put("notificationType", "ORDER_CHANGE"));
    traps.apply(new JsonObject().put("duplicateNext", 10));
    // The duplicate is for any type: the offer change takes it, the drops wait for order changes.
    assertThat(traps.plan("ANY_OFFER_CHANGED").copyDelaysMillis()).hasSize(10).containsOnly(0L);
    assertThat(traps.plan("ORDER_CHANGE").dropped()).isTrue();
    assertThat(traps.plan("ORDER_CHANGE").dropped()).isTrue();
    assertThat(traps.plan("ORDER_CHANGE").copyDelaysMillis()).containsExactly(0L);

    traps.apply(new JsonObject().put("delayNextMillis", 4_000).put("maxDelayMillis", 0));
    assertThat(traps.plan("REPORT_PROCESSING_FINISHED").copyDelaysMillis()).containsExactly(4_000L);
    traps.apply(new JsonObject().put("dropNext", 5).put("clearForced", true));
    assertThat(traps.toJson().getJsonArray("forced")).hasSize(1);
    traps.apply(new JsonObject().put("clearForced", true));
    assertThat(traps.toJson().getJsonArray("forced")).isEmpty();
    assertThat(traps.plan("ORDER_CHANGE").dropped()).isFalse();

    assertThatThrownBy(() -> traps.apply(new JsonObject().put("dropRate", 1.5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> traps.apply(new JsonObject().put("duplicateNext", 0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> traps.apply(new JsonObject().put("maxDelayMillis", -1))).isInstanceOf(IllegalArgumentException.class);
  }
}
