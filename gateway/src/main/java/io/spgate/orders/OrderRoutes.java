package io.spgate.orders;

import io.spgate.channels.ChannelId;
import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.idempotency.IdempotencyKeys;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Cursor;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The multichannel orders API: {@code GET /v1/orders} (the tenant's orders by when spgate last changed them, filtered by
 * channel, seller, status and time), {@code GET /v1/orders/{id}}, with the buyer and the recipient fetched from Amazon
 * on demand for keys holding {@code pii:read} (never stored), and {@code GET /v1/notifications/health}.
 */
final class OrderRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 500;
  private static final Set<String> PERSONAL = Set.of("buyer", "recipient");

  private final OrderStore orders;
  private final OrderSyncStore syncs;
  private final SellerStore sellers;
  private final OrderCalls calls;
  private final Shipments shipments;
  private final OrderPoller poller;

  OrderRoutes(OrderStore orders, OrderSyncStore syncs, SellerStore sellers, OrderCalls calls, Shipments shipments, OrderPoller poller) {
    this.poller = poller;
    this.orders = orders;
    this.syncs = syncs;
    this.sellers = sellers;
    this.calls = calls;
    this.shipments = shipments;
  }

  void mount(Router v1) {
    v1.get("/orders").handler(this::list);
    v1.get("/orders/:orderId").handler(this::get);
    // One shipment per key: a retry after a lost answer must not confirm the package twice.
    v1.post("/orders/:orderId/shipments").handler(IdempotencyKeys.required("shipment")).handler(this::ship);
    v1.get("/notifications/health").handler(this::health);
    v1.post("/sellers/:sellerId/orders/sync").handler(this::syncNow);
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Optional<ChannelId> channel = Params.query(ctx, "channelId").map(raw -> ChannelId.parse(raw)
        .orElseThrow(() -> new ApiException(Problem.validation("'channelId' is not a channel id (sellerId.marketplaceId)."))));
    Optional<UUID> seller = Params.query(ctx, "sellerId").map(raw -> Params.id(raw, "Seller"));
    if (channel.isPresent() && seller.isPresent() && !channel.get().sellerId().equals(seller.get())) {
      throw new ApiException(Problem.validation("'channelId' and 'sellerId' name different sellers."));
    }
    Optional<String> status = Params.query(ctx, "status").map(raw -> OrderStatus.parse(raw).map(OrderStatus::value)
        .orElseThrow(() -> new ApiException(Problem.validation("'status' must be one of "
            + java.util.Arrays.stream(OrderStatus.values()).map(OrderStatus::value).toList() + "."))));
    Optional<OffsetDateTime> updatedAfter = Params.query(ctx, "updatedAfter").map(OrderRoutes::time);
    Optional<OrderStore.Position> after = Params.query(ctx, "cursor").map(OrderRoutes::position);
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    OrderStore.Filter filter = new OrderStore.Filter(channel.map(ChannelId::sellerId).or(() -> seller),
        channel.map(ChannelId::marketplaceId), status, updatedAfter);
    Json.respond(ctx, 200, orders.list(tenant, filter, after, limit + 1).map(page -> {
      List<Order> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(Order::toJson).toList()));
      if (page.size() > limit) {
        Order last = shown.get(shown.size() - 1);
        json.put("nextCursor", cursor(new OrderStore.Position(last.updatedAt(), last.id())));
      }
      return json;
    }));
  }

  private void get(RoutingContext ctx) {
    List<String> include = Params.query(ctx, "include").map(raw -> List.of(raw.split(","))).orElse(List.of());
    for (String part : include) {
      if (!PERSONAL.contains(part)) {
        throw new ApiException(Problem.validation("'include' may name only " + PERSONAL + "."));
      }
    }
    UUID tenant = tenant(ctx, include.isEmpty() ? Scope.TENANT_READ : Scope.PII_READ);
    UUID id = Params.pathId(ctx, "orderId", "Order");
    Json.respond(ctx, 200, orders.get(tenant, id).compose(found -> {
      Order order = found.orElseThrow(() -> new ApiException(Problem.notFound("Order " + id + " does not exist.")));
      return (include.isEmpty() ? Future.succeededFuture(order.toJson()) : withPersonalData(order, include))
          .compose(json -> shipments.ofOrder(order.id()).map(list -> json.put("shipments", new JsonArray(list))));
    }));
  }

  /** Confirms a shipment of a merchant-fulfilled order; 201 with the shipment, its status confirmed. */
  private void ship(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "orderId", "Order");
    JsonObject body = Json.body(ctx);
    Json.respond(ctx, 201, orders.get(tenant, id).compose(found -> {
      Order order = found.orElseThrow(() -> new ApiException(Problem.notFound("Order " + id + " does not exist.")));
      if (!"MFN".equals(order.fulfillment())) {
        throw new ApiException(Problem.conflict("order_fulfilled_by_amazon", "Amazon ships this order (FBA); only merchant-fulfilled "
            + "orders are confirmed by the seller."));
      }
      if (!Set.of("unshipped", "partially_shipped").contains(order.status())) {
        throw new ApiException(Problem.conflict("order_not_shippable", "An order in status " + order.status() + " cannot be shipped."));
      }
      ShipmentRequest request = ShipmentRequest.parse(body, order, java.time.Instant.now());
      return sellers.byId(order.sellerId()).compose(seller -> shipments.confirm(seller.orElseThrow(
          () -> new ApiException(Problem.notFound("Order " + id + " does not exist."))), order, request));
    }));
  }

  /** The buyer and the recipient as Amazon shows them now: read for this answer only, never stored or logged. */
  private Future<JsonObject> withPersonalData(Order order, List<String> include) {
    return sellers.byId(order.sellerId()).compose(seller -> calls.getOrder(seller.orElseThrow(), order.amazonOrderId(),
        include.stream().map(part -> part.toUpperCase(java.util.Locale.ROOT)).toList())).map(amazon -> {
          JsonObject json = order.toJson();
          for (String part : include) {
            json.put(part, amazon.getJsonObject(part));
          }
          return json;
        });
  }

  private void health(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Optional<UUID> seller = Params.query(ctx, "sellerId").map(raw -> Params.id(raw, "Seller"));
    Json.respond(ctx, 200, syncs.ofTenant(tenant, seller).map(list -> {
      JsonArray items = new JsonArray();
      for (OrderSyncStore.SellerSync sync : list) {
        items.add(new JsonObject().put("sellerId", sync.sellerId().toString()).put("sellingPartnerId", sync.sellingPartnerId())
            .put("notifications", sync.health().value()).put("since", sync.healthSince().toString())
            .put("lastNotificationAt", sync.lastNotificationAt().map(Object::toString).orElse(null))
            .put("missedChanges", sync.missedChanges())
            .put("checkpoint", sync.checkpoint().map(Object::toString).orElse(null))
            .put("lastPollAt", sync.lastPollAt().map(Object::toString).orElse(null)).put("nextPollAt", sync.nextPollAt().toString())
            .put("lastError", sync.lastError().orElse(null)));
      }
      return new JsonObject().put("items", items);
    }));
  }

  /** Polls the seller's orders now; 202, the poll runs in the background (its outcome in /v1/notifications/health). */
  private void syncNow(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    Json.respond(ctx, 202, sellers.get(tenant, sellerId).compose(seller -> {
      seller.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
      return poller.pollNow(sellerId).map(v -> new JsonObject().put("sellerId", sellerId.toString()).put("polling", true));
    }));
  }

  private static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }

  private static OffsetDateTime time(String raw) {
    try {
      return OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw new ApiException(Problem.validation("'updatedAfter' must be an ISO-8601 time with its offset, such as 2026-12-01T00:00:00Z."));
    }
  }

  /** The opaque cursor of a page's last order: when spgate last changed it, and its id. */
  private static String cursor(OrderStore.Position position) {
    return Cursor.encode(position.updatedAt().toInstant() + "|" + position.id());
  }

  private static OrderStore.Position position(String cursor) {
    String[] parts = Cursor.decode(cursor).split("\\|");
    try {
      return new OrderStore.Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
    }
  }
}
