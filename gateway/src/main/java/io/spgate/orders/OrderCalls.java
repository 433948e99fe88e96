package io.spgate.orders;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Orders API 2026-01-01 calls of the order sync (getOrder, searchOrders), through the pipeline. */
final class OrderCalls {

  private static final String ORDERS = "/orders/2026-01-01/orders";
  /** What spgate keeps of an order: its state, items and totals; never the buyer or the recipient. */
  private static final String KEPT_DATA = "FULFILLMENT,PROCEEDS";

  /** One page of searchOrders: its orders, and the token of the next page when there is one. */
  record Page(List<JsonObject> orders, Optional<String> nextToken) {}

  private final SpApiClient spApi;
  private final SpApiClient.CallOptions options;

  /** @param maxWait how long a call may wait for its quota slot */
  OrderCalls(SpApiClient spApi, Duration maxWait) {
    this.spApi = spApi;
    this.options = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.NORMAL));
  }

  Future<JsonObject> getOrder(Seller seller, String amazonOrderId) {
    return getOrder(seller, amazonOrderId, List.of());
  }

  /** The order with more of its data blocks (BUYER, RECIPIENT) than spgate keeps. */
  Future<JsonObject> getOrder(Seller seller, String amazonOrderId, List<String> moreData) {
    String included = moreData.isEmpty() ? KEPT_DATA : KEPT_DATA + "," + String.join(",", moreData);
    SpApiRequest request = SpApiRequest.get(ORDERS + "/" + URLEncoder.encode(amazonOrderId, StandardCharsets.UTF_8))
        .withQuery("includedData", included);
    return spApi.call(seller, request, options, result -> order(result.json()));
  }

  /**
   * Orders changed in (after, before], or the page {@code token} names of such a search. Times go in UTC to the second:
   * Amazon refuses offsets and a {@code lastUpdatedBefore} less than two minutes old.
   */
  Future<Page> searchOrders(Seller seller, Instant after, Instant before, Optional<String> token) {
    SpApiRequest request = SpApiRequest.get(ORDERS).withQuery("lastUpdatedAfter", utc(after)).withQuery("lastUpdatedBefore", utc(before))
        .withQuery("marketplaceIds", String.join(",", seller.marketplaces())).withQuery("maxResultsPerPage", "100")
        .withQuery("includedData", KEPT_DATA);
    if (token.isPresent()) {
      request = request.withQuery("paginationToken", token.get());
    }
    return spApi.call(seller, request, options, result -> {
      JsonObject json = result.json();
      List<JsonObject> orders = new ArrayList<>();
      for (Object o : json.getJsonArray("orders", new JsonArray())) {
        orders.add((JsonObject) o);
      }
      Optional<String> next = Optional.ofNullable(json.getJsonObject("pagination")).map(p -> p.getString("nextToken"))
          .filter(t -> !t.isBlank());
      return new Page(orders, next);
    });
  }

  /** getOrder's answer holds the order itself or under {@code order}. */
  private static JsonObject order(JsonObject json) {
    JsonObject inner = json.getJsonObject("order");
    return inner != null ? inner : json;
  }

  static String utc(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
