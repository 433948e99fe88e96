package io.spgate.channels;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spgate.MigratedDatabase;
import io.spgate.StoredSeller;
import io.spgate.events.Outbox;
import io.spgate.notifications.Notification;
import io.spgate.notifications.NotificationIntake;
import io.spgate.notifications.NotificationMetrics;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LISTINGS_ITEM_STATUS_CHANGE, under either spelling of its type, becomes one listing.status_changed event for the seller's tenant. */
class ListingStatusEffectIT {

  @Test
  void should_tell_the_sellers_tenant_of_a_listings_new_statuses() {
    try (MigratedDatabase database = new MigratedDatabase()) {
      Seller seller = StoredSeller.create(database.pool, "A1LISTINGSELLER", "amzn1.sp.solution.listings");
      ListingStatusEffect effect = new ListingStatusEffect(new Outbox());
      NotificationIntake intake = new NotificationIntake(database.pool, Map.of("LISTINGS_ITEM_STATUS_CHANGE", effect,
          "LISTINGS_ITEM_STATUS_CHANGED", effect), new NotificationMetrics(new SimpleMeterRegistry()));

      await(intake.take(Notification.parse(statusChange("LISTINGS_ITEM_STATUS_CHANGE", "n-1", new JsonArray().add("BUYABLE")))));
      await(intake.take(Notification.parse(statusChange("LISTINGS_ITEM_STATUS_CHANGED", "n-2", new JsonArray()))));

      List<Row> events = new ArrayList<>();
      await(database.pool.preparedQuery("SELECT type, resource_id, data FROM events WHERE tenant_id = $1 ORDER BY id")
          .execute(Tuple.of(seller.tenantId()))).forEach(events::add);
      assertThat(events).hasSize(2).allSatisfy(row -> {
        assertThat(row.getString("type")).isEqualTo("listing.status_changed");
        assertThat(row.getString("resource_id")).isEqualTo(seller.id() + ".ATVPDKIKX0DER/SKU-9");
      });
      JsonObject first = new JsonObject(events.get(0).getValue("data").toString());
      assertThat(first.getString("channelId")).isEqualTo(seller.id() + ".ATVPDKIKX0DER");
      assertThat(first.getString("asin")).isEqualTo("B00000SKU9");
      assertThat(first.getJsonArray("status")).containsExactly("BUYABLE");
      assertThat(new JsonObject(events.get(1).getValue("data").toString()).getJsonArray("status")).isEmpty();
    }
  }

  private static String statusChange(String type, String id, JsonArray status) {
    return new JsonObject().put("NotificationVersion", "1.0").put("NotificationType", type).put("PayloadVersion", "1.0")
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", "amzn1.sp.solution.listings").put("NotificationId", id))
        .put("Payload", new JsonObject().put("SellerId", "A1LISTINGSELLER").put("MarketplaceId", "ATVPDKIKX0DER").put("Asin", "B00000SKU9")
            .put("Sku", "SKU-9").put("Status", status))
        .encode();
  }
}
