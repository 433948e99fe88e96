package io.spgate.simulator.notifications;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.Seller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds notifications in the shapes of the official schemas (schemas/notifications) and sends each to the SQS queue
 * of every subscription whose event filter lets it through, meeting on the way the traps of {@link DeliveryTraps}
 * (duplicates, delays, losses). An ANY_OFFER_CHANGED subscription with an aggregation period gets, per marketplace and
 * ASIN, the latest change once the period (divided by the time scale) is over.
 */
public final class NotificationPublisher {
  private static final Logger log = LoggerFactory.getLogger(NotificationPublisher.class);

  private final Vertx vertx;
  private final NotificationRegistry registry;
  private final SimClock clock;
  private final DeliveryTraps traps;
  private volatile SqsQueues queues;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Aggregated changes waiting for their period's end: the latest message by subscription, marketplace and ASIN. */
  private final ConcurrentHashMap<String, Function<Metadata, JsonObject>> aggregating = new ConcurrentHashMap<>();

  public NotificationPublisher(Vertx vertx, NotificationRegistry registry, SimClock clock, DeliveryTraps traps) {
    this.vertx = vertx;
    this.registry = registry;
    this.clock = clock;
    this.traps = traps;
  }

  public NotificationRegistry registry() {
    return registry;
  }

  public DeliveryTraps traps() {
    return traps;
  }

  /** Where messages go; without one, notifications are counted as failed deliveries. */
  public void deliverTo(SqsQueues queues) {
    this.queues = queues;
  }

  /** SQS messages sent, duplicates included. */
  public long delivered() {
    return delivered.get();
  }

  public long failed() {
    return failed.get();
  }

  public JsonObject countersJson() {
    return traps.counters().put("sent", delivered.get()).put("delivered", delivered.get()).put("failed", failed.get());
  }

  public void resetCounters() {
    delivered.set(0);
    failed.set(0);
    traps.reset();
  }

  /** What a subscription's event filter looks at; {@code aggregationKey} groups the changes an aggregation period merges. */
  private record Event(String type, String marketplaceId, String orderChangeType, String aggregationKey) {}

  /** The envelope's metadata of one message. */
  record Metadata(String applicationId, String subscriptionId, String payloadVersion, String time, String notificationId) {}

  /**
   * What became of one notification: the copies sent (0: dropped by the traps; -1: no subscription took it) and when the
   * first of them went, in real ms after the change (the delay after the time scale).
   */
  public record Sent(int copies, long firstDelayMillis) {
    static final Sent NONE = new Sent(-1, 0);

    Sent plus(Sent other) {
      if (other.copies < 0 || copies < 0) {
        return copies < 0 ? other : this;
      }
      long first = copies == 0 ? other.firstDelayMillis : other.copies == 0 ? firstDelayMillis
          : Math.min(firstDelayMillis, other.firstDelayMillis);
      return new Sent(copies + other.copies, first);
    }
  }

  public Sent orderChanged(Seller seller, Order order, String changeType) {
    return publish(seller, new Event("ORDER_CHANGE", order.marketplace().id(), changeType, null), orderChangeMessage(seller, order, changeType));
  }

  Function<Metadata, JsonObject> orderChangeMessage(Seller seller, Order order, String changeType) {
    return meta -> {
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
    };
  }

  public void offerChanged(Seller seller, Listing listing, Marketplace marketplace) {
    if (listing.price(marketplace.id()).isEmpty()) {
      return;
    }
    // Aggregated per marketplace and ASIN: within the period only the latest change is sent.
    publish(seller, new Event("ANY_OFFER_CHANGED", marketplace.id(), null, marketplace.id() + '|' + listing.asin()),
        offerChangeMessage(seller, listing, marketplace));
  }

