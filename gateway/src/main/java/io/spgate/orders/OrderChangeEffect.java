package io.spgate.orders;

import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationEffect;
import io.spgate.notifications.NotifiedSellers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * ORDER_CHANGE: the order named is read again (never trusting the payload's summary, which has no prices and may be
 * stale), for every seller spgate holds under that selling partner and the notification's application. The seller's
 * notifications are seen to arrive, for the gap detection.
 */
final class OrderChangeEffect implements NotificationEffect {

  private final OrderFetches fetches;
  private final Runnable wakeFetcher;

  OrderChangeEffect(OrderFetches fetches, Runnable wakeFetcher) {
    this.fetches = fetches;
    this.wakeFetcher = wakeFetcher;
  }

  @Override
  public Future<Void> apply(SqlConnection tx, Notification notification) {
    JsonObject change = Notification.object(notification.payload(), "OrderChangeNotification")
        .orElseThrow(() -> new IllegalArgumentException("ORDER_CHANGE without an OrderChangeNotification"));
    String sellingPartner = Notification.string(change, "SellerId")
        .orElseThrow(() -> new IllegalArgumentException("ORDER_CHANGE without a SellerId"));
    String orderId = Notification.string(change, "AmazonOrderId")
        .orElseThrow(() -> new IllegalArgumentException("ORDER_CHANGE without an AmazonOrderId"));
    OffsetDateTime changedAt = Notification.object(change, "OrderChangeTrigger").flatMap(t -> Notification.string(t, "TimeOfOrderChange"))
        .map(time -> AmazonOrder.instant(time).atOffset(ZoneOffset.UTC)).orElse(OffsetDateTime.now(ZoneOffset.UTC));
    return NotifiedSellers.of(tx, notification, sellingPartner).compose(sellers -> {
      List<UUID> ids = sellers.stream().map(NotifiedSellers.NotifiedSeller::sellerId).toList();
      if (ids.isEmpty()) {
        return Future.succeededFuture();
      }
      return fetches.announce(tx, ids, orderId, changedAt)
          .compose(n -> tx.preparedQuery("UPDATE order_sync SET last_notification_at = now() WHERE seller_id = ANY($1)")
              .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))))
          .mapEmpty();
    });
  }

  @Override
  public void committed(Notification notification) {
    wakeFetcher.run();
  }
}
