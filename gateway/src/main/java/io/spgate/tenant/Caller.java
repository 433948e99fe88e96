package io.spgate.tenant;

import io.spgate.api.ApiException;
import io.spgate.api.Problem;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Who is calling: the API key that authenticated the request, its tenant and its scopes. */
public record Caller(UUID keyId, Optional<UUID> tenantId, Set<Scope> scopes) {

  private static final String KEY = "caller";

  public static Caller of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  public boolean isAdmin() {
    return scopes.contains(Scope.ADMIN);
  }

  public boolean has(Scope scope) {
    return scopes.stream().anyMatch(s -> s.implies(scope));
  }

  /** Fails with 403 unless the key carries the scope. */
  public void require(Scope scope) {
    if (!has(scope)) {
      throw new ApiException(Problem.forbidden("This API key lacks the '" + scope.value() + "' scope."));
    }
  }

  /**
   * Admits the caller to a tenant's resources with the given scope. Another tenant's resources are
   * reported as missing (404), so a key cannot learn which tenants exist.
   */
  public void requireTenant(UUID tenant, Scope scope, String resource) {
    if (!isAdmin() && !tenantId.map(tenant::equals).orElse(false)) {
      throw new ApiException(Problem.notFound(resource + " does not exist."));
    }
    require(scope);
  }
}
