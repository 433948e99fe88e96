package io.spgate.notifications;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/sellers/{id}/notifications} (subscribe the seller to Amazon's notifications on spgate's queue) and
 * {@code GET} (what is set up); {@code GET /v1/notifications/dead-letters} (the tenant's notifications that kept failing,
 * with their error) and {@code POST /v1/notifications/dead-letters/{id}/replay} (taken through the intake again, as if
 * just received). An admin key acting for no tenant sees the dead letters that name no seller spgate knows.
 */
final class NotificationRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;

  private final DeadLetters deadLetters;
  private final NotificationIntake intake;
  private final SellerStore sellers;
  private final Optional<NotificationSetup> setup;

  NotificationRoutes(DeadLetters deadLetters, NotificationIntake intake, SellerStore sellers, Optional<NotificationSetup> setup) {
    this.deadLetters = deadLetters;
    this.intake = intake;
    this.sellers = sellers;
    this.setup = setup;
  }

  void mount(Router v1) {
    v1.post("/sellers/:sellerId/notifications").handler(this::subscribe);
    v1.get("/sellers/:sellerId/notifications").handler(this::subscriptions);
    v1.get("/notifications/dead-letters").handler(this::list);
    v1.post("/notifications/dead-letters/:letterId/replay").handler(this::replay);
  }

  private void list(RoutingContext ctx) {
    Optional<UUID> tenant = owner(ctx, Scope.TENANT_READ);
    boolean replayed = Params.query(ctx, "replayed").map(Boolean::parseBoolean).orElse(false);
    Optional<UUID> before = Params.query(ctx, "cursor").map(raw -> Params.id(raw, "Cursor"));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Json.respond(ctx, 200, deadLetters.list(tenant, replayed, before, limit + 1).map(page -> {
      List<DeadLetters.DeadLetter> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(DeadLetters.DeadLetter::toJson).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", shown.get(shown.size() - 1).id().toString());
      }
      return json;
    }));
  }

  private void replay(RoutingContext ctx) {
    Optional<UUID> tenant = owner(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "letterId", "Dead letter");
    Json.respond(ctx, 200, deadLetters.get(tenant, id).compose(found -> {
      DeadLetters.DeadLetter letter = found.orElseThrow(() -> new ApiException(Problem.notFound("Dead letter " + id + " does not exist.")));
      Notification notification;
      try {
        notification = Notification.parse(letter.body());
      } catch (Notification.Unreadable e) {
        throw new ApiException(Problem.conflict("dead_letter_unreadable", "This message is not a notification (" + e.getMessage()
            + "); it cannot be replayed."));
      }
      return intake.take(notification).recover(e -> io.vertx.core.Future.failedFuture(new ApiException(Problem.conflict(
              "dead_letter_replay_failed", "The notification still does not take effect: " + e.getMessage()))))
          .compose(outcome -> deadLetters.markReplayed(id)
          .map(v -> new JsonObject().put("id", id.toString()).put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))));
    }));
  }

  private void subscribe(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    JsonObject body = ctx.body().isEmpty() ? new JsonObject() : Json.body(ctx);
    java.util.Set<String> fields = new java.util.HashSet<>(SubscriptionFilters.FIELDS);
    fields.add("types");
    Json.onlyFields(body, fields);
    List<String> types = types(body.getValue("types"));
    NotificationSetup configured = setup.orElseThrow(() -> new ApiException(Problem.conflict("notifications_not_configured",
        "This gateway reads no notification queue (SPGATE_NOTIFICATIONS_QUEUE_URL is empty); polling alone keeps orders.")));
    Json.respond(ctx, 200, seller(tenant, sellerId).compose(seller -> configured.subscribe(seller, types,
            SubscriptionFilters.parse(body, seller)))
        .map(list -> new JsonObject().put("items", new JsonArray(list))));
  }

  private void subscriptions(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_READ);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    Json.respond(ctx, 200, seller(tenant, sellerId).compose(seller -> setup.map(s -> s.ofSeller(seller))
        .orElse(io.vertx.core.Future.succeededFuture(List.of()))).map(list -> new JsonObject().put("items", new JsonArray(list))));
  }

  private io.vertx.core.Future<Seller> seller(UUID tenant, UUID sellerId) {
    return sellers.get(tenant, sellerId).map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId
        + " does not exist."))));
  }

  /** The types asked for: every type spgate acts on when none are named. */
  private static List<String> types(Object raw) {
    if (raw == null) {
      return new java.util.ArrayList<>(new java.util.TreeSet<>(NotificationSetup.TYPES.keySet()));
    }
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      throw new ApiException(Problem.validation("'types' must be a non-empty array of " + new java.util.TreeSet<>(
          NotificationSetup.TYPES.keySet()) + "."));
    }
    List<String> types = new java.util.ArrayList<>();
    for (Object type : array) {
      if (!(type instanceof String name) || !NotificationSetup.TYPES.containsKey(name)) {
        throw new ApiException(Problem.validation("'types' may contain only " + new java.util.TreeSet<>(NotificationSetup.TYPES.keySet())
            + "; got " + type + "."));
      }
      if (!types.contains(name)) {
        types.add(name);
      }
    }
    return types;
  }

  /** The tenant a call acts for; an admin key naming none acts for the dead letters no tenant owns. */
  private static Optional<UUID> owner(RoutingContext ctx, Scope scope) {
    Caller caller = Caller.of(ctx);
    if (caller.isAdmin() && Params.query(ctx, "tenantId").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(caller.actingTenant(Params.query(ctx, "tenantId"), scope));
  }
}
