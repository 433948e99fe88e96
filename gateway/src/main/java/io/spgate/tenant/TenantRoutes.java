package io.spgate.tenant;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * /v1 routes for tenants and API keys. Admin keys manage every tenant and the admin keys; a
 * tenant's own keys can read their tenant and, with tenant:write, manage its keys.
 */
public final class TenantRoutes implements Feature {

  private static final int MAX_NAME = 100;
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;

  private final TenantStore store;
  private final Authenticator authenticator;

  public TenantRoutes(TenantStore store, Authenticator authenticator) {
    this.store = store;
    this.authenticator = authenticator;
  }

  @Override
  public void mountApi(Router v1) {
    v1.get("/me").handler(ctx -> Json.respond(ctx, 200, Future.succeededFuture(me(Caller.of(ctx)))));
    v1.post("/tenants").handler(this::createTenant);
    v1.get("/tenants").handler(this::listTenants);
    v1.get("/tenants/:tenantId").handler(this::getTenant);
    v1.post("/tenants/:tenantId/keys").handler(ctx -> createKey(ctx, Optional.of(tenantId(ctx))));
    v1.get("/tenants/:tenantId/keys").handler(ctx -> listKeys(ctx, Optional.of(tenantId(ctx))));
    v1.delete("/tenants/:tenantId/keys/:keyId").handler(ctx -> revokeKey(ctx, Optional.of(tenantId(ctx))));
    v1.post("/admin/keys").handler(ctx -> createKey(ctx, Optional.empty()));
    v1.get("/admin/keys").handler(ctx -> listKeys(ctx, Optional.empty()));
    v1.delete("/admin/keys/:keyId").handler(ctx -> revokeKey(ctx, Optional.empty()));
  }

  private static JsonObject me(Caller caller) {
    return new JsonObject()
        .put("keyId", caller.keyId().toString())
        .put("tenantId", caller.tenantId().map(UUID::toString).orElse(null))
        .put("scopes", new JsonArray(caller.scopes().stream().map(Scope::value).sorted().toList()));
  }

  private void createTenant(RoutingContext ctx) {
    Caller.of(ctx).require(Scope.ADMIN);
    String name = name(Json.body(ctx), "name", true);
    Json.respond(ctx, 201, store.createTenant(name).map(created -> created
        .orElseThrow(() -> new ApiException(Problem.conflict("tenant_name_taken", "A tenant named '" + name + "' already exists.")))
        .toJson()));
  }

  private void listTenants(RoutingContext ctx) {
    Caller.of(ctx).require(Scope.ADMIN);
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<String> cursor = Params.query(ctx, "cursor").map(Cursor::decode);
    Json.respond(ctx, 200, store.tenants(cursor, limit + 1).map(page -> {
      List<Tenant> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(Tenant::toJson).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", Cursor.encode(shown.get(shown.size() - 1).name()));
      }
      return json;
    }));
  }

  private void getTenant(RoutingContext ctx) {
    UUID tenantId = tenantId(ctx);
    Caller.of(ctx).requireTenant(tenantId, Scope.TENANT_READ, "Tenant " + tenantId);
    Json.respond(ctx, 200, store.tenant(tenantId).map(found -> found
        .orElseThrow(() -> new ApiException(Problem.notFound("Tenant " + tenantId + " does not exist.")))
        .toJson()));
  }

  private void createKey(RoutingContext ctx, Optional<UUID> tenantId) {
    Caller caller = Caller.of(ctx);
    requireKeyManagement(caller, tenantId, Scope.TENANT_WRITE);
    JsonObject body = Json.body(ctx);
    String name = name(body, "name", false);
    List<Scope> scopes = tenantId.isPresent() ? tenantScopes(body, caller) : List.of(Scope.ADMIN);
    ApiKeySecret secret = ApiKeySecret.generate();
    Future<Void> tenantExists = tenantId.map(id -> store.tenant(id).<Void>map(found -> {
      found.orElseThrow(() -> new ApiException(Problem.notFound("Tenant " + id + " does not exist.")));
      return null;
    })).orElse(Future.succeededFuture());
    Json.respond(ctx, 201, tenantExists
        .compose(v -> store.createKey(tenantId, name == null ? "unnamed" : name, secret, scopes))
        .map(key -> key.toJson().put("key", secret.value())));
  }

  private void listKeys(RoutingContext ctx, Optional<UUID> tenantId) {
    requireKeyManagement(Caller.of(ctx), tenantId, Scope.TENANT_READ);
    Json.respond(ctx, 200, store.keys(tenantId)
        .map(keys -> new JsonObject().put("items", new JsonArray(keys.stream().map(ApiKey::toJson).toList()))));
  }

  private void revokeKey(RoutingContext ctx, Optional<UUID> tenantId) {
    requireKeyManagement(Caller.of(ctx), tenantId, Scope.TENANT_WRITE);
    UUID keyId = Params.pathId(ctx, "keyId", "API key");
    store.revokeKey(tenantId, keyId).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (!result.result()) {
        ctx.fail(new ApiException(Problem.notFound("API key " + keyId + " does not exist or is already revoked.")));
      } else {
        authenticator.forget(keyId);
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private static void requireKeyManagement(Caller caller, Optional<UUID> tenantId, Scope scope) {
    if (tenantId.isPresent()) {
      caller.requireTenant(tenantId.get(), scope, "Tenant " + tenantId.get());
    } else {
      caller.require(Scope.ADMIN);
    }
  }

  /** Scopes for a tenant key: tenant scopes only, and never more than the creating key holds. */
  private static List<Scope> tenantScopes(JsonObject body, Caller caller) {
    Object raw = body.getValue("scopes");
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      throw new ApiException(Problem.validation("'scopes' must be a non-empty array of 'tenant:read', 'tenant:write' and 'pii:read'."));
    }
    Set<Scope> scopes = new LinkedHashSet<>();
    for (Object value : array) {
      Scope scope = value instanceof String s ? Scope.parse(s).orElse(null) : null;
      if (scope == null || scope == Scope.ADMIN) {
        throw new ApiException(Problem.validation("'scopes' may contain only 'tenant:read', 'tenant:write' and 'pii:read'; got "
            + value + "."));
      }
      caller.require(scope);
      scopes.add(scope);
    }
    return new ArrayList<>(scopes);
  }

  private static String name(JsonObject body, String field, boolean required) {
    Object raw = body.getValue(field);
    if (raw == null && !required) {
      return null;
    }
    if (!(raw instanceof String s) || s.isBlank() || s.strip().length() > MAX_NAME || s.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(Problem.validation("'" + field + "' must be a string of 1-" + MAX_NAME
          + " printable characters."));
    }
    return s.strip();
  }

  private static UUID tenantId(RoutingContext ctx) {
    return Params.pathId(ctx, "tenantId", "Tenant");
  }
}