  Function<Metadata, JsonObject> offerChangeMessage(Seller seller, Listing listing, Marketplace marketplace) {
    Optional<BigDecimal> price = listing.price(marketplace.id());
    Instant changedAt = clock.now();
    return meta -> {
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
              .put("AvailableDate", changedAt.toString()))
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
              .put("TimeOfOfferChange", changedAt.toString()).put("OfferChangeType", "Internal"))
          .put("Summary", summary)
          .put("Offers", new JsonArray().add(offer));
      return pascalEnvelope("ANY_OFFER_CHANGED", meta).put("Payload", new JsonObject().put("AnyOfferChangedNotification", change));
    };
  }

  /**
   * A listing was created (BUYABLE, DISCOVERABLE) or deleted (DELETED). Sent as LISTINGS_ITEM_STATUS_CHANGE, the type's
   * subscription name, which is what its schema's example carries; the schema's enum says ..._CHANGED (FACTS.md part 2,
   * section 4), so consumers should accept both.
   */
  public void listingStatusChanged(Seller seller, Listing listing, Marketplace marketplace, List<String> statuses) {
    publish(seller, new Event("LISTINGS_ITEM_STATUS_CHANGE", marketplace == null ? null : marketplace.id(), null, null),
        listingStatusMessage(seller, listing, marketplace, statuses));
  }

  Function<Metadata, JsonObject> listingStatusMessage(Seller seller, Listing listing, Marketplace marketplace, List<String> statuses) {
    return meta -> {
      JsonObject payload = new JsonObject().put("SellerId", seller.sellerId());
      if (marketplace != null) {
        payload.put("MarketplaceId", marketplace.id());
      }
      payload.put("Asin", listing.asin()).put("Sku", listing.sku()).put("CreatedDate", listing.createdDate().toString())
          .put("Status", new JsonArray(statuses));
      return pascalEnvelope("LISTINGS_ITEM_STATUS_CHANGE", meta).put("Payload", payload);
    };
  }

  public void feedFinished(Seller seller, String feedId, String feedType, String status, String resultDocumentId) {
    publish(seller, new Event("FEED_PROCESSING_FINISHED", null, null, null),
        feedFinishedMessage(seller, feedId, feedType, status, resultDocumentId));
  }

  Function<Metadata, JsonObject> feedFinishedMessage(Seller seller, String feedId, String feedType, String status,
      String resultDocumentId) {
    return meta -> camelEnvelope("FEED_PROCESSING_FINISHED", meta).put("payload", new JsonObject()
        .put("feedProcessingFinishedNotification", withDocument(new JsonObject()
            .put("sellerId", seller.sellerId()).put("accountId", seller.sellerId()).put("feedId", feedId).put("feedType", feedType)
            .put("processingStatus", status), "resultFeedDocumentId", resultDocumentId)));
  }

  public void reportFinished(Seller seller, String reportId, String reportType, String status, String documentId) {
    publish(seller, new Event("REPORT_PROCESSING_FINISHED", null, null, null),
        reportFinishedMessage(seller, reportId, reportType, status, documentId));
  }

  Function<Metadata, JsonObject> reportFinishedMessage(Seller seller, String reportId, String reportType, String status,
      String documentId) {
    return meta -> camelEnvelope("REPORT_PROCESSING_FINISHED", meta).put("payload", new JsonObject()
        .put("reportProcessingFinishedNotification", withDocument(new JsonObject()
            .put("sellerId", seller.sellerId()).put("accountId", seller.sellerId()).put("reportId", reportId).put("reportType", reportType)
            .put("processingStatus", status), "reportDocumentId", documentId)));
  }

  private static JsonObject withDocument(JsonObject json, String field, String documentId) {
    return documentId == null ? json : json.put(field, documentId);
  }

  /**
   * Sends to every subscription the event passes; returns the copies sent now or later (an aggregated change counts as
   * one), or -1 when no subscription took it or none had a queue to go to.
   */
  private Sent publish(Seller seller, Event event, Function<Metadata, JsonObject> message) {
    Sent copies = Sent.NONE;
    for (NotificationRegistry.Subscription subscription : registry.subscriptionsFor(seller.sellerId(), event.type())) {
      if (!subscription.accepts(event.marketplaceId(), event.orderChangeType())) {
        continue;
      }
      long period = subscription.aggregationMillis();
      Sent sent;
      if (period > 0 && event.aggregationKey() != null) {
        aggregate(subscription, event.aggregationKey(), message, period);
        sent = new Sent(1, clock.scaledDelayMillis(period));
      } else {
        sent = deliver(subscription.applicationId(), subscription.subscriptionId(), subscription.payloadVersion(),
            subscription.destinationId(), event.type(), message);
      }
      copies = copies.plus(sent);
    }
    return copies;
  }

  private void aggregate(NotificationRegistry.Subscription subscription, String key, Function<Metadata, JsonObject> message, long period) {
    String slot = subscription.subscriptionId() + '|' + key;
    if (aggregating.put(slot, message) == null) {
      vertx.setTimer(clock.scaledDelayMillis(period), id -> {
        Function<Metadata, JsonObject> latest = aggregating.remove(slot);
        if (latest != null) {
          deliver(subscription.applicationId(), subscription.subscriptionId(), subscription.payloadVersion(),
              subscription.destinationId(), subscription.notificationType(), latest);
        }
      });
    }
  }

  /** Sends one message to a destination, as sendTestNotification does: through the same traps, counted the same way. */
  void sendTest(String applicationId, String destinationId, String type, String payloadVersion, Function<Metadata, JsonObject> message) {
    deliver(applicationId, "test-" + type.toLowerCase(Locale.ROOT), payloadVersion, destinationId, type, message);
  }

  /** What became of the message: its copies and the first one's delay, or {@link Sent#NONE} without a destination or queue. */
  private Sent deliver(String applicationId, String subscriptionId, String payloadVersion, String destinationId, String type,
      Function<Metadata, JsonObject> message) {
    Optional<NotificationRegistry.Destination> destination = registry.destination(applicationId, destinationId);
    SqsQueues target = queues;
    if (destination.isEmpty() || target == null) {
      failed.incrementAndGet();
      return Sent.NONE;
    }
    DeliveryTraps.Plan plan = traps.plan(type);
    if (plan.dropped()) {
      return new Sent(0, 0);
    }
    // One body for every copy: a duplicate carries the same NotificationId, as SQS's do.
    String body = message.apply(new Metadata(applicationId, subscriptionId, payloadVersion, clock.now().toString(), plan.notificationId()))
        .encode();
    String arn = destination.get().sqsArn();
    for (long delay : plan.copyDelaysMillis()) {
      if (delay <= 0) {
        send(target, arn, type, body);
      } else {
        vertx.setTimer(clock.scaledDelayMillis(delay), id -> send(target, arn, type, body));
      }
    }
    long first = plan.copyDelaysMillis().stream().mapToLong(d -> d <= 0 ? 0 : clock.scaledDelayMillis(d)).min().orElse(0);
    return new Sent(plan.copyDelaysMillis().size(), first);
  }

  private void send(SqsQueues target, String arn, String type, String body) {
    target.send(arn, body).onComplete(done -> {
      if (done.succeeded()) {
        delivered.incrementAndGet();
      } else if (failed.incrementAndGet() == 1 || failed.get() % 100 == 0) {
        log.warn("{} notification not delivered to {} ({} failures so far): {}", type, arn, failed.get(), done.cause().getMessage());
      }
    });
  }

  private static JsonObject pascalEnvelope(String type, Metadata meta) {
    return new JsonObject()
        .put("NotificationVersion", "1.0").put("NotificationType", type).put("PayloadVersion", meta.payloadVersion())
        .put("EventTime", meta.time())
        .put("NotificationMetadata", new JsonObject().put("ApplicationId", meta.applicationId())
            .put("SubscriptionId", meta.subscriptionId())
            .put("PublishTime", meta.time()).put("NotificationId", meta.notificationId()));
  }

  private static JsonObject camelEnvelope(String type, Metadata meta) {
    return new JsonObject()
        .put("notificationVersion", "2020-09-04").put("notificationType", type).put("payloadVersion", meta.payloadVersion())
        .put("eventTime", meta.time())
        .put("notificationMetadata", new JsonObject().put("applicationId", meta.applicationId())
            .put("subscriptionId", meta.subscriptionId())
            .put("publishTime", meta.time()).put("notificationId", meta.notificationId()));
  }

  private static String changeReason(String changeType) {
    return switch (changeType) {
      case "BuyerRequestedChange" -> "Buyer Requested Cancel";
      default -> "Order status changed";
    };
  }
}
