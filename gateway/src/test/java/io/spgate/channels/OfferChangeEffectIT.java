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

/** ANY_OFFER_CHANGED becomes one offer.changed event for the seller's tenant, in spgate's shape, once however often it comes. */
class OfferChangeEffectIT {

  private static final String SELLER = "A1OFFERSELLER";
  private static final String APP = "amzn1.sp.solution.offers";

  @Test
  void should_tell_the_sellers_tenant_of_the_buy_box_and_lowest_prices_once() {
    try (MigratedDatabase database = new MigratedDatabase()) {
      Seller seller = StoredSeller.create(database.pool, SELLER, APP);
      NotificationIntake intake = new NotificationIntake(database.pool, Map.of("ANY_OFFER_CHANGED", new OfferChangeEffect(new Outbox())),
          new NotificationMetrics(new SimpleMeterRegistry()));

      String won = offerChange("n-1", true, "19.99");
      await(intake.take(Notification.parse(won)));
      await(intake.take(Notification.parse(won))); // SQS's duplicate: the same NotificationId
      await(intake.take(Notification.parse(offerChange("n-2", null, "18.5"))));

      List<Row> events = new ArrayList<>();
      await(database.pool.preparedQuery("SELECT type, resource_type, resource_id, data FROM events WHERE tenant_id = $1 ORDER BY id")
          .execute(Tuple.of(seller.tenantId()))).forEach(events::add);
      assertThat(events).hasSize(2).allSatisfy(row -> {
        assertThat(row.getString("type")).isEqualTo("offer.changed");
        assertThat(row.getString("resource_type")).isEqualTo("offer");
        assertThat(row.getString("resource_id")).isEqualTo(seller.id() + ".A1PA6795UKMFR9/B00OFFER01");
      });
      JsonObject first = new JsonObject(events.get(0).getValue("data").toString());
      assertThat(first.getString("channelId")).isEqualTo(seller.id() + ".A1PA6795UKMFR9");
      assertThat(first.getString("asin")).isEqualTo("B00OFFER01");
      assertThat(first.getJsonObject("buyBoxPrice")).isEqualTo(new JsonObject().put("amount", "19.99").put("currency", "EUR"));
      assertThat(first.getJsonObject("ownPrice")).isEqualTo(new JsonObject().put("amount", "19.99").put("currency", "EUR"));
      assertThat(first.getJsonArray("lowestPrices")).containsExactly(new JsonObject().put("condition", "new").put("fulfillment", "Merchant")
          .put("landedPrice", new JsonObject().put("amount", "17.49").put("currency", "EUR")));
      assertThat(first.getInteger("offerCount")).isEqualTo(3);
      assertThat(first.getString("buyBoxWinner")).isEqualTo("self");
      assertThat(first.getString("changedAt")).isEqualTo("2026-12-07T10:00:00Z");
      // IsBuyBoxWinner missing, as Amazon often sends it: unknown, not "other".
      JsonObject second = new JsonObject(events.get(1).getValue("data").toString());
      assertThat(second.getValue("buyBoxWinner")).isNull();
      assertThat(second.getJsonObject("ownPrice").getString("amount")).isEqualTo("18.5");
    }
  }

  /** Shaped as schemas/notifications/AnyOfferChangedNotification.json; camelCase where Amazon mixes cases. */
  private static String offerChange(String id, Boolean buyBoxWinner, String ownPrice) {
    JsonObject money = new JsonObject().put("Amount", 19.99).put("CurrencyCode", "EUR");
    JsonObject own = new JsonObject().put("SellerId", SELLER).put("ListingPrice", new JsonObject().put("Amount", Double.valueOf(ownPrice))
        .put("CurrencyCode", "EUR")).put("IsFulfilledByAmazon", false);
    if (buyBoxWinner != null) {
      own.put("IsBuyBoxWinner", buyBoxWinner);
    }
    JsonObject summary = new JsonObject()
        .put("NumberOfOffers", new JsonArray()
            .add(new JsonObject().put("Condition", "new").put("FulfillmentChannel", "Merchant").put("OfferCount", 2))
            .add(new JsonObject().put("Condition", "new").put("FulfillmentChannel", "Amazon").put("OfferCount", 1)))
        .put("LowestPrices", new JsonArray().add(new JsonObject().put("Condition", "new").put("FulfillmentChannel", "Merchant")
            .put("LandedPrice", new JsonObject().put("Amount", 17.49).put("CurrencyCode", "EUR"))))
        .put("BuyBoxPrices", new JsonArray().add(new JsonObject().put("Condition", "new").put("LandedPrice", money)));
    JsonObject change = new JsonObject().put("SellerId", SELLER)
        .put("offerChangeTrigger", new JsonObject().put("MarketplaceId", "A1PA6795UKMFR9").put("ASIN", "B00OFFER01")
            .put("ItemCondition", "new").put("TimeOfOfferChange", "2026-12-07T10:00:00Z").put("OfferChangeType", "External"))
        .put("Summary", summary).put("Offers", new JsonArray().add(own).add(new JsonObject().put("SellerId", "A2OTHER")));
    return new JsonObject().put("NotificationVersion", "1.0").put("NotificationType", "ANY_OFFER_CHANGED").put("PayloadVersion", "1.0")
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", APP).put("NotificationId", id))
        .put("Payload", new JsonObject().put("AnyOfferChangedNotification", change))
        .encode();
  }
}
