package io.spgate.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's webhook endpoint as the API shows it: never with its secret, which is shown once at creation. */
record WebhookEndpoint(UUID id, UUID tenantId, String url, Optional<String> description, List<String> eventTypes, boolean enabled,
    Optional<String> disabledReason, Optional<OffsetDateTime> failingSince, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, tenant_id, url, description, event_types, enabled, disabled_reason, failing_since, created_at,"
      + " updated_at";

  static WebhookEndpoint from(Row row) {
    return new WebhookEndpoint(row.getUUID("id"), row.getUUID("tenant_id"), row.getString("url"),
        Optional.ofNullable(row.getString("description")), List.of(row.getArrayOfStrings("event_types")), row.getBoolean("enabled"),
        Optional.ofNullable(row.getString("disabled_reason")), Optional.ofNullable(row.getOffsetDateTime("failing_since")),
        row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id.toString())
        .put("url", url)
        .put("description", description.orElse(null))
        .put("eventTypes", new JsonArray(eventTypes))
        .put("enabled", enabled)
        .put("disabledReason", disabledReason.orElse(null))
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString());
    failingSince.ifPresent(since -> json.put("failingSince", since.toString()));
    return json;
  }
}
