package io.spgate.reports;

import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationEffect;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * REPORT_PROCESSING_FINISHED: the report jobs waiting for that report take their next step now (getReport, and its
 * document when DONE) instead of at their next poll.
 */
final class ReportFinishedEffect implements NotificationEffect {

  @Override
  public Future<Void> apply(SqlConnection tx, Notification notification) {
    String reportId = Notification.object(notification.payload(), "reportProcessingFinishedNotification")
        .flatMap(finished -> Notification.string(finished, "reportId"))
        .orElseThrow(() -> new IllegalArgumentException("REPORT_PROCESSING_FINISHED without a reportId"));
    return tx.preparedQuery("UPDATE report_jobs SET next_step_at = now() WHERE amazon_report_id = $1"
            + " AND status IN ('REQUESTED', 'IN_QUEUE', 'IN_PROGRESS')")
        .execute(Tuple.of(reportId)).mapEmpty();
  }
}
