package io.spgate.simulator.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Destinations (per application) and subscriptions (per seller, application and notification type). */
public final class NotificationRegistry {
  /** The notification types the simulator delivers, with the payload versions Amazon accepts for each. */
  public static final Map<String, List<String>> DELIVERED_TYPES = Map.of(
      "ORDER_CHANGE", List.of("1.0"),
      "ANY_OFFER_CHANGED", List.of("1.0"),
      "LISTINGS_ITEM_STATUS_CHANGE", List.of("1.0"),
      "FEED_PROCESSING_FINISHED", List.of("2020-09-04"),
      "REPORT_PROCESSING_FINISHED", List.of("2020-09-04"));

  public record Destination(String destinationId, String applicationId, String name, String sqsArn) {
    JsonObject toJson() {
      return new JsonObject().put("destinationId", destinationId).put("name", name)
          .put("resource", new JsonObject().put("sqs", new JsonObject().put("arn", sqsArn)));
    }
  }

  /** {@code processingDirective}: as the subscriber sent it (validated), or null. */
  public record Subscription(String subscriptionId, String sellerId, String applicationId, String notificationType, String payloadVersion,
      String destinationId, JsonObject processingDirective) {

    public Subscription {
      processingDirective = processingDirective == null ? null : processingDirective.copy();
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("subscriptionId", subscriptionId).put("payloadVersion", payloadVersion)
          .put("destinationId", destinationId);
      return processingDirective == null ? json : json.put("processingDirective", processingDirective.copy());
    }

    /** Whether the event filter lets an event of this marketplace and order change type (null: not applicable) through. */
    public boolean accepts(String marketplaceId, String orderChangeType) {
      JsonObject filter = eventFilter();
      if (filter == null) {
        return true;
      }
      return allows(filter.getJsonArray("marketplaceIds"), marketplaceId)
          && allows(filter.getJsonArray("orderChangeTypes"), orderChangeType);
    }

    /** The aggregation period (before the time scale) of an ANY_OFFER_CHANGED filter; 0 without one. */
    public long aggregationMillis() {
      JsonObject filter = eventFilter();
      JsonObject settings = filter == null ? null : filter.getJsonObject("aggregationSettings");
      String period = settings == null ? null : settings.getString("aggregationTimePeriod");
      return "FiveMinutes".equals(period) ? 300_000 : "TenMinutes".equals(period) ? 600_000 : 0;
    }

    private JsonObject eventFilter() {
      return processingDirective == null ? null : processingDirective.getJsonObject("eventFilter");
    }

    private static boolean allows(JsonArray values, String value) {
      return values == null || values.isEmpty() || value == null || values.contains(value);
    }
  }

  private final ConcurrentHashMap<String, Destination> destinations = new ConcurrentHashMap<>();
  /** By seller, application and type: Amazon keeps one subscription per type for a seller and an application. */
  private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Subscription> subscriptionsById = new ConcurrentHashMap<>();
  /** By seller and type: a price patch looks up its seller's few subscriptions, not every seller's. */
  private final ConcurrentHashMap<String, List<Subscription>> bySellerAndType = new ConcurrentHashMap<>();

  public Destination addDestination(String applicationId, String name, String arn) {
    Destination destination = new Destination(UUID.randomUUID().toString(), applicationId, name, arn);
    destinations.put(destination.destinationId(), destination);
    return destination;
  }

  public Optional<Destination> destination(String applicationId, String destinationId) {
    return Optional.ofNullable(destinations.get(destinationId)).filter(d -> d.applicationId().equals(applicationId));
  }

  public List<Destination> destinationsOf(String applicationId) {
    return destinations.values().stream().filter(d -> d.applicationId().equals(applicationId)).toList();
  }

  public boolean removeDestination(String applicationId, String destinationId) {
    return destination(applicationId, destinationId).map(d -> destinations.remove(d.destinationId()) != null).orElse(false);
  }

  /** Empty when the seller already has a subscription of this type for this application (Amazon answers 409). */
  public Optional<Subscription> subscribe(String sellerId, String applicationId, String type, String payloadVersion, String destinationId,
      JsonObject processingDirective) {
    Subscription subscription = new Subscription(UUID.randomUUID().toString(), sellerId, applicationId, type, payloadVersion,
        destinationId, processingDirective);
    Subscription existing = subscriptions.putIfAbsent(key(sellerId, applicationId, type), subscription);
    if (existing != null) {
      return Optional.empty();
    }
    subscriptionsById.put(subscription.subscriptionId(), subscription);
    bySellerAndType.computeIfAbsent(sellerId + '|' + type, k -> new CopyOnWriteArrayList<>()).add(subscription);
    return Optional.of(subscription);
  }

  public Optional<Subscription> subscription(String sellerId, String applicationId, String type) {
    return Optional.ofNullable(subscriptions.get(key(sellerId, applicationId, type)));
  }

  /** A subscription of the application by its id and type (the grantless operations name no seller). */
  public Optional<Subscription> subscriptionById(String applicationId, String type, String subscriptionId) {
    return Optional.ofNullable(subscriptionsById.get(subscriptionId))
        .filter(s -> s.applicationId().equals(applicationId) && s.notificationType().equals(type));
  }

  /** Deletes it: notifications stop at once. False when the application has no such subscription. */
  public boolean removeSubscription(String applicationId, String type, String subscriptionId) {
    Optional<Subscription> found = subscriptionById(applicationId, type, subscriptionId);
    found.ifPresent(s -> {
      subscriptionsById.remove(s.subscriptionId());
      subscriptions.remove(key(s.sellerId(), s.applicationId(), s.notificationType()), s);
      List<Subscription> list = bySellerAndType.get(s.sellerId() + '|' + s.notificationType());
      if (list != null) {
        list.remove(s);
      }
    });
    return found.isPresent();
  }

  public List<Subscription> subscriptionsFor(String sellerId, String type) {
    return bySellerAndType.getOrDefault(sellerId + '|' + type, List.of());
  }

  private static String key(String sellerId, String applicationId, String type) {
    return sellerId + '|' + applicationId + '|' + type;
  }
}
