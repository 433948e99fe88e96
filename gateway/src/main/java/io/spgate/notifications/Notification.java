package io.spgate.notifications;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One of Amazon's notifications as it came off the queue. Amazon writes some types in PascalCase
 * (ORDER_CHANGE: {@code NotificationMetadata.NotificationId}) and others in camelCase
 * (FEED_PROCESSING_FINISHED: {@code notificationMetadata.notificationId}), so every field is read
 * without regard to case.
 */
public record Notification(String type, String notificationId, Optional<String> applicationId, JsonObject payload, String raw) {

  /** Thrown for a message that is not a notification at all; it goes to the dead letters at once. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  public static Notification parse(String body) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new Unreadable("the message is not a JSON object");
    }
    String type = string(json, "notificationType").orElseThrow(() -> new Unreadable("the message names no notificationType"));
    JsonObject metadata = object(json, "notificationMetadata").orElseThrow(() -> new Unreadable("the message has no notificationMetadata"));
    String id = string(metadata, "notificationId").orElseThrow(() -> new Unreadable("the message has no notificationId"));
    JsonObject payload = object(json, "payload").orElseThrow(() -> new Unreadable("the message has no payload"));
    return new Notification(type, id, string(metadata, "applicationId"), payload, body);
  }

  /** A field of {@code json} whatever the case of its name. */
  public static Optional<Object> field(JsonObject json, String name) {
    Object exact = json.getValue(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Object> entry : json) {
      if (entry.getKey().toLowerCase(Locale.ROOT).equals(wanted) && entry.getValue() != null) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  public static Optional<String> string(JsonObject json, String name) {
    return field(json, name).filter(String.class::isInstance).map(String.class::cast).filter(s -> !s.isBlank());
  }

  public static Optional<JsonObject> object(JsonObject json, String name) {
    return field(json, name).map(value -> value instanceof Map<?, ?> map ? new JsonObject(castMap(map)) : value)
        .filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
  }

  /** The objects of an array field of {@code json}, whatever the case of its name; empty when there is none. */
  public static List<JsonObject> objects(JsonObject json, String name) {
    List<JsonObject> list = new ArrayList<>();
    if (field(json, name).orElse(null) instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof JsonObject object) {
          list.add(object);
        } else if (item instanceof Map<?, ?> map) {
          list.add(new JsonObject(castMap(map)));
        }
      }
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
