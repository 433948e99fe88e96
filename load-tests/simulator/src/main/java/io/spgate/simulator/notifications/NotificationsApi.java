package io.spgate.simulator.notifications;

import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.http.Access;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Notifications API v1: destinations are the application's (grantless token), subscriptions the seller's (seller
 * token), except the operations on a subscription by its id, which are grantless, as on Amazon. sendTestNotification is
 * sandbox-only on Amazon; the simulator, being a sandbox, serves it.
 */
public final class NotificationsApi {
  private static final String API = "notifications";
  /** The types with an eventFilter, and what each filter may hold besides eventFilterType (Notification Type Values). */
  private static final Map<String, Set<String>> FILTER_FIELDS = Map.of(
      "ORDER_CHANGE", Set.of("marketplaceIds", "orderChangeTypes"),
      "ANY_OFFER_CHANGED", Set.of("marketplaceIds", "aggregationSettings"));
  private static final Set<String> ALL_FILTER_FIELDS = Set.of("marketplaceIds", "orderChangeTypes", "aggregationSettings",
      "trackingIdentifier");

  private final NotificationRegistry registry;
  private final NotificationPublisher publisher;
  private final DemoWorld world;

  public NotificationsApi(NotificationPublisher publisher, DemoWorld world) {
    this.registry = publisher.registry();
    this.publisher = publisher;
    this.world = world;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createDestination", Access.GRANTLESS_NOTIFICATIONS, this::createDestination);
    routes.serve(API, "getDestinations", Access.GRANTLESS_NOTIFICATIONS, this::getDestinations);
    routes.serve(API, "getDestination", Access.GRANTLESS_NOTIFICATIONS, this::getDestination);
    routes.serve(API, "deleteDestination", Access.GRANTLESS_NOTIFICATIONS, this::deleteDestination);
    routes.serve(API, "createSubscription", this::createSubscription);
    routes.serve(API, "getSubscription", this::getSubscription);
    routes.serve(API, "getSubscriptions", this::getSubscriptions);
    routes.serve(API, "getSubscriptionById", Access.GRANTLESS_NOTIFICATIONS, this::getSubscriptionById);
    routes.serve(API, "deleteSubscriptionById", Access.GRANTLESS_NOTIFICATIONS, this::deleteSubscriptionById);
    routes.serve(API, "sendTestNotification", Access.GRANTLESS_NOTIFICATIONS, this::sendTestNotification);
  }

  private void createDestination(SpApiRequest request) {
    JsonObject spec = request.body().getJsonObject("resourceSpecification");
    JsonObject sqs = spec.getJsonObject("sqs");
    if (sqs == null) {
      throw new InvalidInputException("Only SQS destinations are supported: resourceSpecification.sqs is required");
    }
    String arn = sqs.getString("arn");
    String applicationId = request.grant().application().applicationId();
    if (registry.destinationsOf(applicationId).stream().anyMatch(d -> d.sqsArn().equals(arn))) {
      AmazonErrors.send(request.response(), 409, "Conflict", "A destination for this resource already exists.", "");
      return;
    }
    request.okPayload(registry.addDestination(applicationId, request.body().getString("name"), arn).toJson());
  }

  private void getDestinations(SpApiRequest request) {
    JsonArray list = new JsonArray();
    registry.destinationsOf(request.grant().application().applicationId()).forEach(d -> list.add(d.toJson()));
    request.okPayload(list);
  }

  private void getDestination(SpApiRequest request) {
    registry.destination(request.grant().application().applicationId(), request.pathParam("destinationId")).ifPresentOrElse(
        d -> request.okPayload(d.toJson()), () -> request.notFound("Destination not found"));
  }

  private void deleteDestination(SpApiRequest request) {
    if (registry.removeDestination(request.grant().application().applicationId(), request.pathParam("destinationId"))) {
      request.ok(new JsonObject());
    } else {
      request.notFound("Destination not found");
    }
  }

  private void createSubscription(SpApiRequest request) {
    String type = request.pathParam("notificationType");
    List<String> versions = NotificationRegistry.DELIVERED_TYPES.get(type);
    if (versions == null) {
      throw new InvalidInputException("Unsupported notificationType " + type);
    }
    JsonObject body = request.body();
    if (!versions.contains(body.getString("payloadVersion"))) {
      throw new InvalidInputException("Invalid payloadVersion for " + type + "; valid: " + versions);
    }
    String applicationId = request.grant().application().applicationId();
    if (registry.destination(applicationId, body.getString("destinationId")).isEmpty()) {
      throw new InvalidInputException("Unknown destinationId " + body.getString("destinationId"));
    }
    JsonObject directive = body.getJsonObject("processingDirective");
    checkDirective(type, directive);
    registry.subscribe(request.seller().sellerId(), applicationId, type, body.getString("payloadVersion"), body.getString("destinationId"),
            directive)
        .ifPresentOrElse(
            s -> request.okPayload(s.toJson()),
            () -> AmazonErrors.send(request.response(), 409, "Conflict",
                "A subscription for the specified notification type already exists.", ""));
  }

