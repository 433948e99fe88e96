package io.spgate.simulator.orders;

import io.spgate.simulator.data.Order;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A getOrders (v0) or searchOrders (2026-01-01) search, carried from page to page inside the page token. Pages continue
 * after the last (date, order id) returned, so orders placed between two pages neither repeat nor shift the pages.
 * Statuses and channels are v0's words; v0's Before is exclusive, 2026's inclusive ("at or before").
 */
record OrderQuery(
    boolean byLastUpdate, Instant after, Instant before, boolean beforeInclusive, List<String> marketplaceIds, List<String> statuses,
    List<String> channels, List<String> orderIds, int pageSize, Instant lastDate, String lastId) {

  Function<Order, Instant> dateOf() {
    return byLastUpdate ? Order::lastUpdateDate : Order::purchaseDate;
  }

  Comparator<Order> order() {
    return Comparator.comparing(dateOf()).thenComparing(Order::amazonOrderId);
  }

  boolean matches(Order order) {
    Instant date = dateOf().apply(order);
    if (!orderIds.isEmpty()) {
      return orderIds.contains(order.amazonOrderId()) && marketplaceIds.contains(order.marketplace().id());
    }
    return !date.isBefore(after) && (date.isBefore(before) || beforeInclusive && date.equals(before))
        && marketplaceIds.contains(order.marketplace().id())
        && (statuses.isEmpty() || statuses.contains(order.orderStatus()))
        && (channels.isEmpty() || channels.contains(order.fulfillmentChannel()))
        && (lastDate == null || order().compare(order, probe()) > 0);
  }

  private Order probe() {
    return new Order(lastId, lastId, null, lastDate, lastDate, null, null, null, List.of(), null, null, null, List.of());
  }

  OrderQuery after(Order last) {
    return new OrderQuery(byLastUpdate, after, before, beforeInclusive, marketplaceIds, statuses, channels, orderIds, pageSize,
        dateOf().apply(last), last.amazonOrderId());
  }

  String toNextToken() {
    return toNextToken(new JsonObject());
  }

  /** The token of the next page; {@code extra} carries what else the API keeps from page to page (under "x"). */
  String toNextToken(JsonObject extra) {
    JsonObject json = new JsonObject()
        .put("u", byLastUpdate).put("a", after.toString()).put("b", before.toString()).put("bi", beforeInclusive)
        .put("m", new JsonArray(marketplaceIds)).put("s", new JsonArray(statuses)).put("c", new JsonArray(channels))
        .put("n", pageSize).put("ld", lastDate.toString()).put("li", lastId).put("x", extra);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  static OrderQuery fromNextToken(String token) {
    return fromNextToken(token, "NextToken");
  }

  /** {@code name}: the parameter the token came in, for the error message. */
  static OrderQuery fromNextToken(String token, String name) {
    JsonObject json = decode(token, name);
    try {
      return new OrderQuery(
          json.getBoolean("u"), Instant.parse(json.getString("a")), Instant.parse(json.getString("b")), json.getBoolean("bi", false),
          strings(json.getJsonArray("m")), strings(json.getJsonArray("s")), strings(json.getJsonArray("c")), List.of(),
          json.getInteger("n"), Instant.parse(json.getString("ld")), json.getString("li"));
    } catch (RuntimeException e) {
      throw new InvalidInputException("Invalid " + name);
    }
  }

  /** What else the API kept in the token (see {@link #toNextToken(JsonObject)}). */
  static JsonObject extraOf(String token, String name) {
    Object extra = decode(token, name).getValue("x");
    return extra instanceof JsonObject json ? json : new JsonObject();
  }

  private static JsonObject decode(String token, String name) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new InvalidInputException("Invalid " + name);
    }
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(Object::toString).toList();
  }

  /** Amazon accepts ISO 8601 date-times and plain dates. */
  static Instant parseDate(String name, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("Invalid " + name + ": '" + value + "' is not an ISO 8601 date");
      }
    }
  }
}
