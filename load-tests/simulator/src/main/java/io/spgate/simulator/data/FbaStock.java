package io.spgate.simulator.data;

import java.time.Instant;

/**
 * Amazon's stock of one FBA SKU: how many units can ship, and when that last changed (what getInventorySummaries'
 * startDateTime filters on). The seller cannot set it; Amazon (here the admin API) does.
 */
public record FbaStock(int fulfillable, Instant changedAt) {

  /** Until something changes it, the stock is a function of the SKU and dates from the listing's last update. */
  static FbaStock seeded(Listing listing) {
    return new FbaStock(Math.floorMod(listing.sku().hashCode(), 300), listing.lastUpdatedDate());
  }
}
