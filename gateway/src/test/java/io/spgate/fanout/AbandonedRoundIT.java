package io.spgate.fanout;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.TestGateway;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An instance stops while its patches are still at Amazon, longer than its shutdown grace: it closes without giving
 * them back as unsent, and the instance that takes the seller on reads them back rather than send them twice.
 */
@Timeout(120)
class AbandonedRoundIT {

  private static final int SKUS = 8;

  @Test
  void should_leave_patches_cut_by_the_end_of_the_grace_to_be_read_back_not_sent_again() {
    try (FanoutStack stack = FanoutStack.start(new SimulatorOptions().port(0).sellers(1).listingsPerSeller(30).ordersPerSeller(0),
        FanoutStack.settings("SPGATE_UPDATE_LEASE", "6s", "SPGATE_SHUTDOWN_GRACE", "1s"))) {
      Seller seller = stack.sellers.get(0);
      List<FanoutStack.Sku> skus = stack.skus(seller).stream().filter(s -> !s.fba()).limit(SKUS).toList();
      stack.importMappings(seller, skus, "", "");
      TestGateway first = stack.gateway();
      // Amazon holds every call longer than the grace: the round's patches are in progress when the grace ends.
      stack.amazon.simulator.faults().setAddedLatencyMillis(3_000);
      String job = submit(stack, seller, skus);
      long sent = Eventually.until(stack.amazon.vertx, () -> stack.count("SELECT count(*) FROM update_items WHERE status = 'sent'"),
          count -> count > 0);

      await(first.gateway.stop());
      assertThat(stack.count("SELECT count(*) FROM update_items WHERE status = 'sent'")).as("left sent").isEqualTo(sent).isPositive();

      stack.amazon.simulator.faults().setAddedLatencyMillis(0);
      stack.startAnother();
      stack.stop(first);
      JsonObject done = stack.finished(job);
      assertThat(done.getJsonObject("counts").getInteger("accepted")).isEqualTo(SKUS);
      // The patches cut at the end of the grace were applied at Amazon (its answers never came, so it counted none of them);
      // the next instance read them back and sent only the others.
      assertThat(stack.amazon.simulator.stats().count(seller.sellingPartnerId(), Planner.PATCH_OPERATION, "2xx"))
          .as("patches answered by Amazon").isEqualTo(SKUS - sent);
      for (FanoutStack.Sku sku : skus) {
        assertThat(price(stack.listing(seller, sku.sku()))).as(sku.sku()).isEqualByComparingTo(sku.priceTimes(1.1));
      }
    }
  }

  private static String submit(FanoutStack stack, Seller seller, List<FanoutStack.Sku> skus) {
    String currency = Marketplace.byId(seller.marketplaces().get(0)).orElseThrow().currency();
    JsonArray items = new JsonArray();
    skus.forEach(sku -> items.add(new JsonObject().put("channelId", FanoutStack.channel(seller)).put("sku", sku.sku())
        .put("price", new JsonObject().put("amount", new BigDecimal(sku.priceTimes(1.1))).put("currency", currency))));
    return stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
  }

  private static BigDecimal price(JsonObject attributes) {
    return new BigDecimal(attributes.getJsonArray("purchasable_offer").getJsonObject(0).getJsonArray("our_price").getJsonObject(0)
        .getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax").toString());
  }
}
