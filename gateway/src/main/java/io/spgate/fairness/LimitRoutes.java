package io.spgate.fairness;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code /v1/tenants/{tenantId}/limits}: a tenant's own limits on the gateway. Its keys may read them; only admin keys set
 * them, since a tenant raising its own would defeat them.
 */
final class LimitRoutes implements Feature {

  private final LimitStore store;
  private final TenantAdmission admission;

  LimitRoutes(LimitStore store, TenantAdmission admission) {
    this.store = store;
    this.admission = admission;
  }

  @Override
  public void mountApi(Router v1) {
    v1.get("/tenants/:tenantId/limits").handler(this::get);
    v1.put("/tenants/:tenantId/limits").handler(this::replace);
  }

  private void get(RoutingContext ctx) {
    UUID tenantId = Params.pathId(ctx, "tenantId", "Tenant");
    Caller.of(ctx).requireTenant(tenantId, Scope.TENANT_READ, "Tenant " + tenantId);
    Json.respond(ctx, 200, store.exists(tenantId).compose(exists -> {
      if (!exists) {
        throw notFound(tenantId);
      }
      return store.overrides(tenantId);
    }).map(overrides -> toJson(tenantId, overrides)));
  }

  private void replace(RoutingContext ctx) {
    UUID tenantId = Params.pathId(ctx, "tenantId", "Tenant");
    Caller.of(ctx).require(Scope.ADMIN);
    LimitOverrides overrides = LimitOverrides.parse(Json.body(ctx), admission.ceiling());
    Json.respond(ctx, 200, store.replace(tenantId, overrides).map(replaced -> {
      if (!replaced) {
        throw notFound(tenantId);
      }
      admission.changed(tenantId, overrides);
      return toJson(tenantId, overrides);
    }));
  }

  /** What holds for the tenant on this instance, what was set for it, and the instance's defaults. */
  private JsonObject toJson(UUID tenantId, LimitOverrides overrides) {
    return new JsonObject().put("tenantId", tenantId.toString()).put("effective", admission.enforced(overrides).toJson())
        .put("overrides", overrides.toJson()).put("defaults", admission.defaults().toJson());
  }

  private static ApiException notFound(UUID tenantId) {
    return new ApiException(Problem.notFound("Tenant " + tenantId + " does not exist."));
  }
}
