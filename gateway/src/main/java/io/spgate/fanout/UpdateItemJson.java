package io.spgate.fanout;

import io.spgate.channels.ChannelId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One item of a job as its tenant reads it. */
final class UpdateItemJson {

  private UpdateItemJson() {}

  static JsonObject of(Row row) {
    BigDecimal price = row.getBigDecimal("price");
    ChannelId channel = new ChannelId(row.getUUID("seller_id"), row.getString("marketplace_id"));
    Long submission = row.getLong("submission_id");
    JsonArray issues = row.getJsonArray("issues");
    return new JsonObject().put("index", row.getInteger("item_index")).put("channelId", channel.value())
        .put("sellerId", channel.sellerId().toString()).put("marketplaceId", channel.marketplaceId()).put("sku", row.getString("sku"))
        .put("price", price == null ? null : new JsonObject().put("amount", price).put("currency", row.getString("currency")))
        .put("quantity", row.getInteger("quantity")).put("listedQuantity", row.getInteger("listed_quantity"))
        .put("handlingTime", row.getInteger("handling_time")).put("status", row.getString("status")).put("path", row.getString("path"))
        .put("feedId", row.getString("feed_id")).put("submissionId", submission == null ? null : submission.toString())
        .put("issues", issues == null ? new JsonArray() : issues)
        .put("updatedAt", text(row.getOffsetDateTime("updated_at"))).put("sentAt", text(row.getOffsetDateTime("sent_at")))
        .put("resultAt", text(row.getOffsetDateTime("result_at")));
  }

  private static String text(OffsetDateTime time) {
    return time == null ? null : time.toString();
  }
}
