package io.spgate.tenant;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A SaaS vendor or merchant account that owns sellers. */
public record Tenant(UUID id, String name, OffsetDateTime createdAt) {

  static Tenant from(Row row) {
    return new Tenant(row.getUUID("id"), row.getString("name"), row.getOffsetDateTime("created_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("name", name).put("createdAt", createdAt.toString());
  }
}
