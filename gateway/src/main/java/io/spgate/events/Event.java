package io.spgate.events;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** An event as the tenant reads it from {@code GET /v1/events} and receives it at a webhook. */
public record Event(long id, String type, String resourceType, String resourceId, OffsetDateTime createdAt, JsonObject data) {

  static final String COLUMNS = "id, type, resource_type, resource_id, created_at, data";

  public static Event from(Row row) {
    return new Event(row.getLong("id"), row.getString("type"), row.getString("resource_type"), row.getString("resource_id"),
        row.getOffsetDateTime("created_at"), row.getJsonObject("data"));
  }

  /** The id is a string: receivers compare it for equality (to drop a repeated delivery), never do sums with it. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", String.valueOf(id))
        .put("type", type)
        .put("resourceType", resourceType)
        .put("resourceId", resourceId)
        .put("createdAt", createdAt.toString())
        .put("data", data);
  }
}
