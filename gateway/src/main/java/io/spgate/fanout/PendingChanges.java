package io.spgate.fanout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;

/**
 * A seller's open items turned into what to send: per SKU the newest value of each field (price,
 * quantity, handling time). An older pending item whose every field a newer pending item of the same
 * SKU sets is superseded. A SKU with an item still out at Amazon (sent) waits until its outcome, so
 * nothing sent later can be overtaken by something sent earlier.
 */
record PendingChanges(List<SkuChange> changes, List<Long> superseded, int blockedSkus) {

  /** @param open the seller's pending and sent items, oldest first */
  static PendingChanges of(UUID sellerId, List<OpenItem> open) {
    Set<String> inFlight = new HashSet<>();
    for (OpenItem item : open) {
      if (item.sent()) {
        inFlight.add(key(item));
      }
    }
    Map<String, List<OpenItem>> bySku = new LinkedHashMap<>();
    for (OpenItem item : open) {
      if (!item.sent() && !inFlight.contains(key(item))) {
        bySku.computeIfAbsent(key(item), k -> new ArrayList<>()).add(item);
      }
    }
    List<SkuChange> changes = new ArrayList<>(bySku.size());
    List<Long> superseded = new ArrayList<>();
    for (List<OpenItem> items : bySku.values()) {
      OpenItem price = null;
      OpenItem quantity = null;
      OpenItem handling = null;
      // Newest first: the first item to set a field wins it; an item that wins none is superseded.
      List<Long> sending = new ArrayList<>();
      for (int i = items.size() - 1; i >= 0; i--) {
        OpenItem item = items.get(i);
        boolean wins = false;
        if (item.price().isPresent() && price == null) {
          price = item;
          wins = true;
        }
        if (item.listedQuantity().isPresent() && quantity == null) {
          quantity = item;
          wins = true;
        }
        if (item.handlingTime().isPresent() && handling == null) {
          handling = item;
          wins = true;
        }
        (wins ? sending : superseded).add(item.seq());
      }
      OpenItem first = items.get(0);
      changes.add(new SkuChange(sellerId, first.marketplaceId(), first.sku(),
          Optional.ofNullable(price).flatMap(OpenItem::price), Optional.ofNullable(price).flatMap(OpenItem::currency),
          Optional.ofNullable(quantity).flatMap(OpenItem::listedQuantity), Optional.ofNullable(handling).flatMap(OpenItem::handlingTime),
          List.copyOf(sending)));
    }
    return new PendingChanges(changes, superseded, inFlight.size());
  }

  private static String key(OpenItem item) {
    return item.marketplaceId() + "\t" + item.sku();
  }
}
