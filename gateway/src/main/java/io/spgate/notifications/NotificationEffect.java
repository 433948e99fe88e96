package io.spgate.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * What one type of notification does. Its effect is stored in the transaction that marks the
 * notification seen, so a notification acts once however often SQS delivers it, and a crash between
 * the two leaves neither.
 */
public interface NotificationEffect {

  /** Stores the effect in {@code tx}; fails when the notification cannot take effect (it is retried, then dead-lettered). */
  Future<Void> apply(SqlConnection tx, Notification notification);

  /** After the transaction committed: work that may start now (a fetch, a wake-up). */
  default void committed(Notification notification) {}
}
