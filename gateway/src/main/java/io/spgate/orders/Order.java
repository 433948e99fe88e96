package io.spgate.orders;

import io.spgate.channels.ChannelId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** An order as spgate keeps it and shows it: one shape across channels. */
record Order(UUID id, UUID tenantId, UUID sellerId, String amazonOrderId, Optional<String> marketplaceId, String status,
    String fulfillment, OffsetDateTime purchasedAt, OffsetDateTime amazonUpdatedAt, Optional<OffsetDateTime> shipBy,
    Optional<String> currency, Optional<BigDecimal> total, JsonArray items, int version, OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, tenant_id, seller_id, amazon_order_id, marketplace_id, status, fulfillment, purchased_at, "
      + "amazon_updated_at, ship_by, currency, total, items, version, created_at, updated_at";

  static Order from(Row row) {
    Object items = row.getValue("items");
    return new Order(row.getUUID("id"), row.getUUID("tenant_id"), row.getUUID("seller_id"), row.getString("amazon_order_id"),
        Optional.ofNullable(row.getString("marketplace_id")), row.getString("status"), row.getString("fulfillment"),
        row.getOffsetDateTime("purchased_at"), row.getOffsetDateTime("amazon_updated_at"),
        Optional.ofNullable(row.getOffsetDateTime("ship_by")), Optional.ofNullable(row.getString("currency")),
        Optional.ofNullable(row.getBigDecimal("total")), items instanceof JsonArray array ? array : new JsonArray(items.toString()),
        row.getInteger("version"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("amazonOrderId", amazonOrderId)
        .put("sellerId", sellerId.toString())
        .put("channelId", marketplaceId.map(m -> new ChannelId(sellerId, m).value()).orElse(null))
        .put("marketplaceId", marketplaceId.orElse(null))
        .put("status", status)
        .put("fulfillment", fulfillment)
        .put("purchasedAt", purchasedAt.toInstant().toString())
        .put("lastUpdatedAt", amazonUpdatedAt.toInstant().toString())
        .put("shipBy", shipBy.map(t -> t.toInstant().toString()).orElse(null))
        .put("currency", currency.orElse(null))
        .put("total", total.map(t -> AmazonOrder.Money.json(t, currency.orElse(null))).orElse(null))
        .put("items", items)
        .put("version", version)
        .put("createdAt", createdAt.toInstant().toString())
        .put("updatedAt", updatedAt.toInstant().toString());
  }
}
