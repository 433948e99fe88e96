package io.spgate.simulator.notifications;

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
      "FEED_PROCESSING_FINISHED", List.of("2020-09-04"),
      "REPORT_PROCESSING_FINISHED", List.of("2020-09-04"));

  public record Destination(String destinationId, String applicationId, String name, String sqsArn) {
    JsonObject toJson() {
      return new JsonObject().put("destinationId", destinationId).put("name", name)
          .put("resource", new JsonObject().put("sqs", new JsonObject().put("arn", sqsArn)));
    }
  }

  public record Subscription(String subscriptionId, String sellerId, String applicationId, String notificationType, String payloadVersion,
      String destinationId) {
    JsonObject toJson() {
      return new JsonObject().put("subscriptionId", subscriptionId).put("payloadVersion", payloadVersion)
          .put("destinationId", destinationId);
    }
  }

  private final ConcurrentHashMap<String, Destination> destinations = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
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
  public Optional<Subscription> subscribe(String sellerId, String applicationId, String type, String payloadVersion, String destinationId) {
    Subscription subscription = new Subscription(UUID.randomUUID().toString(), sellerId, applicationId, type, payloadVersion,
        destinationId);
    Subscription existing = subscriptions.putIfAbsent(key(sellerId, applicationId, type), subscription);
    if (existing != null) {
      return Optional.empty();
    }
    bySellerAndType.computeIfAbsent(sellerId + '|' + type, k -> new CopyOnWriteArrayList<>()).add(subscription);
    return Optional.of(subscription);
  }

  public Optional<Subscription> subscription(String sellerId, String applicationId, String type) {
    return Optional.ofNullable(subscriptions.get(key(sellerId, applicationId, type)));
  }

  public List<Subscription> subscriptionsFor(String sellerId, String type) {
    return bySellerAndType.getOrDefault(sellerId + '|' + type, List.of());
  }

  private static String key(String sellerId, String applicationId, String type) {
    return sellerId + '|' + applicationId + '|' + type;
  }
}
