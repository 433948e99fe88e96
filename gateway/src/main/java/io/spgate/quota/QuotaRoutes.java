package io.spgate.quota;

import io.spgate.api.ApiException;
import io.spgate.api.Json;
import io.spgate.api.Params;
import io.spgate.api.Problem;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code GET /v1/quotas?sellerId=}: each of a seller's buckets now, for the console. */
public final class QuotaRoutes {

  private final QuotaGate gate;
  private final SellerStore sellers;

  public QuotaRoutes(QuotaGate gate, SellerStore sellers) {
    this.gate = gate;
    this.sellers = sellers;
  }

  public void mount(Router v1) {
    v1.get("/quotas").handler(this::states);
  }

  private void states(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_READ);
    UUID sellerId = Params.queryId(ctx, "sellerId", "Seller");
    Json.respond(ctx, 200, sellers.get(tenant, sellerId)
        .map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist."))))
        .compose(seller -> gate.states(seller).map(states -> new JsonObject().put("sellerId", seller.id().toString())
            .put("operations", states))));
  }
}
