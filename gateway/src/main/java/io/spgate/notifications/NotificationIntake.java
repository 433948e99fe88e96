package io.spgate.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/** Takes a notification once: by its NotificationId, in one transaction with its effect. */
public final class NotificationIntake {

  /** What became of a notification taken. */
  public enum Outcome { APPLIED, DUPLICATE, IGNORED }

  private static final NotificationEffect NONE = (tx, notification) -> Future.succeededFuture();

  private final Pool pool;
  private final Map<String, NotificationEffect> effects;
  private final NotificationMetrics metrics;

  /** @param effects by notification type; other types are marked seen and otherwise ignored */
  public NotificationIntake(Pool pool, Map<String, NotificationEffect> effects, NotificationMetrics metrics) {
    this.pool = pool;
    this.effects = Map.copyOf(effects);
    this.metrics = metrics;
  }

  public Future<Outcome> take(Notification notification) {
    NotificationEffect effect = effects.getOrDefault(notification.type(), NONE);
    Future<Outcome> taken = pool.withTransaction(tx -> tx.preparedQuery(
            "INSERT INTO notifications_seen (notification_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(notification.notificationId(), notification.type()))
        .compose(inserted -> inserted.rowCount() == 0 ? Future.succeededFuture(Outcome.DUPLICATE)
            : effect.apply(tx, notification).map(effect == NONE ? Outcome.IGNORED : Outcome.APPLIED)));
    return taken.onSuccess(outcome -> {
      metrics.taken(notification.type(), outcome);
      if (outcome == Outcome.APPLIED) {
        effect.committed(notification);
      }
    });
  }

  /** Forgets NotificationIds older than a week: SQS does not redeliver that late. */
  public Future<Integer> forgetOld() {
    return pool.query("DELETE FROM notifications_seen WHERE seen_at < now() - interval '7 days'").execute().map(rows -> rows.rowCount());
  }
}
