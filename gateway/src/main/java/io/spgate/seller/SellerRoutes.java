package io.spgate.seller;

import io.spgate.application.Applications;
import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** /v1/sellers: register sellers with a refresh token, list, read, update, disable and delete them. */
public final class SellerRoutes implements Feature {

  private static final int MAX_REFRESH_TOKEN = 2048;
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private static final Pattern ID_PREFIX = Pattern.compile("[A-Z0-9]{1,32}");

  private final SellerStore sellers;
  private final Applications applications;

  public SellerRoutes(SellerStore sellers, Applications applications) {
    this.sellers = sellers;
    this.applications = applications;
  }

  @Override
  public void mountApi(Router v1) {
    v1.post("/sellers").handler(this::create);
    v1.get("/sellers").handler(this::list);
    v1.get("/sellers/:sellerId").handler(this::get);
    v1.patch("/sellers/:sellerId").handler(this::update);
    v1.delete("/sellers/:sellerId").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    JsonObject body = Json.body(ctx);
    String sellingPartnerId = requiredString(body, "sellingPartnerId");
    if (!Seller.SELLING_PARTNER_ID.matcher(sellingPartnerId).matches()) {
      throw invalid("'sellingPartnerId' must be Amazon's merchant id: 5-32 capital letters and digits.");
    }
    List<String> marketplaces = marketplaces(body.getValue("marketplaceIds"));
    Region region = region(body.getValue("region"), marketplaces);
    String refreshToken = refreshToken(body);
    Json.respond(ctx, 201, applications.usable(tenant, body.getValue("application"))
        .compose(app -> sellers.create(tenant, sellingPartnerId, app.id(), region, marketplaces, refreshToken)
            .map(created -> created.orElseThrow(() -> new ApiException(Problem.conflict("seller_exists",
                "Selling partner " + sellingPartnerId + " is already registered for application " + app.id() + ".")))
                .toJson())));
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    SellerStore.Filter filter = new SellerStore.Filter(
        Params.query(ctx, "status").map(s -> Seller.Status.parse(s)
            .orElseThrow(() -> invalid("'status' must be active, reauth_required or disabled."))),
        Params.query(ctx, "region").map(r -> Region.parse(r).orElseThrow(() -> invalid("'region' must be na, eu or fe."))),
        Params.query(ctx, "marketplaceId"), Params.query(ctx, "application"), Params.query(ctx, "sellingPartnerId"),
        Params.query(ctx, "q").map(SellerRoutes::idPrefix));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<UUID> after = Params.query(ctx, "cursor").map(c -> uuid(c, "'cursor' is not a cursor this API returned."));
    Json.respond(ctx, 200, sellers.list(tenant, filter, after, limit + 1).map(page -> {
      List<Seller> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(Seller::toJson).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", shown.get(shown.size() - 1).id().toString());
      }
      return json;
    }));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    Json.respond(ctx, 200, sellers.get(tenant, sellerId).map(found -> found.orElseThrow(() -> notFound(sellerId)).toJson()));
  }

  private void update(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    JsonObject body = Json.body(ctx);
    Json.onlyFields(body, Set.of("marketplaceIds", "status"));
    Optional<List<String>> marketplaces = body.containsKey("marketplaceIds") ? Optional.of(marketplaces(body.getValue("marketplaceIds")))
        : Optional.empty();
    Optional<Seller.Status> status = Optional.ofNullable(body.getValue("status")).map(raw -> {
      Seller.Status parsed = raw instanceof String s ? Seller.Status.parse(s).orElse(null) : null;
      if (parsed == null || parsed == Seller.Status.REAUTH_REQUIRED) {
        throw invalid("'status' can be set to 'active' or 'disabled'.");
      }
      return parsed;
    });
    Future<Optional<Seller>> current = sellers.get(tenant, sellerId);
    Json.respond(ctx, 200, current.compose(found -> {
      Seller seller = found.orElseThrow(() -> notFound(sellerId));
      marketplaces.ifPresent(m -> {
        if (!m.stream().allMatch(id -> Marketplace.byId(id).orElseThrow().region() == seller.region())) {
          throw invalid("Every marketplace must be in the seller's region (" + seller.region().code() + ").");
        }
      });
      if (status.orElse(null) == Seller.Status.ACTIVE && seller.status() == Seller.Status.REAUTH_REQUIRED) {
        throw new ApiException(Seller.reauthRequired(seller.id()));
      }
      return sellers.update(tenant, sellerId, marketplaces, status);
    }).map(updated -> updated.orElseThrow(() -> notFound(sellerId)).toJson()));
  }

  private void delete(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    Json.noContent(ctx, sellers.delete(tenant, sellerId).map(deleted -> {
      if (!deleted) {
        throw notFound(sellerId);
      }
      return null;
    }));
  }

  private static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }

  static List<String> marketplaces(Object raw) {
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > 25) {
      throw invalid("'marketplaceIds' must be an array of 1-25 Amazon marketplace ids.");
    }
    Set<String> ids = new LinkedHashSet<>();
    Set<Region> regions = new LinkedHashSet<>();
    for (Object value : array) {
      Marketplace marketplace = value instanceof String s ? Marketplace.byId(s).orElse(null) : null;
      if (marketplace == null) {
        throw invalid("'marketplaceIds' contains " + value + ", which is not an Amazon marketplace id.");
      }
      ids.add(marketplace.id());
      regions.add(marketplace.region());
    }
    if (regions.size() > 1) {
      throw invalid("'marketplaceIds' must all be in one region; got " + regions.stream().map(Region::code).toList() + ".");
    }
    return new ArrayList<>(ids);
  }

  static Region region(Object raw, List<String> marketplaces) {
    Region fromMarketplaces = Marketplace.byId(marketplaces.get(0)).orElseThrow().region();
    if (raw == null) {
      return fromMarketplaces;
    }
    Region region = raw instanceof String s ? Region.parse(s).orElse(null) : null;
    if (region == null) {
      throw invalid("'region' must be na, eu or fe.");
    }
    if (region != fromMarketplaces) {
      throw invalid("'region' is " + region.code() + " but the marketplaces are in " + fromMarketplaces.code() + ".");
    }
    return region;
  }

  private static String refreshToken(JsonObject body) {
    String token = requiredString(body, "refreshToken");
    if (token.length() > MAX_REFRESH_TOKEN || !token.matches("[\\x21-\\x7e]+")) {
      throw invalid("'refreshToken' must be the LWA refresh token (Atzr|...), printable and at most " + MAX_REFRESH_TOKEN + " characters.");
    }
    return token;
  }

  private static String requiredString(JsonObject body, String field) {
    Object raw = body.getValue(field);
    if (!(raw instanceof String s) || s.isBlank()) {
      throw invalid("'" + field + "' is required and must be a non-empty string.");
    }
    return s.strip();
  }

  private static UUID uuid(String raw, String problem) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw invalid(problem);
    }
  }

  private static ApiException notFound(UUID sellerId) {
    return new ApiException(Problem.notFound("Seller " + sellerId + " does not exist."));
  }

  /** A search for sellers by the start of their id: Amazon's ids are capital letters and digits, typed in any case. */
  private static String idPrefix(String typed) {
    String prefix = typed.strip().toUpperCase(Locale.ROOT);
    if (!ID_PREFIX.matcher(prefix).matches()) {
      throw invalid("'q' must be the start of a selling partner id: 1-32 letters and digits.");
    }
    return prefix;
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problem.validation(detail));
  }
}
