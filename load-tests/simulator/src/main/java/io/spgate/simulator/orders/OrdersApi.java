package io.spgate.simulator.orders;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.OrderPackage;
import io.spgate.simulator.http.Access;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Orders API v0: search, one order, its items, and the restricted address and buyer info; shipment confirmation. */
public final class OrdersApi {
  private static final String API = "ordersV0";
  /** Amazon refuses a CreatedBefore/LastUpdatedBefore closer than two minutes to now, and defaults to that. */
  private static final Duration SETTLING = Duration.ofMinutes(2);
  private static final int MAX_PAGE = 100;
  /** The model describes these lists only in prose; Amazon refuses other values all the same. */
  private static final Set<String> ORDER_STATUSES = Set.copyOf(OrderStatuses.v0Statuses());
  private static final Set<String> FULFILLMENT_CHANNELS = Set.of("AFN", "MFN");

  private final DemoWorld world;
  private final SimClock clock;
  private final OrderChanges orderChanges;

  public OrdersApi(DemoWorld world, SimClock clock, OrderChanges orderChanges) {
    this.world = world;
    this.clock = clock;
    this.orderChanges = orderChanges;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "getOrders", this::getOrders);
    routes.serve(API, "getOrder", this::getOrder);
    routes.serve(API, "getOrderItems", this::getOrderItems);
    routes.serve(API, "getOrderAddress", Access.RESTRICTED, this::getOrderAddress);
    routes.serve(API, "getOrderBuyerInfo", Access.RESTRICTED, this::getOrderBuyerInfo);
    routes.serve(API, "confirmShipment", this::confirmShipment);
  }

  private void getOrders(SpApiRequest request) {
    List<String> marketplaceIds = request.queryList("MarketplaceIds");
    request.requireSellerMarketplaces(marketplaceIds);
    String nextToken = request.query("NextToken");
    OrderQuery query = nextToken != null ? OrderQuery.fromNextToken(nextToken) : newQuery(request, marketplaceIds);
    List<Order> matching = new ArrayList<>();
    for (Order order : world.store(request.seller()).orders()) {
      if (query.matches(order)) {
        matching.add(order);
      }
    }
    matching.sort(query.order());
    JsonArray page = new JsonArray();
    boolean withAddress = request.grantsDataElement("shippingAddress");
    boolean withBuyer = request.grantsDataElement("buyerInfo");
    for (Order order : matching.subList(0, Math.min(query.pageSize(), matching.size()))) {
      page.add(OrderJson.order(order, withAddress, withBuyer));
    }
    JsonObject payload = new JsonObject().put("Orders", page);
    if (matching.size() > query.pageSize()) {
      payload.put("NextToken", query.after(matching.get(query.pageSize() - 1)).toNextToken());
    }
    payload.put(query.byLastUpdate() ? "LastUpdatedBefore" : "CreatedBefore", query.before().toString());
    request.okPayload(payload);
  }

  private OrderQuery newQuery(SpApiRequest request, List<String> marketplaceIds) {
    String createdAfter = request.query("CreatedAfter");
    String updatedAfter = request.query("LastUpdatedAfter");
    List<String> orderIds = request.queryList("AmazonOrderIds");
    if (createdAfter != null && updatedAfter != null) {
      throw new InvalidInputException("Only one of CreatedAfter and LastUpdatedAfter may be specified");
    }
    if (createdAfter == null && updatedAfter == null && orderIds.isEmpty()) {
      throw new InvalidInputException("Either CreatedAfter or LastUpdatedAfter must be specified");
    }
    boolean byUpdate = updatedAfter != null;
    Instant latest = clock.now().minus(SETTLING);
    Instant after = createdAfter == null && updatedAfter == null ? Instant.EPOCH
        : OrderQuery.parseDate(byUpdate ? "LastUpdatedAfter" : "CreatedAfter", byUpdate ? updatedAfter : createdAfter);
    String beforeName = byUpdate ? "LastUpdatedBefore" : "CreatedBefore";
    String beforeRaw = request.query(beforeName);
    Instant before = beforeRaw == null ? latest : OrderQuery.parseDate(beforeName, beforeRaw);
    if (before.isAfter(latest)) {
      throw new InvalidInputException(beforeName + " must be at least two minutes before the time of the request");
    }
    if (!after.isBefore(before) && orderIds.isEmpty()) {
      throw new InvalidInputException((byUpdate ? "LastUpdatedAfter" : "CreatedAfter") + " must be before " + beforeName);
    }
    int pageSize = request.queryInt("MaxResultsPerPage", MAX_PAGE);
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidInputException("MaxResultsPerPage must be between 1 and " + MAX_PAGE);
    }
    List<String> statuses = request.queryList("OrderStatuses");
    List<String> channels = request.queryList("FulfillmentChannels");
    requireKnown("OrderStatuses", statuses, ORDER_STATUSES);
    requireKnown("FulfillmentChannels", channels, FULFILLMENT_CHANNELS);
    return new OrderQuery(byUpdate, after, before, false, marketplaceIds, statuses, channels, orderIds, pageSize, null, null);
  }

  private static void requireKnown(String parameter, List<String> values, Set<String> known) {
    for (String value : values) {
      if (!known.contains(value)) {
        throw new InvalidInputException("Invalid " + parameter + " value '" + value + "'; allowed values: "
            + new java.util.TreeSet<>(known));
      }
    }
  }

  private void getOrder(SpApiRequest request) {
    withOrder(request, order -> request.okPayload(
        OrderJson.order(order, request.grantsDataElement("shippingAddress"), request.grantsDataElement("buyerInfo"))));
  }

  private void getOrderItems(SpApiRequest request) {
    withOrder(request, order -> {
      JsonArray items = new JsonArray();
      for (OrderItem item : order.items()) {
        items.add(OrderJson.item(order, item));
      }
      request.okPayload(new JsonObject().put("OrderItems", items).put("AmazonOrderId", order.amazonOrderId()));
    });
  }

  private void getOrderAddress(SpApiRequest request) {
    withOrder(request, order -> request.okPayload(
        new JsonObject().put("AmazonOrderId", order.amazonOrderId()).put("ShippingAddress", order.shippingAddress().toJson())));
  }

  private void getOrderBuyerInfo(SpApiRequest request) {
    withOrder(request, order -> request.okPayload(new JsonObject()
        .put("AmazonOrderId", order.amazonOrderId()).put("BuyerEmail", order.buyerEmail()).put("BuyerName", order.buyerName())));
  }

  private void confirmShipment(SpApiRequest request) {
    withOrder(request, order -> {
      JsonObject body = request.body();
      if (!order.marketplace().id().equals(body.getString("marketplaceId"))) {
        throw new InvalidInputException("marketplaceId does not match the order's marketplace");
      }
      if (order.fulfilledByAmazon()) {
        throw new InvalidInputException("Shipment of an order fulfilled by Amazon cannot be confirmed by the seller");
      }
      JsonObject detail = body.getJsonObject("packageDetail");
      Map<String, Integer> shipping = quantities(detail.getJsonArray("orderItems"));
      OrderPackage parcel = new OrderPackage(detail.getString("packageReferenceId"), carrier(detail), detail.getString("trackingNumber"),
          shipDate(detail.getString("shipDate")), clock.now(), shipping);
      // Checked on the order as it is when changed: a concurrent change (another confirmation) may have shipped it.
      orderChanges.change(request.seller(), order.amazonOrderId(), current -> shipped(current, shipping, parcel),
          OrderChanges.STATUS_CHANGE);
      request.noContent(204);
    });
  }

  private static Order shipped(Order order, Map<String, Integer> shipping, OrderPackage parcel) {
    if (!"Unshipped".equals(order.orderStatus()) && !"PartiallyShipped".equals(order.orderStatus())) {
      throw new InvalidInputException("An order in status " + order.orderStatus() + " cannot be confirmed as shipped");
    }
    Map<String, Integer> left = new HashMap<>(shipping);
    List<OrderItem> items = new ArrayList<>();
    for (OrderItem item : order.items()) {
      int add = left.getOrDefault(item.orderItemId(), 0);
      if (item.quantityShipped() + add > item.quantityOrdered()) {
        throw new InvalidInputException("Quantity for order item " + item.orderItemId() + " exceeds the quantity left to ship");
      }
      items.add(item.withQuantityShipped(item.quantityShipped() + add));
      left.remove(item.orderItemId());
    }
    if (!left.isEmpty()) {
      throw new InvalidInputException("Unknown order item " + left.keySet().iterator().next());
    }
    boolean all = items.stream().allMatch(i -> i.quantityShipped() == i.quantityOrdered());
    return order.withStatus(all ? "Shipped" : "PartiallyShipped", items, order.lastUpdateDate()).withPackage(parcel);
  }

  /** The carrier as Amazon shows it: the code, or for "Other" the carrier's name. */
  private static String carrier(JsonObject detail) {
    String code = detail.getString("carrierCode");
    return "Other".equals(code) && detail.getString("carrierName") != null ? detail.getString("carrierName") : code;
  }

  private Instant shipDate(String value) {
    try {
      return value == null ? clock.now() : OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("Invalid shipDate: '" + value + "' is not an ISO 8601 date-time");
    }
  }

  private static Map<String, Integer> quantities(JsonArray orderItems) {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < orderItems.size(); i++) {
      JsonObject item = orderItems.getJsonObject(i);
      map.merge(item.getString("orderItemId"), item.getInteger("quantity"), Integer::sum);
    }
    return map;
  }

  private void withOrder(SpApiRequest request, java.util.function.Consumer<Order> action) {
    String orderId = request.pathParam("orderId");
    Optional<Order> order = world.store(request.seller()).order(orderId);
    if (order.isEmpty()) {
      request.notFound("Order " + orderId + " was not found");
      return;
    }
    action.accept(order.get());
  }
}
