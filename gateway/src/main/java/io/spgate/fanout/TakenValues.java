package io.spgate.fanout;

import io.spgate.channels.MappingStore;
import io.spgate.channels.SkuKey;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps on the mappings what Amazon took (a patch ACCEPTED, a feed message applied): the last price,
 * which the max-change guardrail measures the next price against, and the listed quantity.
 */
final class TakenValues {

  private static final Logger LOG = LoggerFactory.getLogger(TakenValues.class);

  private TakenValues() {}

  static Future<Void> record(MappingStore mappings, List<SkuChange> taken) {
    Map<SkuKey, BigDecimal> prices = new HashMap<>();
    Map<SkuKey, Integer> quantities = new HashMap<>();
    for (SkuChange change : taken) {
      change.price().ifPresent(price -> prices.put(change.key(), price));
      change.listedQuantity().ifPresent(quantity -> quantities.put(change.key(), quantity));
    }
    Instant now = Instant.now();
    // The items' outcomes are stored already; a mapping that misses its last price only loosens the next change check.
    return mappings.recordTaken(prices, quantities, now)
        .onFailure(e -> LOG.warn("The last price and quantity of {} SKU(s) could not be kept on their mappings: {}", taken.size(),
            e.getMessage()))
        .recover(e -> Future.succeededFuture());
  }
}
