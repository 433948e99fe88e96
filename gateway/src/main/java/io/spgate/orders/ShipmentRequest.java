package io.spgate.orders;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shipment to confirm, checked against the order before Amazon sees it: a carrier code Amazon lists (Amazon takes any
 * string, and a code it does not know hides the tracking from the buyer), or "Other" with the carrier's name; a
 * tracking number; items of the order with no more than is left to ship (all of what is left when none are named).
 */
record ShipmentRequest(String carrierCode, Optional<String> carrierName, Optional<String> shippingMethod, String trackingNumber,
    Instant shipDate, Map<String, Integer> items) {

  private static final Set<String> FIELDS = Set.of("carrierCode", "carrierName", "shippingMethod", "trackingNumber", "shipDate", "items");
  private static final int MAX_TEXT = 100;

  static ShipmentRequest parse(JsonObject body, Order order, Instant now) {
    Json.onlyFields(body, FIELDS);
    String carrier = text(body, "carrierCode").orElseThrow(() -> invalid("'carrierCode' is required: one of Amazon's carrier codes, "
        + "or \"Other\" with 'carrierName'."));
    if (!Carriers.known(carrier)) {
      throw new ApiException(Problem.badRequest("carrier_code_unknown", "'carrierCode' " + carrier + " is not one Amazon lists (Amazon "
          + "would take it and the buyer would never see the tracking); send \"Other\" with the carrier's name in 'carrierName'. "
          + "Known codes: " + String.join(", ", Carriers.codes()) + "."));
    }
    Optional<String> name = text(body, "carrierName");
    if (carrier.equals(Carriers.OTHER) && name.isEmpty()) {
      throw invalid("'carrierName' is required when 'carrierCode' is \"Other\".");
    }
    String tracking = text(body, "trackingNumber").orElseThrow(() -> invalid("'trackingNumber' is required."));
    Instant shipDate = text(body, "shipDate").map(ShipmentRequest::time).orElse(now);
    if (shipDate.isAfter(now.plusSeconds(300))) {
      throw invalid("'shipDate' lies in the future.");
    }
    return new ShipmentRequest(carrier, name, text(body, "shippingMethod"), tracking, shipDate, items(body.getValue("items"), order));
  }

  private static Map<String, Integer> items(Object raw, Order order) {
    Map<String, Integer> left = new LinkedHashMap<>();
    for (Object o : order.items()) {
      JsonObject item = (JsonObject) o;
      left.put(item.getString("orderItemId"), item.getInteger("quantity") - item.getInteger("quantityShipped"));
    }
    Map<String, Integer> shipping = new LinkedHashMap<>();
    if (raw == null) {
      left.forEach((id, quantity) -> {
        if (quantity > 0) {
          shipping.put(id, quantity);
        }
      });
    } else if (raw instanceof JsonArray array && !array.isEmpty()) {
      for (Object o : array) {
        if (!(o instanceof JsonObject item) || !(item.getValue("orderItemId") instanceof String id)
            || !(item.getValue("quantity") instanceof Integer quantity) || quantity < 1) {
          throw invalid("Each of 'items' must be {\"orderItemId\": string, \"quantity\": whole number ≥ 1}.");
        }
        if (!left.containsKey(id)) {
          throw invalid("'items' names " + id + ", which is not an item of this order.");
        }
        shipping.merge(id, quantity, Integer::sum);
        if (shipping.get(id) > left.get(id)) {
          throw invalid("'items' ships " + shipping.get(id) + " of item " + id + ", of which " + left.get(id) + " are left to ship.");
        }
      }
    } else {
      throw invalid("'items' must be a non-empty array, or left out to ship everything left.");
    }
    if (shipping.isEmpty()) {
      throw new ApiException(Problem.conflict("order_fully_shipped", "Every item of this order is shipped already."));
    }
    return shipping;
  }

  JsonObject packageDetail(String packageReferenceId) {
    JsonArray orderItems = new JsonArray();
    items.forEach((id, quantity) -> orderItems.add(new JsonObject().put("orderItemId", id).put("quantity", quantity)));
    JsonObject detail = new JsonObject().put("packageReferenceId", packageReferenceId).put("carrierCode", carrierCode)
        .put("trackingNumber", trackingNumber).put("shipDate", shipDate.toString()).put("orderItems", orderItems);
    carrierName.ifPresent(name -> detail.put("carrierName", name));
    shippingMethod.ifPresent(method -> detail.put("shippingMethod", method));
    return detail;
  }

  private static Optional<String> text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
      throw invalid("'" + field + "' must be a non-empty string of at most " + MAX_TEXT + " characters.");
    }
    return Optional.of(s.strip());
  }

  private static Instant time(String raw) {
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid("'shipDate' must be an ISO-8601 time with its offset, such as 2026-12-01T10:00:00Z.");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problem.validation(detail));
  }
}
