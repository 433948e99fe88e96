package io.spgate.fanout;

import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationEffect;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * FEED_PROCESSING_FINISHED: the fan-out's wait for that feed ends now. Its submission's poll is due at once and its
 * seller's round too (woken, so a round running now goes again), which reads the feed and its processing report; the
 * notification's own status is not trusted for the items' outcomes.
 */
final class FeedFinishedEffect implements NotificationEffect {

  @Override
  public Future<Void> apply(SqlConnection tx, Notification notification) {
    String feedId = Notification.object(notification.payload(), "feedProcessingFinishedNotification")
        .flatMap(finished -> Notification.string(finished, "feedId"))
        .orElseThrow(() -> new IllegalArgumentException("FEED_PROCESSING_FINISHED without a feedId"));
    return tx.preparedQuery("WITH due AS (UPDATE update_submissions SET next_poll_at = now() WHERE feed_id = $1 AND state = 'created'"
            + " RETURNING seller_id) UPDATE update_sellers SET due_at = LEAST(due_at, now()), woken = true"
            + " WHERE seller_id IN (SELECT seller_id FROM due)")
        .execute(Tuple.of(feedId)).mapEmpty();
  }
}