  /**
   * The filter must be of the subscription's own type and hold only what that type filters on; a CEL filterExpression
   * is refused (the simulator does not evaluate CEL), as is one beside an eventFilter (the model: mutually exclusive).
   */
  static void checkDirective(String type, JsonObject directive) {
    if (directive == null) {
      return;
    }
    JsonObject filter = directive.getJsonObject("eventFilter");
    if (directive.getValue("filterExpression") != null) {
      throw new InvalidInputException(filter != null ? "eventFilter and filterExpression are mutually exclusive"
          : "filterExpression is not supported for notificationType " + type);
    }
    if (filter == null) {
      return;
    }
    String filterType = filter.getString("eventFilterType");
    if (!type.equals(filterType)) {
      throw new InvalidInputException("eventFilterType " + filterType + " does not match the notificationType " + type);
    }
    Set<String> allowed = FILTER_FIELDS.get(type);
    if (allowed == null) {
      throw new InvalidInputException("notificationType " + type + " does not support an eventFilter");
    }
    for (String field : filter.fieldNames()) {
      if (ALL_FILTER_FIELDS.contains(field) && !allowed.contains(field) && filter.getValue(field) != null) {
        throw new InvalidInputException("eventFilter." + field + " is not supported for notificationType " + type);
      }
    }
    JsonArray marketplaceIds = filter.getJsonArray("marketplaceIds");
    for (Object id : marketplaceIds == null ? new JsonArray() : marketplaceIds) {
      if (Marketplace.byId(String.valueOf(id)).isEmpty()) {
        throw new InvalidInputException("Invalid marketplace identifier in eventFilter.marketplaceIds: " + id);
      }
    }
  }

  private void getSubscription(SpApiRequest request) {
    String type = request.pathParam("notificationType");
    String version = request.query("payloadVersion");
    registry.subscription(request.seller().sellerId(), request.grant().application().applicationId(), type)
        .filter(s -> version == null || version.equals(s.payloadVersion()))
        .ifPresentOrElse(s -> request.okPayload(s.toJson()), () -> request.notFound("No subscription of type " + type));
  }

  /** One type a call (the model's maxItems); a seller and an application hold at most one subscription of a type. */
  private void getSubscriptions(SpApiRequest request) {
    String type = request.queryList("notificationTypes").get(0);
    String version = request.query("payloadVersion");
    JsonArray list = new JsonArray();
    registry.subscription(request.seller().sellerId(), request.grant().application().applicationId(), type)
        .filter(s -> version == null || version.equals(s.payloadVersion()))
        .ifPresent(s -> list.add(s.toJson()));
    request.okPayload(new JsonObject().put("subscriptions", list));
  }

  private void getSubscriptionById(SpApiRequest request) {
    registry.subscriptionById(request.grant().application().applicationId(), request.pathParam("notificationType"),
        request.pathParam("subscriptionId")).ifPresentOrElse(
            s -> request.okPayload(s.toJson()), () -> request.notFound("Subscription not found"));
  }

  private void deleteSubscriptionById(SpApiRequest request) {
    if (registry.removeSubscription(request.grant().application().applicationId(), request.pathParam("notificationType"),
        request.pathParam("subscriptionId"))) {
      request.ok(new JsonObject());
    } else {
      request.notFound("Subscription not found");
    }
  }

  /** A sample of the type, about the first seller of the application, sent through the same traps as real ones. */
  private void sendTestNotification(SpApiRequest request) {
    String type = request.pathParam("notificationType");
    List<String> versions = NotificationRegistry.DELIVERED_TYPES.get(type);
    if (versions == null) {
      throw new InvalidInputException("Unsupported notificationType " + type);
    }
    JsonObject body = request.body();
    JsonObject test = body.getJsonObject("testNotification");
    String version = test == null || test.getString("payloadVersion") == null ? versions.get(0) : test.getString("payloadVersion");
    if (!versions.contains(version)) {
      throw new InvalidInputException("Invalid payloadVersion for " + type + "; valid: " + versions);
    }
    String applicationId = request.grant().application().applicationId();
    String destinationId = body.getString("destinationId");
    if (destinationId == null || registry.destination(applicationId, destinationId).isEmpty()) {
      throw new InvalidInputException("Unknown destinationId " + destinationId);
    }
    Seller seller = world.sellers().stream().filter(s -> s.application().applicationId().equals(applicationId)).findFirst()
        .orElseThrow(() -> new InvalidInputException("The application has no selling partner to make a test notification about"));
    Function<NotificationPublisher.Metadata, JsonObject> message = sample(seller, type);
    publisher.sendTest(applicationId, destinationId, type, version, message);
    request.okPayload(new JsonObject());
  }

  private Function<NotificationPublisher.Metadata, JsonObject> sample(Seller seller, String type) {
    SellerStore store = world.store(seller);
    Marketplace marketplace = seller.homeMarketplace();
    switch (type) {
      case "ORDER_CHANGE" -> {
        Order order = store.orders().stream().findFirst()
            .orElseThrow(() -> new InvalidInputException("The selling partner has no order to make a test notification about"));
        return publisher.orderChangeMessage(seller, order, "OrderStatusChange");
      }
      case "FEED_PROCESSING_FINISHED" -> {
        return publisher.feedFinishedMessage(seller, "TEST-FEED", "JSON_LISTINGS_FEED", "DONE", null);
      }
      case "REPORT_PROCESSING_FINISHED" -> {
        return publisher.reportFinishedMessage(seller, "TEST-REPORT", "GET_MERCHANT_LISTINGS_ALL_DATA", "DONE", null);
      }
      default -> {
        Listing listing = store.listings().values().stream().filter(l -> l.price(marketplace.id()).isPresent()).findFirst()
            .orElseThrow(() -> new InvalidInputException("The selling partner has no listing to make a test notification about"));
        return "ANY_OFFER_CHANGED".equals(type) ? publisher.offerChangeMessage(seller, listing, marketplace)
            : publisher.listingStatusMessage(seller, listing, marketplace, List.of("BUYABLE", "DISCOVERABLE"));
      }
    }
  }
}
