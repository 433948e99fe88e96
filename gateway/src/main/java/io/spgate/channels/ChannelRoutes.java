package io.spgate.channels;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * /v1/channels: a tenant's channels (its sellers on each of their marketplaces), the mappings of
 * each channel's SKUs (one at a time, a page by SKU, or imported as CSV or NDJSON streamed from the
 * request), and their FBA inventory with a sync asked for now. Another tenant's channel is a 404.
 */
final class ChannelRoutes {

  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 500;
  private static final String IMPORT = "/channels/:channelId/mappings/import";

  private final Pool pool;
  private final ChannelStore channels;
  private final MappingStore mappings;
  private final InventorySyncStore syncs;

  ChannelRoutes(Pool pool, ChannelStore channels, MappingStore mappings, InventorySyncStore syncs) {
    this.pool = pool;
    this.channels = channels;
    this.mappings = mappings;
    this.syncs = syncs;
  }

  void mount(Router v1) {
    v1.get("/channels").handler(this::list);
    v1.get("/channels/:channelId").handler(this::get);
    v1.get("/channels/:channelId/mappings").handler(this::listMappings);
    v1.get("/channels/:channelId/mappings/:sku").handler(this::getMapping);
    v1.put("/channels/:channelId/mappings/:sku").handler(this::putMapping);
    v1.delete("/channels/:channelId/mappings/:sku").handler(this::deleteMapping);
    v1.get("/channels/:channelId/inventory").handler(this::inventory);
    v1.post("/channels/:channelId/inventory/sync").handler(this::syncNow);
  }

  /** The import reads its body as a stream: mounted ahead of the body handler. */
  void mountStreaming(Router v1) {
    v1.post(IMPORT).handler(this::importMappings);
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    ChannelStore.Filter filter = new ChannelStore.Filter(Params.query(ctx, "sellerId").map(id -> Params.id(id, "Seller")),
        Params.query(ctx, "marketplaceId"), Params.query(ctx, "q"));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<ChannelId> after = Params.query(ctx, "cursor").map(c -> ChannelId.parse(c).orElseThrow(ChannelRoutes::badCursor));
    Json.respond(ctx, 200, channels.list(tenant, filter, after, limit + 1)
        .map(page -> page(page, limit, Channel::toJson, last -> last.id().value())));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Json.respond(ctx, 200, channel(tenant, ctx).map(Channel::toJson));
  }

  private void listMappings(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Query query = query(ctx);
    Json.respond(ctx, 200, channel(tenant, ctx).compose(channel -> mappings.list(tenant, channel.id(), query.skuPrefix(),
            query.fulfillment(), query.after(), query.limit() + 1))
        .map(page -> page(page, query.limit(), Mapping::toJson, last -> cursor(last.sku()))));
  }

  private void getMapping(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    String sku = ctx.pathParam("sku");
    Json.respond(ctx, 200, channel(tenant, ctx).compose(channel -> mappings.get(tenant, channel.id(), sku))
        .map(found -> found.orElseThrow(() -> mappingNotFound(sku)).toJson()));
  }

  private void putMapping(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    String sku = ctx.pathParam("sku");
    JsonObject body = Json.body(ctx);
    Json.respond(ctx, 200, channel(tenant, ctx).compose(channel -> {
      MappingInput input;
      try {
        input = MappingInput.fromJson(body, channel.id(), Optional.of(sku));
      } catch (InvalidMapping e) {
        throw e.asProblem();
      }
      return mappings.put(tenant, channel.id(), input);
    }).map(Mapping::toJson));
  }

  private void deleteMapping(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    String sku = ctx.pathParam("sku");
    Json.noContent(ctx, channel(tenant, ctx).compose(channel -> mappings.delete(tenant, channel.id(), sku)).map(deleted -> {
      if (!deleted) {
        throw mappingNotFound(sku);
      }
      return null;
    }));
  }

  private void importMappings(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    MappingImport.Format format = MappingImport.Format.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
        .orElseThrow(() -> new ApiException(new Problem(415, "unsupported_media_type", "Unsupported media type",
            "Send the mappings as text/csv (a header row, then a mapping a row) or application/x-ndjson (a mapping a line).")));
    Json.respond(ctx, 200, channel(tenant, ctx)
        .compose(channel -> new MappingImport(pool, mappings, tenant, channel.id(), format, ctx.request()).run())
        .map(MappingImport.Result::toJson));
  }

  private void inventory(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Query query = query(ctx);
    Json.respond(ctx, 200, channel(tenant, ctx).compose(channel -> mappings.list(tenant, channel.id(), query.skuPrefix(),
            query.fulfillment(), query.after(), query.limit() + 1)
        .map(page -> page(page, query.limit(), Mapping::toInventoryJson, last -> cursor(last.sku()))
            .put("syncedAt", Mapping.time(channel.fbaSyncedAt())))));
  }

  private void syncNow(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    Json.respond(ctx, 202, channel(tenant, ctx).compose(channel -> syncs.requestNow(tenant, channel.id())
        .map(v -> new JsonObject().put("channelId", channel.id().value()).put("syncRequested", true)
            .put("syncedAt", Mapping.time(channel.fbaSyncedAt())))));
  }

  /** The channel the path names, if it is the tenant's; anything else (a malformed id included) is a 404. */
  private Future<Channel> channel(UUID tenant, RoutingContext ctx) {
    String raw = ctx.pathParam("channelId");
    Optional<ChannelId> id = ChannelId.parse(raw);
    if (id.isEmpty()) {
      return Future.failedFuture(channelNotFound(raw));
    }
    return channels.get(tenant, id.get()).map(found -> found.orElseThrow(() -> channelNotFound(raw)));
  }

  /** What a page of mappings or inventory is asked for. */
  private record Query(Optional<String> skuPrefix, Optional<Fulfillment> fulfillment, Optional<String> after, int limit) {}

  private static Query query(RoutingContext ctx) {
    return new Query(Params.query(ctx, "q"),
        Params.query(ctx, "fulfillment").map(f -> Fulfillment.parse(f)
            .orElseThrow(() -> new ApiException(Problem.validation("'fulfillment' must be FBA or MFN.")))),
        Params.query(ctx, "cursor").map(ChannelRoutes::afterSku), Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE));
  }

  private static <T> JsonObject page(List<T> page, int limit, Function<T, JsonObject> json, Function<T, String> cursor) {
    List<T> shown = page.subList(0, Math.min(limit, page.size()));
    JsonObject answer = new JsonObject().put("items", new JsonArray(shown.stream().map(json).toList()));
    if (page.size() > limit) {
      answer.put("nextCursor", cursor.apply(shown.get(shown.size() - 1)));
    }
    return answer;
  }

  /** A SKU may hold any character: cursors carry it base64url-encoded. */
  private static String cursor(String sku) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sku.getBytes(StandardCharsets.UTF_8));
  }

  private static String afterSku(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw badCursor();
    }
  }

  private static ApiException badCursor() {
    return new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
  }

  private static ApiException channelNotFound(String raw) {
    return new ApiException(Problem.notFound("Channel " + raw + " does not exist."));
  }

  private static ApiException mappingNotFound(String sku) {
    return new ApiException(Problem.notFound("The channel has no mapping of SKU " + sku + "."));
  }

  private static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }
}
