package io.spgate.simulator.notifications;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds notifications in the shapes of the official schemas (schemas/notifications) and sends each to the SQS queue
 * of every matching subscription's destination.
 */
public final class NotificationPublisher {
  private static final Logger log = LoggerFactory.getLogger(NotificationPublisher.class);

  private final NotificationRegistry registry;
  private final SimClock clock;
  private volatile SqsQueues queues;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public NotificationPublisher(NotificationRegistry registry, SimClock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  public NotificationRegistry registry() {
    return registry;
  }

  /** Where messages go; without one, notifications are counted as failed deliveries. */
  public void deliverTo(SqsQueues queues) {
    this.queues = queues;
  }

  public long delivered() {
    return delivered.get();
  }

  public long failed() {
    return failed.get();
  }

  public void orderChanged(Seller seller, Order order, String changeType) {
    publish(seller, "ORDER_CHANGE", meta -> {
      JsonArray items = new JsonArray();
      for (OrderItem item : order.items()) {
        items.add(new JsonObject()
            .put("OrderItemId", item.orderItemId()).put("SellerSKU", item.sku()).put("SupplySourceId", "")
            .put("OrderItemStatus", item.quantityShipped() == item.quantityOrdered() ? "Shipped" : "Unshipped")
            .put("Quantity", item.quantityOrdered()).put("QuantityShipped", item.quantityShipped()));
      }
      JsonObject summary = new JsonObject()
          .put("MarketplaceId", order.marketplace().id()).put("OrderStatus", order.orderStatus())
          .put("PurchaseDate", order.purchaseDate().toString()).put("DestinationPostalCode", order.shippingAddress().postalCode())
          .put("FulfillmentType", order.fulfillmentChannel()).put("OrderType", "StandardOrder")
          .put("NumberOfItemsShipped", order.itemsShipped()).put("NumberOfItemsUnshipped", order.itemsUnshipped())
          .put("OrderItems", items);
      JsonObject change = new JsonObject()
          .put("NotificationLevel", "OrderLevel").put("SellerId", seller.sellerId()).put("AmazonOrderId", order.amazonOrderId())
          .put("OrderChangeType", changeType)
          .put("OrderChangeTrigger", new JsonObject().put("TimeOfOrderChange", order.lastUpdateDate().toString())
              .put("ChangeReason", changeReason(changeType)))
          .put("Summary", summary);
      return pascalEnvelope("ORDER_CHANGE", meta).put("Payload", new JsonObject().put("OrderChangeNotification", change));
    });
  }

  public void offerChanged(Seller seller, Listing listing, Marketplace marketplace) {
    Optional<BigDecimal> price = listing.price(marketplace.id());
    if (price.isEmpty()) {
      return;
    }
    publish(seller, "ANY_OFFER_CHANGED", meta -> {
      String channel = listing.fulfilledByAmazon() ? "Amazon" : "Merchant";
      JsonObject money = new JsonObject().put("Amount", price.get().doubleValue()).put("CurrencyCode", marketplace.currency());
      JsonObject zero = new JsonObject().put("Amount", 0.0).put("CurrencyCode", marketplace.currency());
      JsonObject count = new JsonObject().put("Condition", "new").put("FulfillmentChannel", channel).put("OfferCount", 1);
      JsonObject lowest = new JsonObject().put("Condition", "new").put("FulfillmentChannel", channel)
          .put("LandedPrice", money).put("ListingPrice", money).put("Shipping", zero);
      JsonObject summary = new JsonObject()
          .put("NumberOfOffers", new JsonArray().add(count))
          .put("LowestPrices", new JsonArray().add(lowest))
          .put("BuyBoxPrices", new JsonArray().add(new JsonObject().put("Condition", "new")
              .put("LandedPrice", money).put("ListingPrice", money).put("Shipping", zero)))
          .put("ListPrice", money).put("MinimumAdvertisedPrice", money).put("SuggestedLowerPricePlusShipping", money)
          .put("TotalBuyBoxEligibleOffers", 1)
          .put("SalesRankings", new JsonArray().add(new JsonObject().put("ProductCategoryId", "home_garden_display_on_website")
              .put("Rank", 1000)))
          .put("NumberOfBuyBoxEligibleOffers", new JsonArray().add(count.copy()))
          .put("CompetitivePriceThreshold", money);
      JsonObject offer = new JsonObject()
          .put("SellerId", seller.sellerId()).put("SubCondition", "new")
          .put("SellerFeedbackRating", new JsonObject().put("FeedbackCount", 100).put("SellerPositiveFeedbackRating", 98))
          .put("ShippingTime", new JsonObject().put("MinimumHours", 24).put("MaximumHours", 48).put("AvailabilityType", "NOW")
              .put("AvailableDate", clock.now().toString()))
          .put("ListingPrice", money).put("Shipping", zero).put("Points", new JsonObject().put("PointsNumber", 0))
          .put("ShipsFrom", new JsonObject().put("Country", marketplace.countryCode()).put("State", ""))
          .put("IsFulfilledByAmazon", listing.fulfilledByAmazon())
          .put("PrimeInformation", new JsonObject().put("IsOfferPrime", listing.fulfilledByAmazon())
              .put("IsOfferNationalPrime", listing.fulfilledByAmazon()))
          .put("IsExpeditedShippingAvailable", listing.fulfilledByAmazon())
          .put("IsBuyBoxWinner", true).put("IsFeaturedMerchant", true)
          .put("ShipsDomestically", true).put("ShipsInternationally", false);
      JsonObject change = new JsonObject()
          .put("SellerId", seller.sellerId())
          .put("OfferChangeTrigger", new JsonObject().put("MarketplaceId", marketplace.id()).put("ASIN", listing.asin())
              .put("ItemCondition", "new")
              .put("TimeOfOfferChange", clock.now().toString()).put("OfferChangeType", "Internal"))
          .put("Summary", summary)
          .put("Offers", new JsonArray().add(offer));
      return pascalEnvelope("ANY_OFFER_CHANGED", meta).put("Payload", new JsonObject().put("AnyOfferChangedNotification", change));
    });
  }

  public void feedFinished(Seller seller, String feedId, String feedType, String status, String resultDocumentId) {
    publish(seller, "FEED_PROCESSING_FINISHED", meta -> camelEnvelope("FEED_PROCESSING_FINISHED", meta).put("payload", new JsonObject()
        .put("feedProcessingFinishedNotification", withDocument(new JsonObject()
            .put("sellerId", seller.sellerId()).put("accountId", seller.sellerId()).put("feedId", feedId).put("feedType", feedType)
            .put("processingStatus", status), "resultFeedDocumentId", resultDocumentId))));
  }

  public void reportFinished(Seller seller, String reportId, String reportType, String status, String documentId) {
    publish(seller, "REPORT_PROCESSING_FINISHED", meta -> camelEnvelope("REPORT_PROCESSING_FINISHED", meta).put("payload", new JsonObject()
        .put("reportProcessingFinishedNotification", withDocument(new JsonObject()
            .put("sellerId", seller.sellerId()).put("accountId", seller.sellerId()).put("reportId", reportId).put("reportType", reportType)
            .put("processingStatus", status), "reportDocumentId", documentId))));
  }

  private static JsonObject withDocument(JsonObject json, String field, String documentId) {
    return documentId == null ? json : json.put(field, documentId);
  }

  private record Metadata(String applicationId, String subscriptionId, String payloadVersion, String time) {}

  private void publish(Seller seller, String type, Function<Metadata, JsonObject> message) {
    for (NotificationRegistry.Subscription subscription : registry.subscriptionsFor(seller.sellerId(), type)) {
      Optional<NotificationRegistry.Destination> destination = registry.destination(subscription.applicationId(),
          subscription.destinationId());
      SqsQueues target = queues;
      if (destination.isEmpty() || target == null) {
        failed.incrementAndGet();
        continue;
      }
      String body = message.apply(new Metadata(subscription.applicationId(), subscription.subscriptionId(), subscription.payloadVersion(),
          clock.now().toString())).encode();
      target.send(destination.get().sqsArn(), body).onComplete(done -> {
        if (done.succeeded()) {
          delivered.incrementAndGet();
        } else if (failed.incrementAndGet() == 1 || failed.get() % 100 == 0) {
          log.warn("{} notification not delivered to {} ({} failures so far): {}", type, destination.get().sqsArn(), failed.get(),
              done.cause().getMessage());
        }
      });
    }
  }

  private static JsonObject pascalEnvelope(String type, Metadata meta) {
    return new JsonObject()
        .put("NotificationVersion", "1.0").put("NotificationType", type).put("PayloadVersion", meta.payloadVersion())
        .put("EventTime", meta.time())
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", meta.applicationId())
            .put("SubscriptionId", meta.subscriptionId())
            .put("PublishTime", meta.time()).put("NotificationId", UUID.randomUUID().toString()));
  }

  private static JsonObject camelEnvelope(String type, Metadata meta) {
    return new JsonObject()
        .put("notificationVersion", "2020-09-04").put("notificationType", type).put("payloadVersion", meta.payloadVersion())
        .put("eventTime", meta.time())
        .put("notificationMetadata", new JsonObject().put("applicationId", meta.applicationId())
            .put("subscriptionId", meta.subscriptionId())
            .put("publishTime", meta.time()).put("notificationId", UUID.randomUUID().toString()));
  }

  private static String changeReason(String changeType) {
    return switch (changeType) {
      case "BuyerRequestedChange" -> "Buyer Requested Cancel";
      default -> "Order status changed";
    };
  }
}
