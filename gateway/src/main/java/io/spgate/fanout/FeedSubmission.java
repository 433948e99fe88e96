package io.spgate.fanout;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A JSON_LISTINGS_FEED as recorded before and while it was sent (update_submissions). */
record FeedSubmission(long id, UUID sellerId, String marketplaceId, String state, int messages, Optional<String> feedDocumentId,
    Optional<String> feedId, Optional<OffsetDateTime> nextPollAt, OffsetDateTime recordedAt, Optional<OffsetDateTime> createdAt) {

  static final String RECORDED = "recorded";
  static final String UPLOADED = "uploaded";
  static final String CREATED = "created";
  static final String DONE = "done";
  static final String COLUMNS = "id, seller_id, marketplace_id, state, messages, feed_document_id, feed_id, next_poll_at, recorded_at,"
      + " created_at";

  static FeedSubmission from(Row row) {
    return new FeedSubmission(row.getLong("id"), row.getUUID("seller_id"), row.getString("marketplace_id"), row.getString("state"),
        row.getInteger("messages"), Optional.ofNullable(row.getString("feed_document_id")), Optional.ofNullable(row.getString("feed_id")),
        Optional.ofNullable(row.getOffsetDateTime("next_poll_at")), row.getOffsetDateTime("recorded_at"),
        Optional.ofNullable(row.getOffsetDateTime("created_at")));
  }
}
