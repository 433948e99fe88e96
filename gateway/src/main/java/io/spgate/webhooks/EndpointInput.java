package io.spgate.webhooks;

import io.spgate.events.EventTypes;
import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The fields of {@code POST /v1/webhooks} (url and eventTypes required) and of its PATCH (each optional), checked. */
record EndpointInput(Optional<URI> url, Optional<List<String>> eventTypes, Optional<Optional<String>> description,
    Optional<Boolean> enabled) {

  static final int MAX_DESCRIPTION = 500;
  /** What an endpoint may subscribe to: every type but the test event, which goes only where it is sent. */
  static final List<String> SUBSCRIBABLE = EventTypes.ALL.stream().filter(t -> !t.equals(EventTypes.TEST)).toList();

  static EndpointInput forCreate(JsonObject body, WebhookTargets targets) {
    Json.onlyFields(body, Set.of("url", "eventTypes", "description"));
    EndpointInput input = parse(body, targets);
    if (input.url().isEmpty()) {
      throw invalid("'url' is required.");
    }
    if (input.eventTypes().isEmpty()) {
      throw invalid("'eventTypes' is required: some of " + String.join(", ", SUBSCRIBABLE) + ", or [\"*\"] for all.");
    }
    return input;
  }

  static EndpointInput forUpdate(JsonObject body, WebhookTargets targets) {
    Json.onlyFields(body, Set.of("url", "eventTypes", "description", "enabled"));
    EndpointInput input = parse(body, targets);
    Object enabled = body.getValue("enabled");
    if (body.containsKey("enabled") && !(enabled instanceof Boolean)) {
      throw invalid("'enabled' must be true or false.");
    }
    return new EndpointInput(input.url(), input.eventTypes(), input.description(), Optional.ofNullable((Boolean) enabled));
  }

  private static EndpointInput parse(JsonObject body, WebhookTargets targets) {
    Optional<URI> url = Optional.empty();
    if (body.containsKey("url")) {
      if (!(body.getValue("url") instanceof String raw)) {
        throw invalid("'url' must be a string.");
      }
      url = Optional.of(targets.parse(raw));
    }
    Optional<List<String>> types = body.containsKey("eventTypes") ? Optional.of(types(body.getValue("eventTypes"))) : Optional.empty();
    Optional<Optional<String>> description = Optional.empty();
    if (body.containsKey("description")) {
      Object value = body.getValue("description");
      if (value != null && !(value instanceof String)) {
        throw invalid("'description' must be a string or null.");
      }
      if (value != null && ((String) value).length() > MAX_DESCRIPTION) {
        throw invalid("'description' may be at most " + MAX_DESCRIPTION + " characters.");
      }
      description = Optional.of(Optional.ofNullable((String) value).filter(s -> !s.isBlank()));
    }
    return new EndpointInput(url, types, description, Optional.empty());
  }

  private static List<String> types(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw invalid("'eventTypes' must be a non-empty array of event types.");
    }
    Set<String> types = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (Object type : array) {
      if (type instanceof String name && (SUBSCRIBABLE.contains(name) || name.equals(EventTypes.ALL_TYPES))) {
        types.add(name);
      } else {
        unknown.add(String.valueOf(type));
      }
    }
    if (!unknown.isEmpty()) {
      throw invalid("Unknown event type(s) " + unknown + "; expected some of " + String.join(", ", SUBSCRIBABLE) + ", or \"*\" for all.");
    }
    return List.copyOf(types);
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problem.validation(detail));
  }
}
