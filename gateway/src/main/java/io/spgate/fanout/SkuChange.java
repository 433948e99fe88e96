package io.spgate.fanout;

import io.spgate.channels.SkuKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one SKU on one marketplace is to become: the newest pending value of each field, and the
 * items that asked for it (they share its outcome).
 */
record SkuChange(UUID sellerId, String marketplaceId, String sku, Optional<BigDecimal> price, Optional<String> currency,
    Optional<Integer> listedQuantity, Optional<Integer> handlingTime, List<Long> itemSeqs) {

  SkuKey key() {
    return new SkuKey(sellerId, marketplaceId, sku);
  }
}
