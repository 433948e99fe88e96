package io.spgate.simulator.listings;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.ListingsMix;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.notifications.DeliveryTraps;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.spgate.simulator.notifications.NotificationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A patch costs the same for a seller with 100,000 listings as for one with 40: nothing in it walks the seller's
 * catalogue, so thousands of patches a second stay cheap whatever the benchmark's listings mix.
 */
@ExtendWith(VertxExtension.class)
class PatchCostTest {

  private static long nanosPerPatch(Vertx vertx, int listings) {
    DemoWorld world = new DemoWorld(42, 10, 1, ListingsMix.uniform(listings), 0, Instant.now());
    Seller seller = world.sellers().get(0);
    SellerStore store = world.store(seller);
    SimClock clock = new SimClock(1);
    NotificationPublisher notifications =
        new NotificationPublisher(vertx, new NotificationRegistry(), clock, new DeliveryTraps(42, 0, 0, 0));
    ListingEditor editor = new ListingEditor(clock, notifications, new ForcedIssues(), new ListingIssues());
    Marketplace mp = seller.homeMarketplace();
    List<String> skus = new ArrayList<>(store.listings().navigableKeySet()).subList(0, 40);
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < 2_000; i++) {
        String sku = skus.get(i % skus.size());
        BigDecimal price = store.listing(sku).orElseThrow().price(mp.id()).orElseThrow().add(BigDecimal.ONE);
        JsonArray patches = new JsonArray().add(new JsonObject().put("op", "replace").put("path", "/attributes/purchasable_offer")
            .put("value", new JsonArray().add(SellerStore.offer(mp, price))));
        assertThat(editor.patch(store, sku, mp, "PRODUCT", patches, ListingEditor.Mode.APPLY).applied()).isTrue();
      }
      best = Math.min(best, (System.nanoTime() - start) / 2_000);
    }
    return best;
  }

  @Test
  void a_patch_costs_the_same_whatever_the_number_of_the_sellers_listings(Vertx vertx) {
    long small = nanosPerPatch(vertx, 40);
    long large = nanosPerPatch(vertx, 100_000);
    // Generous bounds for a busy machine; a patch that walked 100,000 listings would take milliseconds, not microseconds.
    assertThat(large).as("ns per patch with 100,000 listings (40 listings: %d)", small).isLessThan(Math.max(10 * small, 200_000));
  }
}
