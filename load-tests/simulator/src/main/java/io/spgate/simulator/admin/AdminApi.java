package io.spgate.simulator.admin;

import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.listings.ForcedIssues;
import io.spgate.simulator.listings.Issue;
import io.spgate.simulator.orders.OrderChangeLog;
import io.spgate.simulator.orders.OrderChanges;
import io.spgate.simulator.orders.OrderStatuses;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's own control surface under /_sim: demo sellers, statistics, reset, failure modes at run time,
 * revoking a seller, placing and moving orders (and the log of every order change), the order generator's rate, the
 * notification delivery traps, issues forced on chosen SKUs and Amazon's count of FBA stock.
 */
public final class AdminApi {
  private final SpApiSimulator simulator;

  public AdminApi(SpApiSimulator simulator) {
    this.simulator = simulator;
  }

  public void register(Router router) {
    router.get("/_sim/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/_sim/sellers").handler(ctx -> {
      JsonArray sellers = new JsonArray();
      simulator.sellers().forEach(s -> sellers.add(s.toJson()));
      ctx.response().putHeader("content-type", "application/json").end(sellers.toBuffer());
    });
    router.get("/_sim/stats").handler(ctx -> json(ctx, 200, simulator.statsJson()));
    router.post("/_sim/reset").handler(ctx -> {
      simulator.resetCounters();
      json(ctx, 200, simulator.statsJson());
    });
    router.get("/_sim/faults").handler(ctx -> json(ctx, 200, simulator.faults().toJson(simulator.clock().now())));
    router.post("/_sim/faults").handler(BodyHandler.create(false)).handler(this::setFaults);
    router.post("/_sim/sellers/:sellerId/revoke").handler(ctx -> withSeller(ctx, seller -> {
      simulator.revokeRefreshToken(seller.refreshToken());
      json(ctx, 200, seller.toJson().put("revoked", true));
    }));
    router.post("/_sim/sellers/:sellerId/orders").handler(BodyHandler.create(false)).handler(this::placeOrder);
    router.post("/_sim/orders/:orderId/status").handler(BodyHandler.create(false)).handler(this::setOrderStatus);
    router.get("/_sim/orders/changes").handler(this::orderChanges);
    router.get("/_sim/orders/activity").handler(ctx -> json(ctx, 200, simulator.orderActivity().toJson()));
    router.post("/_sim/orders/activity").handler(BodyHandler.create(false)).handler(this::setOrderActivity);
    router.get("/_sim/notifications").handler(ctx -> json(ctx, 200, simulator.notifications().traps().toJson()));
    router.post("/_sim/notifications").handler(BodyHandler.create(false)).handler(this::setNotificationTraps);
    router.post("/_sim/sellers/:sellerId/listing-issues").handler(BodyHandler.create(false)).handler(this::forceIssues);
    router.get("/_sim/sellers/:sellerId/listing-issues").handler(ctx -> withSeller(ctx, seller -> json(ctx, 200, forcedIssues(seller))));
    router.delete("/_sim/sellers/:sellerId/listing-issues").handler(ctx -> withSeller(ctx, seller ->
        json(ctx, 200, new JsonObject().put("sellerId", seller.sellerId())
            .put("cleared", simulator.forcedIssues().clear(seller.sellerId())))));
    router.put("/_sim/sellers/:sellerId/inventory/:sku").handler(BodyHandler.create(false)).handler(this::setFulfillable);
  }

