package io.spgate.fanout;

import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/** An item not yet at its outcome, as a seller's round reads it (oldest first, by seq). */
record OpenItem(long seq, UUID jobId, String marketplaceId, String sku, Optional<BigDecimal> price, Optional<String> currency,
    Optional<Integer> listedQuantity, Optional<Integer> handlingTime, String status, Optional<String> path, Optional<Long> submissionId,
    Optional<Integer> messageId) {

  static final String COLUMNS = "seq, job_id, marketplace_id, sku, price, currency, listed_quantity, handling_time, status, path,"
      + " submission_id, message_id";

  static OpenItem from(Row row) {
    return new OpenItem(row.getLong("seq"), row.getUUID("job_id"), row.getString("marketplace_id"), row.getString("sku"),
        Optional.ofNullable(row.getBigDecimal("price")), Optional.ofNullable(row.getString("currency")),
        Optional.ofNullable(row.getInteger("listed_quantity")), Optional.ofNullable(row.getInteger("handling_time")),
        row.getString("status"), Optional.ofNullable(row.getString("path")), Optional.ofNullable(row.getLong("submission_id")),
        Optional.ofNullable(row.getInteger("message_id")));
  }

  boolean sent() {
    return ItemStatus.SENT.equals(status);
  }
}
