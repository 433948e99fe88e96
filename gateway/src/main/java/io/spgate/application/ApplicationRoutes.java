package io.spgate.application;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.http.WebUrl;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * /v1/applications: the applications a tenant may use (the operator's shared with it, and its own),
 * which a tenant adds and deletes for itself; admins add the operator's and share them with tenants.
 * Secrets go in and are never shown again.
 */
public final class ApplicationRoutes implements Feature {

  /** A tenant's own applications are loaded on every instance, so a tenant may add only so many. */
  static final int MAX_OWN = 20;
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private static final Pattern AMAZON_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern CLIENT_SECRET = Pattern.compile("[\\x21-\\x7e]{1,512}");
  private static final Set<String> FIELDS = Set.of("id", "applicationId", "clientId", "clientSecret", "redirectUri", "draft");

  private final Vertx vertx;
  private long reloads;
  private final Applications applications;

  public ApplicationRoutes(Vertx vertx, Applications applications) {
    this.vertx = vertx;
    this.applications = applications;
  }

  @Override
  public void mountApi(Router v1) {
    v1.get("/applications").handler(this::list);
    v1.post("/applications").handler(this::create);
    v1.delete("/applications/:applicationId").handler(this::delete);
    v1.put("/applications/:applicationId/tenants/:tenantId").handler(this::share);
    v1.delete("/applications/:applicationId/tenants/:tenantId").handler(this::unshare);
  }

  @Override
  public Future<Void> startWorkers() {
    reloads = applications.reloadPeriodically(vertx);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopWorkers() {
    vertx.cancelTimer(reloads);
    return Future.succeededFuture();
  }

  /** Whom a call acts for: empty for an admin key acting as the operator (no {@code ?tenantId=}), else the tenant. */
  private static Optional<UUID> actingFor(RoutingContext ctx, Scope scope) {
    Caller caller = Caller.of(ctx);
    Optional<String> tenantId = Params.query(ctx, "tenantId");
    return caller.isAdmin() && tenantId.isEmpty() ? Optional.empty() : Optional.of(caller.actingTenant(tenantId, scope));
  }

  private void list(RoutingContext ctx) {
    Optional<UUID> tenant = actingFor(ctx, Scope.TENANT_READ);
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<String> after = Params.query(ctx, "cursor").map(cursor -> {
      if (!Application.ID.matcher(cursor).matches()) {
        throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
      }
      return cursor;
    });
    List<Application> page = tenant.map(applications::usableBy).orElseGet(applications::all).stream()
        .filter(app -> after.map(id -> app.id().compareTo(id) > 0).orElse(true))
        .limit(limit + 1L)
        .toList();
    List<Application> shown = page.subList(0, Math.min(limit, page.size()));
    JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(app -> view(app, tenant)).toList()));
    if (page.size() > limit) {
      json.put("nextCursor", shown.get(shown.size() - 1).id());
    }
    Json.send(ctx, 200, json);
  }

  private void create(RoutingContext ctx) {
    Optional<UUID> owner = actingFor(ctx, Scope.TENANT_WRITE);
    Application app = application(Json.body(ctx), owner);
    if (owner.isPresent() && applications.all().stream().filter(a -> a.owner().equals(owner)).count() >= MAX_OWN) {
      throw new ApiException(Problem.conflict("application_limit", "A tenant may add at most " + MAX_OWN
          + " applications of its own; delete one it no longer uses."));
    }
    Json.respond(ctx, 201, applications.create(app).map(created -> {
      if (!created) {
        throw new ApiException(Problem.conflict("application_exists", "The id '" + app.id() + "' is taken; choose another."));
      }
      return view(app, owner);
    }));
  }

  private void delete(RoutingContext ctx) {
    Optional<UUID> tenant = actingFor(ctx, Scope.TENANT_WRITE);
    String id = ctx.pathParam("applicationId");
    Json.noContent(ctx, visible(id, tenant).compose(app -> {
      if (tenant.isPresent() && app.operators()) {
        throw new ApiException(new Problem(403, "application_not_owned", "Forbidden",
            "Application " + id + " is the operator's; only an admin key deletes it."));
      }
      return applications.delete(id, tenant);
    }).map(outcome -> switch (outcome) {
      case DONE -> null;
      case IN_USE -> throw new ApiException(Problem.conflict("application_in_use",
          "Sellers use application " + id + "; delete them first."));
      default -> throw notFound(id);
    }));
  }

  private void share(RoutingContext ctx) {
    Caller.of(ctx).require(Scope.ADMIN);
    UUID tenantId = Params.pathId(ctx, "tenantId", "Tenant");
    Json.noContent(ctx, operators(ctx.pathParam("applicationId")).compose(app -> applications.share(app.id(), tenantId)).map(outcome -> {
      if (outcome == ApplicationStore.Outcome.NO_SUCH_TENANT) {
        throw new ApiException(Problem.notFound("Tenant " + tenantId + " does not exist."));
      }
      return null;
    }));
  }

  private void unshare(RoutingContext ctx) {
    Caller.of(ctx).require(Scope.ADMIN);
    UUID tenantId = Params.pathId(ctx, "tenantId", "Tenant");
    Json.noContent(ctx, operators(ctx.pathParam("applicationId")).compose(app -> applications.unshare(app.id(), tenantId)));
  }

  /** An application the caller may see: any for the operator, those it may use for a tenant; else 404. */
  private Future<Application> visible(String id, Optional<UUID> tenant) {
    return tenant.map(t -> applications.usableById(t, id)).orElseGet(() -> applications.find(id))
        .map(found -> found.orElseThrow(() -> notFound(id)));
  }

  /** One of the operator's applications, which alone are shared. */
  private Future<Application> operators(String id) {
    return visible(id, Optional.empty()).map(app -> {
      if (!app.operators()) {
        throw new ApiException(Problem.conflict("application_not_shareable",
            "Application " + id + " is a tenant's own; only the operator's applications are shared."));
      }
      return app;
    });
  }

  /** What a caller sees of an application, never its secrets; the operator also sees whose it is and whom it is shared with. */
  private JsonObject view(Application app, Optional<UUID> tenant) {
    JsonObject json = new JsonObject()
        .put("id", app.id())
        .put("applicationId", app.applicationId())
        .put("owner", app.operators() ? "operator" : "tenant")
        .put("redirectUri", app.redirectUri().orElse(null))
        .put("draft", app.draft());
    if (tenant.isEmpty()) {
      json.put("ownerTenantId", app.owner().map(UUID::toString).orElse(null))
          .put("sharedWith", new JsonArray(applications.sharedWith(app.id()).stream().map(UUID::toString).sorted().toList()));
    }
    return json;
  }

  private static Application application(JsonObject body, Optional<UUID> owner) {
    Json.onlyFields(body, FIELDS);
    String id = text(body, "id", Application.ID, "1-64 lower-case letters, digits, _ or -, beginning with a letter or digit");
    Object draft = body.getValue("draft");
    if (draft != null && !(draft instanceof Boolean)) {
      throw new ApiException(Problem.validation("'draft' must be true or false."));
    }
    return new Application(id,
        text(body, "applicationId", AMAZON_ID, "Amazon's application id (amzn1.sp.solution...), 1-128 letters, digits, '.', '_' or '-'"),
        new ClientCredentials(
            text(body, "clientId", AMAZON_ID,
                "the LWA client id (amzn1.application-oa2-client...), 1-128 letters, digits, '.', '_' or '-'"),
            text(body, "clientSecret", CLIENT_SECRET, "the LWA client secret, 1-512 printable characters without spaces")),
        Optional.ofNullable(body.getValue("redirectUri")).map(raw -> WebUrl.parse(raw, "redirectUri").toString()),
        Boolean.TRUE.equals(draft), Optional.empty(), Map.of(), owner);
  }

  private static String text(JsonObject body, String field, Pattern form, String expected) {
    if (!(body.getValue(field) instanceof String value) || !form.matcher(value).matches()) {
      throw new ApiException(Problem.validation("'" + field + "' is required: " + expected + "."));
    }
    return value;
  }

  private static ApiException notFound(String id) {
    return new ApiException(Problem.notFound("Application " + id + " does not exist."));
  }
}
