package io.spgate.channels;

import io.spgate.seller.Marketplace;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One mapped SKU of a channel: what it is at Amazon (ASIN, fulfillment, product type), the
 * guardrails its updates keep, and what spgate last saw: the price and listed quantity Amazon
 * took (with when), and for FBA the fulfillable quantity Amazon holds (with when it was read).
 */
public record Mapping(UUID tenantId, UUID sellerId, String marketplaceId, String sku, String asin, Fulfillment fulfillment,
    String productType, Guardrails guardrails, Optional<BigDecimal> lastPrice, Optional<Integer> listedQuantity,
    Optional<Instant> lastPriceAt, Optional<Instant> listedAt, Optional<Integer> fbaQuantity, Optional<Instant> fbaSyncedAt,
    Instant updatedAt) {

  static final String COLUMNS = "tenant_id, seller_id, marketplace_id, sku, asin, fulfillment, product_type, min_price, max_price, "
      + "max_change_percent, stock_buffer, max_quantity, last_price, last_price_at, listed_quantity, listed_at, fba_quantity, "
      + "fba_synced_at, updated_at";

  public SkuKey key() {
    return new SkuKey(sellerId, marketplaceId, sku);
  }

  public ChannelId channelId() {
    return new ChannelId(sellerId, marketplaceId);
  }

  /** The currency of the channel's prices (ISO 4217). */
  public String currency() {
    return Marketplace.byId(marketplaceId).map(Marketplace::currency).orElseThrow();
  }

  /** A row of {@link #COLUMNS}, read by position: a lookup by name hashes each name, on every row of a page or an import. */
  static Mapping from(Row row) {
    return new Mapping(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3), row.getString(4),
        Fulfillment.valueOf(row.getString(5)), row.getString(6),
        new Guardrails(decimal(row, 7), decimal(row, 8), decimal(row, 9), row.getInteger(10), Optional.ofNullable(row.getInteger(11))),
        decimal(row, 12), Optional.ofNullable(row.getInteger(14)), instant(row, 13), instant(row, 15),
        Optional.ofNullable(row.getInteger(16)), instant(row, 17), row.getOffsetDateTime(18).toInstant());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("channelId", channelId().value())
        .put("sku", sku)
        .put("asin", asin)
        .put("fulfillment", fulfillment.name())
        .put("conflictStrategy", fulfillment.conflictStrategy())
        .put("productType", productType)
        .put("guardrails", guardrails.toJson())
        .put("lastPrice", lastPrice.map(amount -> new JsonObject().put("amount", amount).put("currency", currency())).orElse(null))
        .put("lastPriceAt", time(lastPriceAt))
        .put("listedQuantity", listedQuantity.orElse(null))
        .put("listedAt", time(listedAt))
        .put("fbaQuantity", fbaQuantity.orElse(null))
        .put("fbaSyncedAt", time(fbaSyncedAt))
        .put("updatedAt", updatedAt.toString());
  }

  /** The mapping as the inventory route shows it. */
  JsonObject toInventoryJson() {
    return new JsonObject()
        .put("sku", sku)
        .put("asin", asin)
        .put("fulfillment", fulfillment.name())
        .put("fbaQuantity", fbaQuantity.orElse(null))
        .put("fbaSyncedAt", time(fbaSyncedAt))
        .put("listedQuantity", listedQuantity.orElse(null))
        .put("listedAt", time(listedAt));
  }

  static String time(Optional<Instant> at) {
    return at.map(Instant::toString).orElse(null);
  }

  static Optional<BigDecimal> decimal(Row row, int column) {
    Numeric value = row.get(Numeric.class, column);
    return value == null ? Optional.empty() : Optional.of(value.bigDecimalValue());
  }

  private static Optional<Instant> instant(Row row, int column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }
}
