package io.spgate.notifications;

import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets a seller's notifications up at Amazon: the application's destination for the queue (createDestination, grantless,
 * once per application and region; an existing one is found by its ARN), then one subscription per type with the
 * seller's token (createSubscription; an existing one is read back). What was set up is kept.
 */
final class NotificationSetup {

  /** The types spgate acts on, with the payload version each is subscribed at (Amazon's schemas). */
  static final Map<String, String> TYPES = Map.of("ORDER_CHANGE", "1.0", "ANY_OFFER_CHANGED", "1.0", "LISTINGS_ITEM_STATUS_CHANGE", "1.0",
      "FEED_PROCESSING_FINISHED", "2020-09-04", "REPORT_PROCESSING_FINISHED", "2020-09-04");
  private static final String DESTINATIONS = "/notifications/v1/destinations";
  private static final String SUBSCRIPTIONS = "/notifications/v1/subscriptions/";

  private final Pool pool;
  private final SpApiClient spApi;
  private final String queueArn;
  private final Map<String, Future<String>> destinations = new ConcurrentHashMap<>();

  NotificationSetup(Pool pool, SpApiClient spApi, String queueArn) {
    this.pool = pool;
    this.spApi = spApi;
    this.queueArn = queueArn;
  }

  /** {@code arn:aws:sqs:region:account:name} of a queue URL ({@code https://sqs.region.amazonaws.com/account/name}). */
  static String queueArn(URI queueUrl, String defaultRegion) {
    String[] path = queueUrl.getPath().replaceAll("^/|/$", "").split("/");
    if (path.length != 2) {
      throw new IllegalArgumentException("not an SQS queue URL (…/account/name): " + queueUrl);
    }
    String[] host = queueUrl.getHost().split("\\.");
    String region = host.length == 4 && host[0].equals("sqs") ? host[1] : defaultRegion;
    return "arn:aws:sqs:" + region + ":" + path[0] + ":" + path[1];
  }

  /**
   * The seller's subscriptions to these types, made where missing, narrowed by the filters where the type has them. A
   * subscription that exists already is read back as it is (Amazon changes one only by deleting and making it again).
   */
  Future<List<JsonObject>> subscribe(Seller seller, List<String> types, SubscriptionFilters filters) {
    return destination(seller).compose(destinationId -> {
      Future<List<JsonObject>> chain = Future.succeededFuture(new ArrayList<>());
      for (String type : types) {
        chain = chain.compose(done -> subscription(seller, type, destinationId, filters).map(made -> {
          done.add(made);
          return done;
        }));
      }
      return chain;
    });
  }

  Future<List<JsonObject>> ofSeller(Seller seller) {
    return pool.preparedQuery("SELECT notification_type, subscription_id, destination_id, created_at FROM notification_subscriptions"
        + " WHERE seller_id = $1 ORDER BY notification_type").execute(Tuple.of(seller.id())).map(rows -> {
          List<JsonObject> list = new ArrayList<>();
          rows.forEach(row -> list.add(new JsonObject().put("type", row.getString("notification_type"))
              .put("subscriptionId", row.getString("subscription_id")).put("destinationId", row.getString("destination_id"))
              .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())));
          return list;
        });
  }

  /**
   * The destination of the seller's application and region: one createDestination at a time per application and
   * region on this instance (they share a grantless bucket of 1/s, and a second would only meet a 409), another
   * instance's found by its 409.
   */
  private Future<String> destination(Seller seller) {
    String key = seller.application() + "/" + seller.region().code();
    Future<String> found = destinations.computeIfAbsent(key, k -> storedOrCreated(seller));
    return found.onFailure(e -> destinations.remove(key, found));
  }

  private Future<String> storedOrCreated(Seller seller) {
    return pool.preparedQuery("SELECT destination_id FROM notification_destinations WHERE application = $1 AND region = $2"
            + " AND queue_arn = $3").execute(Tuple.of(seller.application(), seller.region().code(), queueArn))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows.iterator().next().getString(0))
            : createDestination(seller).compose(id -> pool.preparedQuery("INSERT INTO notification_destinations (application, region,"
                    + " queue_arn, destination_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(seller.application(), seller.region().code(), queueArn, id)).map(id)));
  }

  /** createDestination; when Amazon already has one for the queue (409), the one getDestinations lists for its ARN. */
  private Future<String> createDestination(Seller seller) {
    JsonObject body = new JsonObject().put("name", "spgate").put("resourceSpecification",
        new JsonObject().put("sqs", new JsonObject().put("arn", queueArn)));
    return spApi.call(seller, SpApiRequest.post(DESTINATIONS, body), spApi.defaults(), r -> r.json().getJsonObject("payload")
            .getString("destinationId"))
        .recover(e -> conflict(e) ? spApi.call(seller, SpApiRequest.get(DESTINATIONS), spApi.defaults(), r -> existing(r.json()))
            : Future.failedFuture(e));
  }

  private String existing(JsonObject answer) {
    for (Object o : answer.getJsonArray("payload", new JsonArray())) {
      JsonObject destination = (JsonObject) o;
      JsonObject sqs = Optional.ofNullable(destination.getJsonObject("resource")).map(r -> r.getJsonObject("sqs")).orElse(new JsonObject());
      if (queueArn.equals(sqs.getString("arn"))) {
        return destination.getString("destinationId");
      }
    }
    throw new IllegalStateException("Amazon has a destination for " + queueArn + " but does not list it");
  }

  private Future<JsonObject> subscription(Seller seller, String type, String destinationId, SubscriptionFilters filters) {
    JsonObject body = new JsonObject().put("payloadVersion", TYPES.get(type)).put("destinationId", destinationId);
    filters.processingDirective(type).ifPresent(directive -> body.put("processingDirective", directive));
    return spApi.call(seller, SpApiRequest.post(SUBSCRIPTIONS + type, body), spApi.defaults(), r -> r.json().getJsonObject("payload"))
        .recover(e -> conflict(e) ? spApi.call(seller, SpApiRequest.get(SUBSCRIPTIONS + type), spApi.defaults(),
            r -> r.json().getJsonObject("payload")) : Future.failedFuture(e))
        .compose(made -> pool.preparedQuery("INSERT INTO notification_subscriptions (seller_id, notification_type, subscription_id,"
                + " destination_id) VALUES ($1, $2, $3, $4) ON CONFLICT (seller_id, notification_type) DO UPDATE SET"
                + " subscription_id = EXCLUDED.subscription_id, destination_id = EXCLUDED.destination_id")
            .execute(Tuple.of(seller.id(), type, made.getString("subscriptionId"), made.getString("destinationId", destinationId)))
            .map(v -> new JsonObject().put("type", type).put("subscriptionId", made.getString("subscriptionId"))
                .put("destinationId", made.getString("destinationId", destinationId))
                .put("processingDirective", made.getJsonObject("processingDirective"))));
  }

  private static boolean conflict(Throwable e) {
    return e instanceof SpApiException amazon && amazon.result().status() == 409;
  }
}
