package io.spgate.channels;

import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What an update of a mapped SKU is checked against, and no more: its fulfillment, its guardrails and the last price
 * Amazon took (for the largest change allowed). An intake reads 100,000 of these; the rest of a {@link Mapping} (ASIN,
 * product type, FBA stock, times) would double what Postgres sends and the gateway decodes.
 */
public record MappingRules(Fulfillment fulfillment, Guardrails guardrails, Optional<BigDecimal> lastPrice) {

  /** The columns a lookup reads after the key's position, in {@link #from}'s order. */
  static final String COLUMNS = "m.fulfillment, m.min_price, m.max_price, m.max_change_percent, m.stock_buffer, m.max_quantity, m.last_price";

  /** The columns from {@code first} on, by position. */
  static MappingRules from(Row row, int first) {
    return new MappingRules(Fulfillment.valueOf(row.getString(first)), new Guardrails(Mapping.decimal(row, first + 1),
        Mapping.decimal(row, first + 2), Mapping.decimal(row, first + 3), row.getInteger(first + 4),
        Optional.ofNullable(row.getInteger(first + 5))), Mapping.decimal(row, first + 6));
  }
}
