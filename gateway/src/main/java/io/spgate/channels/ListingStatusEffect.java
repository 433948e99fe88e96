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
import java.util.ArrayList;
import java.util.List;

/**
 * LISTINGS_ITEM_STATUS_CHANGE (its payload right under Payload, as its schema has it): a {@code listing.status_changed}
 * event for every tenant holding the seller under the notification's application, with the listing's channel, SKU,
 * ASIN and statuses (BUYABLE, DISCOVERABLE; none: the listing is gone).
 */
final class ListingStatusEffect implements NotificationEffect {

  private final Outbox outbox;

  ListingStatusEffect(Outbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Future<Void> apply(SqlConnection tx, Notification notification) {
    JsonObject payload = notification.payload();
    String sellingPartner = Notification.string(payload, "SellerId")
        .orElseThrow(() -> new IllegalArgumentException("LISTINGS_ITEM_STATUS_CHANGE without a SellerId"));
    String sku = Notification.string(payload, "Sku")
        .orElseThrow(() -> new IllegalArgumentException("LISTINGS_ITEM_STATUS_CHANGE without a Sku"));
    Object statuses = Notification.field(payload, "Status").orElse(new JsonArray());
    JsonArray status = statuses instanceof JsonArray array ? array : new JsonArray(List.of(statuses.toString()));
    String marketplace = Notification.string(payload, "MarketplaceId").orElse(null);
    return NotifiedSellers.of(tx, notification, sellingPartner).compose(sellers -> {
      List<NewEvent> events = new ArrayList<>();
      for (NotifiedSellers.NotifiedSeller seller : sellers) {
        String channel = marketplace == null ? null : new ChannelId(seller.sellerId(), marketplace).value();
        events.add(new NewEvent(seller.tenantId(), EventTypes.LISTING_STATUS_CHANGED, "listing",
            (channel == null ? seller.sellerId().toString() : channel) + "/" + sku, new JsonObject()
                .put("sellerId", seller.sellerId().toString()).put("channelId", channel).put("marketplaceId", marketplace)
                .put("sku", sku).put("asin", Notification.string(payload, "Asin").orElse(null)).put("status", status)));
      }
      return outbox.append(tx, events);
    });
  }
}
