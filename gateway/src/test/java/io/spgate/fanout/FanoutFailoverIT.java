package io.spgate.fanout;

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
 * An instance dies in the middle of a job; another one, on the same database, finishes it: no item
 * is lost, none stays open, and every listing ends with the newest value sent.
 */
@Timeout(300)
class FanoutFailoverIT {

  @Test
  void should_finish_the_patches_and_the_feed_of_an_instance_that_died() {
    try (FanoutStack stack = FanoutStack.start(new SimulatorOptions().port(0).sellers(2).listingsPerSeller(50).ordersPerSeller(0)
        .feedDelays(500, 4_000), FanoutStack.settings("SPGATE_FEED_PROCESSING_GUESS", "2s", "SPGATE_UPDATE_LEASE", "6s"))) {
      Seller patching = stack.sellers.get(0);
      Seller feeding = stack.sellers.get(1);
      List<FanoutStack.Sku> patchSkus = stack.skus(patching).stream().filter(s -> !s.fba()).toList();
      List<FanoutStack.Sku> feedSkus = stack.skus(feeding).stream().filter(s -> !s.fba()).toList();
      stack.importMappings(patching, patchSkus, "", "");
      stack.importMappings(feeding, feedSkus, "", "");
      TestGateway first = stack.gateway();

      // 10 SKUs go as patches (1 s at 5 a second), 35 as a feed (expected to take 2 s at Amazon; the simulator takes 4.5 s).
      String patchJob = submit(stack, patching, patchSkus.subList(0, 10), 1.1);
      String feedJob = submit(stack, feeding, feedSkus, 1.3);
      Eventually.until(stack.amazon.vertx, () -> stack.job(patchJob), j -> j.getJsonObject("counts").getInteger("accepted") > 0);
      // The same SKUs again, newer: they must win whichever instance sends them.
      String newerJob = submit(stack, patching, patchSkus, 1.2);
      Eventually.until(stack.amazon.vertx, () -> stack.count("SELECT count(*) FROM update_submissions WHERE state = 'created'"),
          created -> created > 0);
      TestGateway second = stack.startAnother();
      stack.stop(first);

      for (String job : List.of(patchJob, feedJob, newerJob)) {
        JsonObject done = stack.finished(job);
        assertThat(done.getJsonObject("counts").getInteger("pending")).isZero();
        assertThat(done.getJsonObject("counts").getInteger("sent")).isZero();
        assertThat(done.getDouble("progress")).isEqualTo(1.0);
      }
      assertThat(stack.job(feedJob).getJsonObject("counts").getInteger("applied")).isEqualTo(feedSkus.size());
      assertThat(stack.gateway()).isSameAs(second);
      for (FanoutStack.Sku sku : patchSkus) {
        assertThat(price(stack.listing(patching, sku.sku()))).as(sku.sku()).isEqualByComparingTo(sku.priceTimes(1.2));
      }
      for (FanoutStack.Sku sku : feedSkus) {
        assertThat(price(stack.listing(feeding, sku.sku()))).as(sku.sku()).isEqualByComparingTo(sku.priceTimes(1.3));
      }
    }
  }

  private static String submit(FanoutStack stack, Seller seller, List<FanoutStack.Sku> skus, double factor) {
    String currency = Marketplace.byId(seller.marketplaces().get(0)).orElseThrow().currency();
    JsonArray items = new JsonArray();
    skus.forEach(sku -> items.add(new JsonObject().put("channelId", FanoutStack.channel(seller)).put("sku", sku.sku())
        .put("price", new JsonObject().put("amount", new BigDecimal(sku.priceTimes(factor))).put("currency", currency))));
    return stack.updates(UUID.randomUUID().toString(), items).bodyAsJsonObject().getString("jobId");
  }

  private static BigDecimal price(JsonObject attributes) {
    return new BigDecimal(attributes.getJsonArray("purchasable_offer").getJsonObject(0).getJsonArray("our_price").getJsonObject(0)
        .getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax").toString());
  }
}