  /**
   * {@code {"skus":[...], "code", "message", "severity"?: ERROR|WARNING|INFO, "attributeName"?, "category"?,
   * "stage"?: "validation"|"postAcceptance", "times"?}}: each named SKU's next submissions (all of them, or {@code times})
   * get this issue at that stage.
   */
  private void forceIssues(RoutingContext ctx) {
    withSeller(ctx, seller -> {
      try {
        JsonObject body = ctx.body().asJsonObject();
        JsonArray skus = body.getJsonArray("skus");
        String code = body.getString("code");
        String message = body.getString("message");
        String severity = body.getString("severity", Issue.ERROR);
        if (skus == null || skus.isEmpty() || code == null || code.isBlank() || message == null || message.isBlank()) {
          throw new IllegalArgumentException("skus (a non-empty list), code and message are required");
        }
        if (!List.of("ERROR", "WARNING", "INFO").contains(severity)) {
          throw new IllegalArgumentException("severity must be ERROR, WARNING or INFO, got '" + severity + "'");
        }
        Issue issue = new Issue(code, message, severity, body.getString("attributeName"), body.getString("category", "INVALID_ATTRIBUTE"));
        ForcedIssues.Stage stage = ForcedIssues.Stage.parse(body.getString("stage", ForcedIssues.Stage.VALIDATION.wire()));
        List<String> skuList = skus.stream().map(Object::toString).toList();
        simulator.forcedIssues().force(seller.sellerId(), skuList, issue, stage, body.getInteger("times", 0));
        json(ctx, 200, forcedIssues(seller));
      } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
        json(ctx, 400, new JsonObject().put("error", "invalid listing issue: " + e.getMessage()));
      }
    });
  }

  private JsonObject forcedIssues(Seller seller) {
    return new JsonObject().put("sellerId", seller.sellerId()).put("issues", simulator.forcedIssues().toJson(seller.sellerId()));
  }

  /** {@code {"fulfillableQuantity": n}}: Amazon's stock of an FBA SKU is now n, changed now (a sync with startDateTime sees it). */
  private void setFulfillable(RoutingContext ctx) {
    withSeller(ctx, seller -> {
      Integer quantity;
      try {
        quantity = ctx.body().asJsonObject().getInteger("fulfillableQuantity");
      } catch (DecodeException | ClassCastException | NullPointerException e) {
        quantity = null;
      }
      if (quantity == null || quantity < 0) {
        json(ctx, 400, new JsonObject().put("error", "the body must be {\"fulfillableQuantity\": a whole number of 0 or more}"));
        return;
      }
      String sku = ctx.pathParam("sku");
      simulator.setFulfillableQuantity(seller.sellerId(), sku, quantity).ifPresentOrElse(
          stock -> json(ctx, 200, new JsonObject().put("sku", sku).put("fulfillableQuantity", stock.fulfillable())
              .put("lastUpdatedTime", stock.changedAt().toString())),
          () -> json(ctx, 404, new JsonObject().put("error", "SKU " + sku + " is not an FBA listing of seller " + seller.sellerId())));
    });
  }

  /**
   * A buyer orders now. Optional body {@code {"status": "Pending"|"PENDING"|..., "fulfillmentChannel": "AFN"|"MFN"}}
   * ({@code "fulfilledBy": "AMAZON"|"MERCHANT"} also); by default Unshipped, channel as the seed picks.
   */
  private void placeOrder(RoutingContext ctx) {
    withSeller(ctx, seller -> {
      try {
        JsonObject body = bodyOrEmpty(ctx);
        String channel = body.getString("fulfillmentChannel");
        if (channel == null && body.getString("fulfilledBy") != null) {
          String by = body.getString("fulfilledBy");
          if (!by.equals("AMAZON") && !by.equals("MERCHANT")) {
            throw new IllegalArgumentException("fulfilledBy must be AMAZON or MERCHANT, got '" + by + "'");
          }
          channel = OrderStatuses.fulfillmentChannel(by);
        }
        Order order = simulator.placeOrder(seller.sellerId(), body.getString("status", "Unshipped"), channel);
        json(ctx, 201, orderJson(seller.sellerId(), order).put("amazonOrderId", order.amazonOrderId()));
      } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
        json(ctx, 400, new JsonObject().put("error", "invalid order: " + e.getMessage()));
      }
    });
  }

  /** {@code {"status": v0's or 2026's word, "changeType"?: "OrderStatusChange"}}: the order moves now (ORDER_CHANGE). */
  private void setOrderStatus(RoutingContext ctx) {
    String orderId = ctx.pathParam("orderId");
    try {
      JsonObject body = bodyOrEmpty(ctx);
      String status = body.getString("status");
      if (status == null) {
        throw new IllegalArgumentException("status is required");
      }
      Optional<Order> order = simulator.setOrderStatus(orderId, status, body.getString("changeType", OrderChanges.STATUS_CHANGE));
      if (order.isEmpty()) {
        json(ctx, 404, new JsonObject().put("error", "unknown order " + orderId));
        return;
      }
      String sellerId = simulator.orderChanges().storeOf(orderId).map(store -> store.seller().sellerId()).orElse(null);
      json(ctx, 200, orderJson(sellerId, order.get()));
    } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
      json(ctx, 400, new JsonObject().put("error", "invalid status change: " + e.getMessage()));
    }
  }

  private static JsonObject orderJson(String sellerId, Order order) {
    return new JsonObject().put("sellerId", sellerId).put("orderId", order.amazonOrderId())
        .put("marketplaceId", order.marketplace().id())
        .put("status", OrderStatuses.fulfillmentStatus(order.orderStatus())).put("orderStatus", order.orderStatus())
        .put("fulfilledBy", OrderStatuses.fulfilledBy(order.fulfillmentChannel()))
        .put("lastUpdatedTime", order.lastUpdateDate().toString());
  }

  /**
   * {@code ?since=<ISO instant>&cursor=<from the last page>&limit=1000}: every order change in the order made, from the
   * cursor, or else from the first change at or after {@code since}; {@code hasMore} says whether to ask again at once.
   */
  private void orderChanges(RoutingContext ctx) {
    try {
      String since = ctx.request().getParam("since");
      String cursor = ctx.request().getParam("cursor");
      String limit = ctx.request().getParam("limit");
      int size = limit == null ? OrderChangeLog.DEFAULT_PAGE : Integer.parseInt(limit);
      if (size < 1 || size > OrderChangeLog.MAX_PAGE) {
        throw new IllegalArgumentException("limit must be between 1 and " + OrderChangeLog.MAX_PAGE);
      }
      OrderChangeLog.Page page = simulator.orderChanges().log().page(
          since == null || since.isEmpty() ? null : OffsetDateTime.parse(since).toInstant(),
          cursor == null || cursor.isEmpty() ? null : Long.parseLong(cursor), size);
      json(ctx, 200, page.toJson());
    } catch (DateTimeParseException | IllegalArgumentException e) {
      json(ctx, 400, new JsonObject().put("error", "invalid query: " + e.getMessage()));
    }
  }

  /**
   * {@code {"ratePerSecond": r}}: new orders per simulated second across all sellers from now on (0 stops them; those under
   * way still move on); {@code {"freeze": true}}: no new orders and no further steps, so a bench's ground truth ends.
   */
  private void setOrderActivity(RoutingContext ctx) {
    try {
      JsonObject body = bodyOrEmpty(ctx);
      if (body.getBoolean("freeze", false)) {
        simulator.orderActivity().freeze();
        json(ctx, 200, simulator.orderActivity().toJson());
        return;
      }
      Double rate = body.getDouble("ratePerSecond");
      if (rate == null) {
        throw new IllegalArgumentException("ratePerSecond is required");
      }
      simulator.orderActivity().setRate(rate);
      json(ctx, 200, simulator.orderActivity().toJson());
    } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
      json(ctx, 400, new JsonObject().put("error", "invalid order activity: " + e.getMessage()));
    }
  }

  /** See {@link io.spgate.simulator.notifications.DeliveryTraps#apply}. */
  private void setNotificationTraps(RoutingContext ctx) {
    try {
      simulator.notifications().traps().apply(bodyOrEmpty(ctx));
      json(ctx, 200, simulator.notifications().traps().toJson());
    } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
      json(ctx, 400, new JsonObject().put("error", "invalid notification traps: " + e.getMessage()));
    }
  }

  /** The JSON object sent, or an empty one when nothing was (a POST without a body has none, not even an empty one). */
  private static JsonObject bodyOrEmpty(RoutingContext ctx) {
    if (ctx.body().buffer() == null || ctx.body().length() <= 0) {
      return new JsonObject();
    }
    JsonObject body = ctx.body().asJsonObject();
    if (body == null) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    return body;
  }

  private void setFaults(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
      simulator.faults().apply(body, simulator.clock().now());
      json(ctx, 200, simulator.faults().toJson(simulator.clock().now()));
    } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
      json(ctx, 400, new JsonObject().put("error", "invalid fault settings: " + e.getMessage()));
    }
  }

  private void withSeller(RoutingContext ctx, java.util.function.Consumer<Seller> action) {
    Optional<Seller> seller = simulator.seller(ctx.pathParam("sellerId"));
    if (seller.isEmpty()) {
      json(ctx, 404, new JsonObject().put("error", "unknown seller " + ctx.pathParam("sellerId")));
    } else {
      action.accept(seller.get());
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toBuffer());
  }
}
