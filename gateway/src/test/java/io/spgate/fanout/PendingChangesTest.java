package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PendingChangesTest {

  private static final UUID SELLER = UUID.randomUUID();
  private static final UUID JOB = UUID.randomUUID();
  private static final String US = "ATVPDKIKX0DER";

  private static OpenItem item(long seq, String sku, String price, Integer quantity, String status) {
    return new OpenItem(seq, JOB, US, sku, Optional.ofNullable(price).map(BigDecimal::new), Optional.ofNullable(price).map(p -> "USD"),
        Optional.ofNullable(quantity), Optional.empty(), status, Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void should_send_the_newest_value_of_each_field_and_supersede_items_that_set_nothing_newer() {
    PendingChanges changes = PendingChanges.of(SELLER, List.of(
        item(1, "A", "10.00", 5, "pending"),
        item(2, "A", "12.00", null, "pending"),
        item(3, "A", "13.00", null, "pending"),
        item(4, "B", null, 7, "pending")));

    assertThat(changes.changes()).hasSize(2);
    SkuChange a = changes.changes().get(0);
    assertThat(a.sku()).isEqualTo("A");
    assertThat(a.price()).contains(new BigDecimal("13.00"));
    // Item 1's price is overtaken, its quantity is not: it still travels, with the newest price.
    assertThat(a.listedQuantity()).contains(5);
    assertThat(a.itemSeqs()).containsExactlyInAnyOrder(1L, 3L);
    assertThat(changes.superseded()).containsExactly(2L);
    assertThat(changes.changes().get(1).listedQuantity()).contains(7);
  }

  @Test
  void should_hold_back_a_sku_with_an_item_still_out_at_amazon() {
    PendingChanges changes = PendingChanges.of(SELLER, List.of(
        item(1, "A", "10.00", null, "sent"),
        item(2, "A", "11.00", null, "pending"),
        item(3, "B", "9.00", null, "pending")));

    assertThat(changes.changes()).extracting(SkuChange::sku).containsExactly("B");
    assertThat(changes.superseded()).isEmpty();
    assertThat(changes.blockedSkus()).isEqualTo(1);
  }
}
