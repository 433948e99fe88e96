package io.spgate.events;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.UUID;

/** A state change to tell the tenant about; written in the same transaction as the change. */
public record NewEvent(UUID tenantId, String type, String resourceType, String resourceId, JsonObject data) {

  public NewEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceId, "resourceId");
    if (!EventTypes.ALL.contains(type)) {
      throw new IllegalArgumentException("Unknown event type " + type + "; add it to EventTypes");
    }
    data = data == null ? new JsonObject() : data;
  }
}
