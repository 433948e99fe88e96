package io.spgate.simulator.orders;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders API 2026-01-01: searchOrders and getOrder, over the same orders as v0 (whose confirmShipment stays the way to
 * ship). Dates are UTC only: an offset such as +09:00 is refused, as Amazon refuses it (FACTS.md part 2, section 5).
 */
public final class Orders2026Api {
  private static final String API = "orders_2026-01-01";
  /** Amazon refuses a createdBefore/lastUpdatedBefore closer than two minutes to now, and defaults to that. */
  private static final Duration SETTLING = Duration.ofMinutes(2);
  private static final int MAX_PAGE = 100;
  private static final String TOKEN = "paginationToken";

  private final DemoWorld world;
  private final SimClock clock;

  public Orders2026Api(DemoWorld world, SimClock clock) {
    this.world = world;
    this.clock = clock;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "searchOrders", this::searchOrders);
    routes.serve(API, "getOrder", this::getOrder);
  }

  private void searchOrders(SpApiRequest request) {
    String token = request.query(TOKEN);
    OrderQuery query;
    List<String> included = request.queryList("includedData");
    if (token != null) {
      query = OrderQuery.fromNextToken(token, TOKEN);
      // A page asked without includedData gets what the first page asked for.
      if (included.isEmpty()) {
        included = OrderQuery.extraOf(token, TOKEN).getJsonArray("i", new JsonArray()).stream().map(Object::toString).toList();
      }
    } else {
      query = newQuery(request);
    }
    List<Order> matching = new ArrayList<>();
    for (Order order : world.store(request.seller()).orders()) {
      if (query.matches(order)) {
        matching.add(order);
      }
    }
    matching.sort(query.order());
    Set<String> blocks = new LinkedHashSet<>(included);
    JsonArray page = new JsonArray();
    for (Order order : matching.subList(0, Math.min(query.pageSize(), matching.size()))) {
      page.add(Order2026Json.order(order, blocks));
    }
    JsonObject body = new JsonObject().put("orders", page);
    if (matching.size() > query.pageSize()) {
      String next = query.after(matching.get(query.pageSize() - 1)).toNextToken(new JsonObject().put("i", new JsonArray(included)));
      body.put("pagination", new JsonObject().put("nextToken", next));
    }
    body.put(query.byLastUpdate() ? "lastUpdatedBefore" : "createdBefore", query.before().toString());
    request.ok(body);
  }

  private OrderQuery newQuery(SpApiRequest request) {
    String createdAfter = request.query("createdAfter");
    String createdBefore = request.query("createdBefore");
    String updatedAfter = request.query("lastUpdatedAfter");
    String updatedBefore = request.query("lastUpdatedBefore");
    if ((createdAfter == null) == (updatedAfter == null)) {
      throw new InvalidInputException("Exactly one of createdAfter and lastUpdatedAfter must be provided");
    }
    if (createdAfter != null && updatedBefore != null) {
      throw new InvalidInputException("lastUpdatedBefore may not be provided with createdAfter");
    }
    if (updatedAfter != null && createdBefore != null) {
      throw new InvalidInputException("createdBefore may not be provided with lastUpdatedAfter");
    }
    boolean byUpdate = updatedAfter != null;
    String afterName = byUpdate ? "lastUpdatedAfter" : "createdAfter";
    String beforeName = byUpdate ? "lastUpdatedBefore" : "createdBefore";
    Instant after = utc(afterName, byUpdate ? updatedAfter : createdAfter);
    String beforeRaw = byUpdate ? updatedBefore : createdBefore;
    Instant latest = clock.now().minus(SETTLING);
    Instant before = beforeRaw == null ? latest : utc(beforeName, beforeRaw);
    if (before.isAfter(latest)) {
      throw new InvalidInputException(beforeName + " must be at least two minutes before the time of the request");
    }
    if (before.isBefore(after)) {
      throw new InvalidInputException(beforeName + " must be equal to or after " + afterName);
    }
    int pageSize = request.queryInt("maxResultsPerPage", MAX_PAGE);
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidInputException("maxResultsPerPage must be between 1 and " + MAX_PAGE);
    }
    List<String> marketplaceIds = request.queryList("marketplaceIds");
    request.requireSellerMarketplaces(marketplaceIds);
    if (marketplaceIds.isEmpty()) {
      marketplaceIds = request.seller().marketplaceIds();
    }
    // The model's enums are checked before this runs; v0's words are what the orders hold.
    List<String> statuses = request.queryList("fulfillmentStatuses").stream()
        .flatMap(s -> OrderStatuses.v0StatusesOf(s).stream()).distinct().toList();
    List<String> channels = request.queryList("fulfilledBy").stream().map(OrderStatuses::fulfillmentChannel).distinct().toList();
    return new OrderQuery(byUpdate, after, before, true, marketplaceIds, statuses, channels, List.of(), pageSize, null, null);
  }

  /** The model's format check has passed (an ISO 8601 date-time); what is left is Amazon's insistence on UTC. */
  static Instant utc(String name, String value) {
    if (!value.endsWith("Z")) {
      throw new InvalidInputException("Invalid " + name + ": '" + value + "' must be in UTC, written with 'Z' (e.g. 2025-01-01T00:00:00Z)");
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("Invalid " + name + ": '" + value + "' is not an ISO 8601 date-time");
    }
  }

  private void getOrder(SpApiRequest request) {
    String orderId = request.pathParam("orderId");
    Set<String> included = new LinkedHashSet<>(request.queryList("includedData"));
    world.store(request.seller()).order(orderId).ifPresentOrElse(
        order -> request.ok(new JsonObject().put("order", Order2026Json.order(order, included))),
        () -> request.notFound("Order " + orderId + " was not found"));
  }
}
