package io.spgate.channels;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationEffect;
import io.spgate.notifications.NotifiedSellers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ANY_OFFER_CHANGED: an {@code offer.changed} event for every tenant holding the seller under the notification's
 * application, in one shape a repricer reads: the channel and ASIN, the Buy Box price, the lowest prices by fulfilment,
 * the number of offers, the seller's own price and whether it holds the Buy Box. IsBuyBoxWinner is optional and often
 * missing (FACTS.md part 2, section 4), so {@code buyBoxWinner} is {@code self}, {@code other} or null for unknown,
 * never a guess.
 */
final class OfferChangeEffect implements NotificationEffect {

  private final Outbox outbox;

  OfferChangeEffect(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Future<Void> apply(SqlConnection tx, Notification notification) {
    JsonObject change = Notification.object(notification.payload(), "AnyOfferChangedNotification")
        .orElseThrow(() -> new IllegalArgumentException("ANY_OFFER_CHANGED without an AnyOfferChangedNotification"));
    String sellingPartner = Notification.string(change, "SellerId")
        .orElseThrow(() -> new IllegalArgumentException("ANY_OFFER_CHANGED without a SellerId"));
    JsonObject trigger = Notification.object(change, "OfferChangeTrigger")
        .orElseThrow(() -> new IllegalArgumentException("ANY_OFFER_CHANGED without an OfferChangeTrigger"));
    String marketplace = Notification.string(trigger, "MarketplaceId")
        .orElseThrow(() -> new IllegalArgumentException("ANY_OFFER_CHANGED without a MarketplaceId"));
    String asin = Notification.string(trigger, "ASIN")
        .orElseThrow(() -> new IllegalArgumentException("ANY_OFFER_CHANGED without an ASIN"));
    JsonObject summary = Notification.object(change, "Summary").orElse(new JsonObject());
    List<JsonObject> offers = Notification.objects(change, "Offers");
    Optional<JsonObject> own = offers.stream().filter(o -> Notification.string(o, "SellerId").orElse("").equals(sellingPartner))
        .findFirst();
    JsonObject facts = new JsonObject()
        .put("marketplaceId", marketplace).put("asin", asin)
        .put("condition", Notification.string(trigger, "ItemCondition").orElse(null))
        .put("changedAt", Notification.string(trigger, "TimeOfOfferChange").orElse(null))
        .put("changeType", Notification.string(trigger, "OfferChangeType").orElse(null))
        .put("buyBoxPrice", Notification.objects(summary, "BuyBoxPrices").stream().findFirst().map(p -> money(p, "LandedPrice"))
            .orElse(null))
        .put("lowestPrices", lowestPrices(summary))
        .put("offerCount", Notification.objects(summary, "NumberOfOffers").stream()
            .mapToInt(n -> Notification.field(n, "OfferCount").filter(Number.class::isInstance).map(v -> ((Number) v).intValue()).orElse(0))
            .sum())
        .put("ownPrice", own.map(o -> money(o, "ListingPrice")).orElse(null))
        .put("buyBoxWinner", buyBoxWinner(own, offers));
    return NotifiedSellers.of(tx, notification, sellingPartner).compose(sellers -> {
      List<NewEvent> events = new ArrayList<>();
      for (NotifiedSellers.NotifiedSeller seller : sellers) {
        String channel = new ChannelId(seller.sellerId(), marketplace).value();
        events.add(new NewEvent(seller.tenantId(), EventTypes.OFFER_CHANGED, "offer", channel + "/" + asin,
            facts.copy().put("sellerId", seller.sellerId().toString()).put("channelId", channel)));
      }
      return outbox.append(tx, events);
    });
  }

  private static JsonArray lowestPrices(JsonObject summary) {
    JsonArray lowest = new JsonArray();
    for (JsonObject price : Notification.objects(summary, "LowestPrices")) {
      lowest.add(new JsonObject().put("condition", Notification.string(price, "Condition").orElse(null))
          .put("fulfillment", Notification.string(price, "FulfillmentChannel").orElse(null))
          .put("landedPrice", money(price, "LandedPrice")));
    }
    return lowest;
  }

  /** self, other, or null when no offer says (IsBuyBoxWinner is optional). */
  private static String buyBoxWinner(Optional<JsonObject> own, List<JsonObject> offers) {
    if (own.isPresent() && Notification.field(own.get(), "IsBuyBoxWinner").map(Boolean.TRUE::equals).orElse(false)) {
      return "self";
    }
    boolean other = offers.stream().filter(o -> own.isEmpty() || o != own.get())
        .anyMatch(o -> Notification.field(o, "IsBuyBoxWinner").map(Boolean.TRUE::equals).orElse(false));
    return other ? "other" : null;
  }

  /** {@code {Amount, CurrencyCode}} as spgate's money: the amount as a decimal string, never a binary float. */
  private static JsonObject money(JsonObject holder, String field) {
    return Notification.object(holder, field).flatMap(m -> Notification.field(m, "Amount").filter(Number.class::isInstance)
        .map(a -> new JsonObject().put("amount", new BigDecimal(a.toString()).toPlainString())
            .put("currency", Notification.string(m, "CurrencyCode").orElse(null)))).orElse(null);
  }
}
