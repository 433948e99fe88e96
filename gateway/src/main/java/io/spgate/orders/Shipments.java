package io.spgate.orders;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Shipment confirmation of merchant-fulfilled orders (Orders v0 confirmShipment, in the urgent lane): recorded before it
 * is sent, marked confirmed or failed by Amazon's answer, and the order read again at once so that its state follows.
 */
final class Shipments {

  private final Pool pool;
  private final SpApiClient spApi;
  private final SpApiClient.CallOptions urgent;
  private final OrderFetches fetches;
  private final Runnable wakeFetcher;

  Shipments(Pool pool, SpApiClient spApi, Duration maxWait, OrderFetches fetches, Runnable wakeFetcher) {
    this.pool = pool;
    this.spApi = spApi;
    this.urgent = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.URGENT));
    this.fetches = fetches;
    this.wakeFetcher = wakeFetcher;
  }

  /** Confirms the shipment at Amazon; a refusal fails with Amazon's problem, the shipment kept as failed with its error. */
  Future<JsonObject> confirm(Seller seller, Order order, ShipmentRequest request) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT count(*) + 1 FROM order_shipments WHERE order_id = $1")
            .execute(Tuple.of(order.id())).compose(rows -> {
              String reference = String.valueOf(rows.iterator().next().getLong(0));
              return tx.preparedQuery("INSERT INTO order_shipments (id, order_id, package_reference_id, carrier_code, carrier_name,"
                      + " shipping_method, tracking_number, ship_date, items, status)"
                      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'confirming')")
                  .execute(Tuple.tuple().addUUID(id).addUUID(order.id()).addString(reference).addString(request.carrierCode())
                      .addString(request.carrierName().orElse(null)).addString(request.shippingMethod().orElse(null))
                      .addString(request.trackingNumber()).addOffsetDateTime(request.shipDate().atOffset(ZoneOffset.UTC))
                      .addValue(request.packageDetail(reference).getJsonArray("orderItems")))
                  .map(reference);
            }))
        .compose(reference -> send(seller, order, request.packageDetail(reference)).transform(sent -> {
          String error = sent.failed() ? describe(sent.cause()) : null;
          return pool.preparedQuery("UPDATE order_shipments SET status = $2, error = $3, confirmed_at = CASE WHEN $2 = 'confirmed'"
                  + " THEN now() END WHERE id = $1").execute(Tuple.of(id, sent.succeeded() ? "confirmed" : "failed", error))
              .compose(v -> sent.succeeded() ? followOrder(seller, order) : Future.failedFuture(sent.cause()));
        }))
        .compose(v -> get(id));
  }

  private Future<Void> send(Seller seller, Order order, JsonObject packageDetail) {
    JsonObject body = new JsonObject().put("marketplaceId", order.marketplaceId().orElse(seller.marketplaces().get(0)))
        .put("packageDetail", packageDetail);
    SpApiRequest request = SpApiRequest.post("/orders/v0/orders/" + URLEncoder.encode(order.amazonOrderId(), StandardCharsets.UTF_8)
        + "/shipmentConfirmation", body);
    return spApi.call(seller, request, urgent, result -> null).mapEmpty();
  }

  /** Amazon changed the order: it is read again now, as a notification would have it. */
  private Future<Void> followOrder(Seller seller, Order order) {
    return pool.withTransaction(tx -> fetches.announce(tx, List.of(seller.id()), order.amazonOrderId(), OffsetDateTime.now(ZoneOffset.UTC)))
        .onSuccess(n -> wakeFetcher.run()).mapEmpty();
  }

  Future<List<JsonObject>> ofOrder(UUID orderId) {
    return pool.preparedQuery("SELECT * FROM order_shipments WHERE order_id = $1 ORDER BY created_at").execute(Tuple.of(orderId))
        .map(rows -> {
          List<JsonObject> shipments = new ArrayList<>();
          rows.forEach(row -> shipments.add(json(row)));
          return shipments;
        });
  }

  private Future<JsonObject> get(UUID id) {
    return pool.preparedQuery("SELECT * FROM order_shipments WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> json(rows.iterator().next()));
  }

  private static JsonObject json(Row row) {
    Object items = row.getValue("items");
    OffsetDateTime confirmed = row.getOffsetDateTime("confirmed_at");
    return new JsonObject().put("id", row.getUUID("id").toString()).put("packageReferenceId", row.getString("package_reference_id"))
        .put("carrierCode", row.getString("carrier_code")).put("carrierName", row.getString("carrier_name"))
        .put("shippingMethod", row.getString("shipping_method")).put("trackingNumber", row.getString("tracking_number"))
        .put("shipDate", row.getOffsetDateTime("ship_date").toInstant().toString())
        .put("items", items instanceof JsonArray array ? array : new JsonArray(items.toString()))
        .put("status", row.getString("status")).put("error", row.getString("error"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("confirmedAt", confirmed == null ? null : confirmed.toInstant().toString());
  }

  private static String describe(Throwable failure) {
    return failure instanceof SpApiException amazon ? "Amazon answered " + amazon.result().status() + " " + amazon.result().amazonCode()
        : failure.getMessage();
  }
}
