package io.spgate.simulator.pricing;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.SeededIds;
import io.spgate.simulator.data.Seller;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The offers on an ASIN: the calling seller's own (from its listing, so a price patch shows at once) and two
 * competitors' whose prices are a function of the ASIN and the seed.
 */
final class CompetingOffers {
  record Offer(String sellerId, BigDecimal price, boolean fba, boolean mine, String sku) {}

  private final DemoWorld world;

  CompetingOffers(DemoWorld world) {
    this.world = world;
  }

  List<Offer> offers(Seller seller, String asin, Marketplace marketplace) {
    List<Offer> offers = new ArrayList<>();
    Listing own = world.store(seller).listingByAsin(asin).orElse(null);
    BigDecimal reference = own == null ? null : own.price(marketplace.id()).orElse(null);
    long h = SeededIds.mix(world.seed() ^ asin.hashCode());
    if (reference == null) {
      reference = BigDecimal.valueOf(999 + Math.floorMod(h, 10_000), 2);
    } else {
      offers.add(new Offer(seller.sellerId(), reference, own.fulfilledByAmazon(), true, own.sku()));
    }
    for (int i = 0; i < 2; i++) {
      long hi = SeededIds.mix(h + i);
      // Competitors sit within ±10 % of the reference price.
      BigDecimal factor = BigDecimal.valueOf(90 + Math.floorMod(hi, 21), 2);
      offers.add(new Offer("A" + Long.toString(Math.abs(hi), 36).toUpperCase(),
          reference.multiply(factor).setScale(2, RoundingMode.HALF_UP), i == 0, false, null));
    }
    offers.sort(Comparator.comparing(Offer::price));
    return offers;
  }
}
