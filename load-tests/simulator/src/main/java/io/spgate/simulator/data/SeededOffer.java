package io.spgate.simulator.data;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What a seeded listing is made of, in a few numbers: the attributes JSON, the price per marketplace and the titles
 * are derived from them when asked. Titles are drawn from {@code titleSeed} in the seller's marketplace order, so every
 * call renders the same words.
 */
record SeededOffer(Seller seller, int index, long titleSeed, int basePriceCents, int quantity, boolean fba) {

  Optional<BigDecimal> price(String marketplaceId) {
    return Marketplace.byId(marketplaceId).filter(mp -> seller.sellsIn(marketplaceId)).map(this::price);
  }

  private BigDecimal price(Marketplace mp) {
    BigDecimal base = BigDecimal.valueOf(basePriceCents, 2);
    return mp == Marketplace.JP ? base.multiply(BigDecimal.valueOf(150)).setScale(0, RoundingMode.HALF_UP) : base;
  }

  String channelCode() {
    return fba ? "AMAZON_" + seller.region().name() : Listing.MFN_CHANNEL;
  }

  /** The title in {@code marketplaceId}, or, where the seller does not sell, the last marketplace's (as for set attributes). */
  String title(String marketplaceId) {
    SplittableRandom random = new SplittableRandom(titleSeed);
    String title = null;
    for (Marketplace mp : seller.marketplaces()) {
      title = TrickyTitles.of(index, mp, ProductWords.title(mp, random));
      if (mp.id().equals(marketplaceId)) {
        return title;
      }
    }
    return title;
  }

  JsonObject attributes() {
    SplittableRandom random = new SplittableRandom(titleSeed);
    JsonArray itemNames = new JsonArray();
    JsonArray offers = new JsonArray();
    for (Marketplace mp : seller.marketplaces()) {
      itemNames.add(new JsonObject().put("value", TrickyTitles.of(index, mp, ProductWords.title(mp, random)))
          .put("language_tag", mp.languageTag())
          .put("marketplace_id", mp.id()));
      offers.add(SellerStore.offer(mp, price(mp)));
    }
    return new JsonObject()
        .put("item_name", itemNames)
        .put("condition_type", new JsonArray().add(new JsonObject().put("value", "new_new")))
        .put("purchasable_offer", offers)
        .put("fulfillment_availability", new JsonArray().add(SellerStore.fulfillment(channelCode(), quantity)));
  }
}
