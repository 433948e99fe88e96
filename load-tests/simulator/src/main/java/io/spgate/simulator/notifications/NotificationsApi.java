package io.spgate.simulator.notifications;

import io.spgate.simulator.http.Access;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Notifications API v1: destinations are the application's (grantless token), subscriptions the seller's (seller
 * token), as on Amazon.
 */
public final class NotificationsApi {
  private static final String API = "notifications";

  private final NotificationRegistry registry;

  public NotificationsApi(NotificationRegistry registry) {
    this.registry = registry;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createDestination", Access.GRANTLESS_NOTIFICATIONS, this::createDestination);
    routes.serve(API, "getDestinations", Access.GRANTLESS_NOTIFICATIONS, this::getDestinations);
    routes.serve(API, "getDestination", Access.GRANTLESS_NOTIFICATIONS, this::getDestination);
    routes.serve(API, "deleteDestination", Access.GRANTLESS_NOTIFICATIONS, this::deleteDestination);
    routes.serve(API, "createSubscription", this::createSubscription);
    routes.serve(API, "getSubscription", this::getSubscription);
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
    registry.subscribe(request.seller().sellerId(), applicationId, type, body.getString("payloadVersion"), body.getString("destinationId"))
        .ifPresentOrElse(
            s -> request.okPayload(s.toJson()),
            () -> AmazonErrors.send(request.response(), 409, "Conflict",
                "A subscription for the specified notification type already exists.", ""));
  }

  private void getSubscription(SpApiRequest request) {
    String type = request.pathParam("notificationType");
    registry.subscription(request.seller().sellerId(), request.grant().application().applicationId(), type).ifPresentOrElse(
        s -> request.okPayload(s.toJson()), () -> request.notFound("No subscription of type " + type));
  }
}
