package io.spgate.channels;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What every update of a mapped SKU must keep: its price within [minPrice, maxPrice] and at most
 * maxChangePercent away from the last price Amazon took; its listed quantity the stock less
 * stockBuffer, never above maxQuantity.
 */
public record Guardrails(Optional<BigDecimal> minPrice, Optional<BigDecimal> maxPrice, Optional<BigDecimal> maxChangePercent,
    int stockBuffer, Optional<Integer> maxQuantity) {

  /** The highest price spgate takes, as a guardrail or in an update. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");

  public static final Guardrails NONE = new Guardrails(Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());

  /** The quantity to list for {@code available} units in stock: min(maxQuantity, max(0, available − stockBuffer)). */
  public int listedQuantity(int available) {
    long afterBuffer = Math.max(0L, (long) available - stockBuffer);
    return (int) Math.min(afterBuffer, maxQuantity.map(Integer::longValue).orElse(afterBuffer));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("minPrice", minPrice.orElse(null))
        .put("maxPrice", maxPrice.orElse(null))
        .put("maxChangePercent", maxChangePercent.orElse(null))
        .put("stockBuffer", stockBuffer)
        .put("maxQuantity", maxQuantity.orElse(null));
  }
}
