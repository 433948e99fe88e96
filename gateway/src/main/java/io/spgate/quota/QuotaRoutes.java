package io.spgate.quota;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /v1/quotas?sellerId=}: each of a seller's buckets now, for the console. */
public final class QuotaRoutes implements Feature {

  /** The quota owner of one of a tenant's sellers; empty when the tenant has no such seller. */
  @FunctionalInterface
  public interface SellerOwners {
    Future<Optional<QuotaOwner>> of(UUID tenantId, UUID sellerId);
  }

  private final QuotaGate gate;
  private final SellerOwners owners;

  public QuotaRoutes(QuotaGate gate, SellerOwners owners) {
    this.gate = gate;
    this.owners = owners;
  }

  @Override
  public void mountApi(Router v1) {
    v1.get("/quotas").handler(this::states);
  }

  private void states(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_READ);
    UUID sellerId = Params.queryId(ctx, "sellerId", "Seller");
    Json.respond(ctx, 200, owners.of(tenant, sellerId)
        .map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist."))))
        .compose(owner -> gate.states(owner).map(states -> new JsonObject().put("sellerId", sellerId.toString())
            .put("operations", states))));
  }
}
