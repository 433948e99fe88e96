package io.spgate.tenant;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
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

  /**
   * The tenant a call acts for: the key's own tenant, or for an admin key the {@code tenantId}
   * it names. A tenant key naming another tenant gets the same 404 as a missing resource.
   */
  public UUID actingTenant(Optional<String> requested, Scope scope) {
    require(scope);
    if (isAdmin()) {
      String raw = requested.orElseThrow(() -> new ApiException(Problem.validation(
          "Admin keys act for a tenant named by the 'tenantId' query parameter.")));
      try {
        return UUID.fromString(raw);
      } catch (IllegalArgumentException e) {
        throw new ApiException(Problem.validation("'tenantId' is not a tenant id."));
      }
    }
    UUID own = tenantId.orElseThrow();
    if (requested.isPresent() && !requested.get().equals(own.toString())) {
      throw new ApiException(Problem.notFound("Tenant " + requested.get() + " does not exist."));
    }
    return own;
  }
}
