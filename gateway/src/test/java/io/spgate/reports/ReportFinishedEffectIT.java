package io.spgate.reports;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.MigratedDatabase;
import io.spgate.StoredSeller;
import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationIntake;
import io.spgate.notifications.NotificationMetrics;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** REPORT_PROCESSING_FINISHED: the jobs waiting for that report take their next step now; finished jobs stay as they are. */
class ReportFinishedEffectIT {

  @Test
  void should_make_the_waiting_jobs_of_that_report_due_now() {
    try (MigratedDatabase database = new MigratedDatabase()) {
      Seller seller = StoredSeller.create(database.pool, "A1REPORTSELLER", "amzn1.sp.solution.reports");
      UUID waiting = UUID.randomUUID();
      UUID done = UUID.randomUUID();
      UUID other = UUID.randomUUID();
      String insert = "INSERT INTO report_jobs (id, tenant_id, seller_id, report_type, marketplaces, status, amazon_report_id,"
          + " next_step_at)"
          + " VALUES ($1, $2, $3, 'GET_MERCHANT_LISTINGS_ALL_DATA', '{ATVPDKIKX0DER}', $4, $5, now() + interval '1 hour')";
      for (List<Object> job : List.<List<Object>>of(List.of(waiting, "IN_PROGRESS", "R-1"), List.of(done, "DONE", "R-1"),
          List.of(other, "IN_QUEUE", "R-2"))) {
        await(database.pool.preparedQuery(insert).execute(Tuple.of(job.get(0), seller.tenantId(), seller.id(), job.get(1), job.get(2))));
      }
      NotificationIntake intake = new NotificationIntake(database.pool, Map.of("REPORT_PROCESSING_FINISHED", new ReportFinishedEffect()),
          new NotificationMetrics(new SimpleMeterRegistry()));

      await(intake.take(Notification.parse(new JsonObject().put("notificationVersion", "2020-09-04")
          .put("notificationType", "REPORT_PROCESSING_FINISHED").put("notificationMetadata", new JsonObject().put("notificationId", "n-r"))
          .put("payload", new JsonObject().put("reportProcessingFinishedNotification", new JsonObject().put("sellerId", "A1REPORTSELLER")
              .put("reportId", "R-1").put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA").put("processingStatus", "DONE")))
          .encode())));

      Map<UUID, Boolean> due = new java.util.HashMap<>();
      await(database.pool.query("SELECT id, next_step_at <= now() AS due FROM report_jobs").execute())
          .forEach(row -> due.put(row.getUUID("id"), row.getBoolean("due")));
      assertThat(due).containsEntry(waiting, true).containsEntry(done, false).containsEntry(other, false);
    }
  }
}
