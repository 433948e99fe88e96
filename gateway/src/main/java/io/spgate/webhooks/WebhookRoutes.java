package io.spgate.webhooks;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Cursor;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook endpoints: {@code POST /v1/webhooks} registers one and shows its signing secret once;
 * {@code GET}, {@code PATCH} and {@code DELETE /v1/webhooks[/{id}]} read and change them;
 * {@code POST /v1/webhooks/{id}/test} sends it a test event; {@code GET /v1/webhooks/{id}/deliveries}
 * lists every attempt, newest first. Another tenant's endpoint is a 404, like one that does not exist.
 */
final class WebhookRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;
  private static final String POSITION = "attempt:";

  private final Pool pool;
  private final WebhookEndpointStore endpoints;
  private final DeliveryStore deliveries;
  private final WebhookTargets targets;
  private final Outbox outbox;

  WebhookRoutes(Pool pool, WebhookEndpointStore endpoints, DeliveryStore deliveries, WebhookTargets targets, Outbox outbox) {
    this.pool = pool;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.targets = targets;
    this.outbox = outbox;
  }

  void mount(Router v1) {
    v1.post("/webhooks").handler(this::create);
    v1.get("/webhooks").handler(this::list);
    v1.get("/webhooks/:endpointId").handler(this::get);
    v1.patch("/webhooks/:endpointId").handler(this::update);
    v1.delete("/webhooks/:endpointId").handler(this::delete);
    v1.post("/webhooks/:endpointId/test").handler(this::test);
    v1.get("/webhooks/:endpointId/deliveries").handler(this::attempts);
  }

  private void create(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    EndpointInput input = EndpointInput.forCreate(Json.body(ctx), targets);
    String secret = WebhookSignature.newSecret();
    Json.respond(ctx, 201, reachable(input.url()).compose(v -> endpoints.create(tenant, input, secret)).map(created -> created
        .orElseThrow(() -> new ApiException(Problem.conflict("too_many_webhook_endpoints", "A tenant may have at most "
            + WebhookEndpointStore.MAX_PER_TENANT + " webhook endpoints; delete one first."))))
        .map(endpoint -> endpoint.toJson().put("secret", secret)));
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Json.respond(ctx, 200, endpoints.list(tenant)
        .map(all -> new JsonObject().put("items", new JsonArray(all.stream().map(WebhookEndpoint::toJson).toList()))));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    UUID id = Params.pathId(ctx, "endpointId", "Webhook endpoint");
    Json.respond(ctx, 200, endpoint(tenant, id).map(WebhookEndpoint::toJson));
  }

  private void update(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "endpointId", "Webhook endpoint");
    EndpointInput input = EndpointInput.forUpdate(Json.body(ctx), targets);
    Json.respond(ctx, 200, endpoint(tenant, id)
        .compose(found -> reachable(input.url()))
        .compose(v -> endpoints.update(tenant, id, input))
        .map(updated -> updated.orElseThrow(() -> missing(id)).toJson()));
  }

  private void delete(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "endpointId", "Webhook endpoint");
    Json.noContent(ctx, endpoints.delete(tenant, id).map(deleted -> {
      if (!deleted) {
        throw missing(id);
      }
      return null;
    }));
  }

  /** A {@code test} event, in the tenant's stream like any, owed to this endpoint alone. */
  private void test(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "endpointId", "Webhook endpoint");
    Json.respond(ctx, 202, endpoint(tenant, id).compose(endpoint -> {
      if (!endpoint.enabled()) {
        throw new ApiException(Problem.conflict("webhook_endpoint_disabled", "Webhook endpoint " + id
            + " is disabled; enable it (PATCH with \"enabled\": true) to send it events."));
      }
      NewEvent event = new NewEvent(tenant, EventTypes.TEST, "webhook_endpoint", id.toString(),
          new JsonObject().put("message", "A test event, sent through POST /v1/webhooks/" + id + "/test."));
      return pool.withTransaction(tx -> outbox.appendFor(tx, event, id));
    }).map(eventId -> new JsonObject().put("eventId", String.valueOf(eventId))));
  }

  private void attempts(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    UUID id = Params.pathId(ctx, "endpointId", "Webhook endpoint");
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<Long> before = Params.query(ctx, "cursor").map(WebhookRoutes::position);
    Json.respond(ctx, 200, endpoint(tenant, id).compose(found -> deliveries.attempts(id, before, limit + 1)).map(page -> {
      List<JsonObject> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown));
      if (page.size() > limit) {
        json.put("nextCursor", Cursor.encode(POSITION + shown.get(shown.size() - 1).getString("id")));
      }
      return json;
    }));
  }

  /** The URL's host resolves, to public addresses only unless private ones are allowed: a 400 otherwise. */
  private Future<Void> reachable(Optional<URI> url) {
    if (url.isEmpty()) {
      return Future.succeededFuture();
    }
    return targets.resolve(url.get()).<Void>mapEmpty().recover(e -> Future.failedFuture(e instanceof WebhookTargets.RefusedTarget
        ? new ApiException(Problem.badRequest("webhook_url_refused", e.getMessage())) : e));
  }

  private Future<WebhookEndpoint> endpoint(UUID tenant, UUID id) {
    return endpoints.get(tenant, id).map(found -> found.orElseThrow(() -> missing(id)));
  }

  private static ApiException missing(UUID id) {
    return new ApiException(Problem.notFound("Webhook endpoint " + id + " does not exist."));
  }

  private static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }

  private static long position(String cursor) {
    String position = Cursor.decode(cursor);
    try {
      if (position.startsWith(POSITION)) {
        return Long.parseLong(position.substring(POSITION.length()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
  }
}
