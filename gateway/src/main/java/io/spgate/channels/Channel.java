package io.spgate.channels;

import io.spgate.seller.Marketplace;
import io.spgate.seller.Region;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A seller on one of its marketplaces, with how many of its SKUs are mapped and when its FBA stock was last read. */
public record Channel(ChannelId id, UUID tenantId, String sellingPartnerId, Region region, Seller.Status sellerStatus, long mappings,
    Optional<Instant> fbaSyncedAt) {

  public Marketplace marketplace() {
    return id.marketplace();
  }

  static Channel from(Row row) {
    return new Channel(new ChannelId(row.getUUID("id"), row.getString("marketplace_id")), row.getUUID("tenant_id"),
        row.getString("selling_partner_id"), Region.parse(row.getString("region")).orElseThrow(),
        Seller.Status.parse(row.getString("status")).orElseThrow(), row.getLong("mappings"),
        Optional.ofNullable(row.getOffsetDateTime("synced_at")).map(OffsetDateTime::toInstant));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.value())
        .put("sellerId", id.sellerId().toString())
        .put("sellingPartnerId", sellingPartnerId)
        .put("marketplaceId", id.marketplaceId())
        .put("marketplace", marketplace().name())
        .put("region", region.code())
        .put("currency", marketplace().currency())
        .put("sellerStatus", sellerStatus.value())
        .put("mappings", mappings)
        .put("fbaSyncedAt", Mapping.time(fbaSyncedAt));
  }
}
