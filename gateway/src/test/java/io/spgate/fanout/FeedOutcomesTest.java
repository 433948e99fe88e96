package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedOutcomesTest {

  private static OpenItem sent(long seq, int messageId) {
    return new OpenItem(seq, UUID.randomUUID(), "ATVPDKIKX0DER", "SKU-" + messageId, Optional.empty(), Optional.empty(),
        Optional.of(1), Optional.empty(), "sent", Optional.of("feed"), Optional.of(9L), Optional.of(messageId));
  }

  private static JsonObject issue(int messageId, String severity, String code) {
    return new JsonObject().put("messageId", messageId).put("code", code).put("severity", severity).put("message", code + " said");
  }

  @Test
  void should_map_each_message_of_the_report_back_to_its_items() {
    List<OpenItem> items = List.of(sent(1, 1), sent(2, 2), sent(3, 2), sent(4, 3));
    Map<Integer, JsonArray> issues = Map.of(
        2, new JsonArray().add(issue(2, "ERROR", "8541")),
        3, new JsonArray().add(issue(3, "WARNING", "99010")));

    List<ItemOutcome> outcomes = FeedRoute.outcomes(items, issues, false);

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes.get(0).seqs()).containsExactly(1L);
    assertThat(outcomes.get(0).status()).isEqualTo(ItemStatus.APPLIED);
    assertThat(outcomes.get(1).seqs()).containsExactly(2L, 3L);
    assertThat(outcomes.get(1).status()).isEqualTo(ItemStatus.REJECTED);
    assertThat(outcomes.get(1).issues().getJsonObject(0).getString("code")).isEqualTo("8541");
    // A warning does not stop a message from being applied; it is kept with the item.
    assertThat(outcomes.get(2).status()).isEqualTo(ItemStatus.APPLIED);
    assertThat(outcomes.get(2).issues()).hasSize(1);
  }

  @Test
  void should_not_call_anything_applied_when_the_feed_was_fatal() {
    List<ItemOutcome> outcomes = FeedRoute.outcomes(List.of(sent(1, 1)),
        Map.of(0, new JsonArray().add(new JsonObject().put("code", "FATAL").put("severity", "ERROR").put("message", "bad"))), true);

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(ItemStatus.REJECTED);
      assertThat(o.issues().getJsonObject(0).getString("code")).isEqualTo("FATAL");
    });
  }
}
