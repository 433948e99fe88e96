package io.spgate.webhooks;

import io.spgate.events.Event;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A delivery leased for one attempt: the event, where it goes, and how it went so far. */
record Delivery(long id, UUID endpointId, UUID tenantId, String url, String secretKeyId, Buffer sealedSecret, int attempts,
    Optional<OffsetDateTime> firstAttemptAt, Event event) {

  static Delivery from(Row row) {
    return new Delivery(row.getLong("delivery_id"), row.getUUID("endpoint_id"), row.getUUID("tenant_id"), row.getString("url"),
        row.getString("secret_key_id"), row.getBuffer("secret_sealed"), row.getInteger("attempts"),
        Optional.ofNullable(row.getOffsetDateTime("first_attempt_at")),
        Event.from(row));
  }
}
