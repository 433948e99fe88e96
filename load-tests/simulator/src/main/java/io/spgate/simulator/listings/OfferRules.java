package io.spgate.simulator.listings;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks Amazon makes on the offer attributes of every submission before accepting it (FACTS.md part 2, section 3:
 * an INVALID patch answer, or a message counted in messagesInvalid). Amazon's own issue codes for them are numbers not
 * published for these cases: every code here is the simulator's choice (UNCONFIRMED).
 */
final class OfferRules {
  static final String INVALID_PRICE = "INVALID_PRICE";
  static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
  static final String INVALID_QUANTITY = "INVALID_QUANTITY";
  /** FBA stock is counted by Amazon, never set by the seller: an ERROR (UNCONFIRMED code). */
  static final String FBA_QUANTITY_NOT_ALLOWED = "FBA_QUANTITY_NOT_ALLOWED";
  static final String INVALID_VALUE = "INVALID_VALUE";

  private static final String OFFER = "purchasable_offer";
  private static final String AVAILABILITY = "fulfillment_availability";

  private OfferRules() {}

  /**
   * The issues of {@code attributes}, the listing as the submission would leave it; {@code before} is the listing as it
   * is (null for a new SKU) and {@code marketplace} the submission's, which an offer without marketplace_id is for.
   */
  static List<Issue> check(Listing before, JsonObject attributes, Marketplace marketplace) {
    List<Issue> issues = new ArrayList<>();
    for (Object o : attributes.getJsonArray(OFFER, new JsonArray())) {
      if (o instanceof JsonObject offer) {
        checkOffer(offer, marketplace, issues);
      } else {
        issues.add(Issue.error(INVALID_VALUE, "purchasable_offer entries must be objects", OFFER, "INVALID_ATTRIBUTE"));
      }
    }
    boolean fba = before != null && before.fulfilledByAmazon();
    for (Object o : attributes.getJsonArray(AVAILABILITY, new JsonArray())) {
      Object quantity = o instanceof JsonObject a ? a.getValue("quantity") : o;
      if (quantity == null) {
        continue;
      }
      if (!(quantity instanceof Integer || quantity instanceof Long) || ((Number) quantity).longValue() < 0) {
        issues.add(Issue.error(INVALID_QUANTITY, "The quantity '" + quantity + "' must be a whole number of 0 or more", AVAILABILITY,
            "INVALID_ATTRIBUTE"));
      } else if (fba) {
        issues.add(Issue.error(FBA_QUANTITY_NOT_ALLOWED, "SKU " + before.sku() + " is fulfilled by Amazon: its quantity is the stock in "
            + "Amazon's fulfilment centres and cannot be set with fulfillment_availability", AVAILABILITY, "INVALID_ATTRIBUTE"));
      }
    }
    return issues;
  }

  private static void checkOffer(JsonObject offer, Marketplace submitted, List<Issue> issues) {
    Object price = priceOf(offer);
    if (price != null && (!(price instanceof Number number) || new BigDecimal(number.toString()).signum() <= 0)) {
      issues.add(Issue.error(INVALID_PRICE, "The price '" + price + "' must be a number greater than 0", OFFER, "INVALID_PRICE"));
    }
    String currency = offer.getValue("currency") instanceof String c ? c : null;
    Marketplace marketplace = offer.getValue("marketplace_id") instanceof String id ? Marketplace.byId(id).orElse(submitted) : submitted;
    if (currency != null && marketplace != null && !currency.equals(marketplace.currency())) {
      issues.add(Issue.error(CURRENCY_MISMATCH, "The currency '" + currency + "' is not the currency of marketplace " + marketplace.id()
          + " (" + marketplace.currency() + ")", OFFER, "INVALID_PRICE"));
    }
  }

  private static Object priceOf(JsonObject offer) {
    try {
      return offer.getJsonArray("our_price").getJsonObject(0).getJsonArray("schedule").getJsonObject(0).getValue("value_with_tax");
    } catch (RuntimeException absent) {
      return null;
    }
  }
}
