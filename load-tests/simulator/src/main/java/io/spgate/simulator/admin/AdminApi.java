package io.spgate.simulator.admin;

import io.spgate.simulator.SpApiSimulator;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;

/**
 * The simulator's own control surface under /_sim: demo sellers, statistics, reset, failure modes at run time,
 * revoking a seller and placing orders.
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
    router.post("/_sim/sellers/:sellerId/orders").handler(ctx -> withSeller(ctx, seller -> {
      Order order = simulator.placeOrder(seller.sellerId());
      json(ctx, 201, new JsonObject().put("amazonOrderId", order.amazonOrderId()).put("marketplaceId", order.marketplace().id()));
    }));
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
