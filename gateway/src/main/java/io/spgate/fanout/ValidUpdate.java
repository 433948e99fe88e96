package io.spgate.fanout;

import io.spgate.channels.SkuKey;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * An update that passed every check: what spgate will send. {@code listedQuantity} is the quantity
 * Amazon is told, after the mapping's stock buffer and cap.
 */
record ValidUpdate(int index, UUID sellerId, String marketplaceId, String sku, Optional<BigDecimal> price, Optional<String> currency,
    Optional<Integer> quantity, Optional<Integer> listedQuantity, Optional<Integer> handlingTime) {

  SkuKey key() {
    return new SkuKey(sellerId, marketplaceId, sku);
  }
}
