package io.spgate.fanout;

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
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FEED_PROCESSING_FINISHED ends the fan-out's wait for that feed: its poll and its seller's round are due at once. */
class FeedFinishedEffectIT {

  private MigratedDatabase database;
  private Pool pool;
  private Seller seller;

  @BeforeEach
  void start() {
    database = new MigratedDatabase();
    pool = database.pool;
    seller = StoredSeller.create(pool, "A1FEEDSELLER", "amzn1.sp.solution.feeds");
  }

  @AfterEach
  void stop() {
    database.close();
  }

  @Test
  void should_make_the_feeds_poll_and_its_sellers_round_due_now() {
    await(pool.preparedQuery("INSERT INTO update_submissions (seller_id, marketplace_id, state, messages, feed_id, next_poll_at,"
        + " created_at)"
        + " VALUES ($1, 'ATVPDKIKX0DER', 'created', 10, 'F-1', now() + interval '1 hour', now()),"
        + " ($1, 'ATVPDKIKX0DER', 'created', 10, 'F-2', now() + interval '1 hour', now())").execute(Tuple.of(seller.id())));
    await(pool.preparedQuery("INSERT INTO update_sellers (seller_id, due_at) VALUES ($1, now() + interval '1 hour')")
        .execute(Tuple.of(seller.id())));
    NotificationIntake intake = new NotificationIntake(pool, Map.of("FEED_PROCESSING_FINISHED", new FeedFinishedEffect()),
        new NotificationMetrics(new SimpleMeterRegistry()));

    await(intake.take(Notification.parse(finished("F-1"))));

    Row due = await(pool.preparedQuery("SELECT (SELECT next_poll_at <= now() FROM update_submissions WHERE feed_id = 'F-1') AS polled,"
        + " (SELECT next_poll_at <= now() FROM update_submissions WHERE feed_id = 'F-2') AS other,"
        + " (SELECT due_at <= now() AND woken FROM update_sellers WHERE seller_id = $1) AS round").execute(Tuple.of(seller.id())))
        .iterator().next();
    assertThat(due.getBoolean("polled")).isTrue();
    assertThat(due.getBoolean("other")).isFalse();
    assertThat(due.getBoolean("round")).isTrue();
  }

  private static String finished(String feedId) {
    return new JsonObject().put("notificationVersion", "2020-09-04").put("notificationType", "FEED_PROCESSING_FINISHED")
        .put("payloadVersion", "2020-09-04").put("eventTime", "2026-12-01T10:00:00Z")
        .put("notificationMetadata", new JsonObject().put("notificationId", "n-" + feedId))
        .put("payload", new JsonObject().put("feedProcessingFinishedNotification", new JsonObject().put("sellerId", "A1FEEDSELLER")
            .put("feedId", feedId).put("feedType", "JSON_LISTINGS_FEED").put("processingStatus", "DONE")))
        .encode();
  }
}
