package io.spgate.channels;

import io.spgate.events.EventTypes;
import io.spgate.events.NewEvent;
import io.spgate.events.Outbox;
import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationEffect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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
    String sellers = "SELECT s.id, s.tenant_id FROM sellers s JOIN applications a ON a.id = s.application"
        + " WHERE s.selling_partner_id = $1 AND ($2::text IS NULL OR a.application_id = $2)";
    return tx.preparedQuery(sellers).execute(Tuple.of(sellingPartner, notification.applicationId().orElse(null))).compose(rows -> {
      List<NewEvent> events = new ArrayList<>();
      rows.forEach(row -> {
        String channel = marketplace == null ? null : new ChannelId(row.getUUID("id"), marketplace).value();
        events.add(new NewEvent(row.getUUID("tenant_id"), EventTypes.LISTING_STATUS_CHANGED, "listing",
            (channel == null ? row.getUUID("id").toString() : channel) + "/" + sku, new JsonObject()
                .put("sellerId", row.getUUID("id").toString()).put("channelId", channel).put("marketplaceId", marketplace).put("sku", sku)
                .put("asin", Notification.string(payload, "Asin").orElse(null)).put("status", status)));
      });
      return outbox.append(tx, events);
    });
  }
}
