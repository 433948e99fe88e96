package io.spgate.notifications;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant may narrow a seller's subscriptions to, sent to Amazon as createSubscription's
 * {@code processingDirective.eventFilter} for the types that have one (FACTS.md part 2, section 4): ORDER_CHANGE by
 * marketplace and order change type, ANY_OFFER_CHANGED by marketplace and with an aggregation period. Other types take
 * no filter. Empty fields mean no filter.
 */
record SubscriptionFilters(List<String> marketplaceIds, List<String> orderChangeTypes, Optional<String> offerAggregation) {

  static final Set<String> FIELDS = Set.of("marketplaceIds", "orderChangeTypes", "offerAggregation");
  private static final Set<String> ORDER_CHANGE_TYPES = Set.of("OrderStatusChange", "BuyerRequestedChange");
  private static final Set<String> AGGREGATION_PERIODS = Set.of("FiveMinutes", "TenMinutes");

  /** From the request's body: each field optional; marketplaces must be the seller's own. */
  static SubscriptionFilters parse(JsonObject body, Seller seller) {
    List<String> marketplaces = strings(body, "marketplaceIds");
    for (String marketplace : marketplaces) {
      if (!seller.marketplaces().contains(marketplace)) {
        throw new ApiException(Problem.validation("'marketplaceIds' may name only the seller's marketplaces " + seller.marketplaces()
            + "; got " + marketplace + "."));
      }
    }
    List<String> changeTypes = strings(body, "orderChangeTypes");
    if (!ORDER_CHANGE_TYPES.containsAll(changeTypes)) {
      throw new ApiException(Problem.validation("'orderChangeTypes' may contain only " + ORDER_CHANGE_TYPES + "."));
    }
    Object period = body.getValue("offerAggregation");
    if (period != null && !(period instanceof String p && AGGREGATION_PERIODS.contains(p))) {
      throw new ApiException(Problem.validation("'offerAggregation' must be one of " + AGGREGATION_PERIODS + "."));
    }
    return new SubscriptionFilters(marketplaces, changeTypes, Optional.ofNullable((String) period));
  }

  /** createSubscription's processingDirective for this type, if the filters narrow it. */
  Optional<JsonObject> processingDirective(String type) {
    JsonObject filter = new JsonObject().put("eventFilterType", type);
    switch (type) {
      case "ORDER_CHANGE" -> {
        putList(filter, "marketplaceIds", marketplaceIds);
        putList(filter, "orderChangeTypes", orderChangeTypes);
      }
      case "ANY_OFFER_CHANGED" -> {
        putList(filter, "marketplaceIds", marketplaceIds);
        offerAggregation.ifPresent(p -> filter.put("aggregationSettings", new JsonObject().put("aggregationTimePeriod", p)));
      }
      default -> {
        return Optional.empty();
      }
    }
    return filter.size() == 1 ? Optional.empty() : Optional.of(new JsonObject().put("eventFilter", filter));
  }

  private static void putList(JsonObject json, String field, List<String> values) {
    if (!values.isEmpty()) {
      json.put(field, new JsonArray(values));
    }
  }

  private static List<String> strings(JsonObject body, String field) {
    Object raw = body.getValue(field);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      throw new ApiException(Problem.validation("'" + field + "' must be a non-empty array of strings."));
    }
    List<String> values = new ArrayList<>();
    for (Object value : array) {
      if (!(value instanceof String text) || text.isBlank()) {
        throw new ApiException(Problem.validation("'" + field + "' must be a non-empty array of strings."));
      }
      values.add(text);
    }
    return List.copyOf(values);
  }
}
