package io.spgate.events;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Cursor;
import io.spgate.tenant.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /v1/events?after=&type=&resourceType=&resourceId=&limit=}: the tenant's event stream, oldest first. The answer's
 * {@code next} cursor is always there, also on an empty page, so a client polls with it for what
 * comes next and never misses an event (ids follow commit order within a tenant).
 */
public final class EventRoutes {

  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private static final String POSITION = "event:";

  private final EventStore events;

  public EventRoutes(Pool pool) {
    this.events = new EventStore(pool);
  }

  public void mount(Router v1) {
    v1.get("/events").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_READ);
    long after = Params.query(ctx, "after").map(EventRoutes::position).orElse(0L);
    Optional<List<String>> types = Params.query(ctx, "type").map(EventRoutes::types);
    Optional<String> resourceType = Params.query(ctx, "resourceType");
    Optional<String> resourceId = Params.query(ctx, "resourceId");
    if (resourceId.isPresent() && resourceType.isEmpty()) {
      throw new ApiException(Problem.validation("'resourceId' needs 'resourceType': ids of different kinds of resource may look alike."));
    }
    if (resourceType.map(String::length).orElse(0) > 64 || resourceId.map(String::length).orElse(0) > 512) {
      throw new ApiException(Problem.validation("'resourceType' is at most 64 characters and 'resourceId' at most 512."));
    }
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    EventStore.Filter filter = new EventStore.Filter(types, resourceType, resourceId);
    Json.respond(ctx, 200, events.after(tenant, after, filter, limit + 1).map(page -> {
      List<Event> shown = page.subList(0, Math.min(limit, page.size()));
      long last = shown.isEmpty() ? after : shown.get(shown.size() - 1).id();
      return new JsonObject()
          .put("items", new JsonArray(shown.stream().map(Event::toJson).toList()))
          .put("next", cursor(last))
          .put("hasMore", page.size() > limit);
    }));
  }

  /** The opaque cursor that reads on after the event with this id. */
  public static String cursor(long eventId) {
    return Cursor.encode(POSITION + eventId);
  }

  private static long position(String cursor) {
    String position = Cursor.decode(cursor);
    try {
      if (position.startsWith(POSITION)) {
        long id = Long.parseLong(position.substring(POSITION.length()));
        if (id >= 0) {
          return id;
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(Problem.validation("'after' is not a cursor this API returned."));
  }

  private static List<String> types(String raw) {
    List<String> types = Arrays.stream(raw.split(",")).map(String::trim).toList();
    for (String type : types) {
      if (!EventTypes.ALL.contains(type)) {
        throw new ApiException(Problem.validation("'type' must be one or more (comma-separated) of " + String.join(", ",
            EventTypes.ALL) + "."));
      }
    }
    return types;
  }
}
