package io.spgate.spapi;

import io.spgate.lwa.GrantlessTokens;
import io.spgate.quota.Lane;
import io.spgate.quota.Rate;
import java.util.Optional;
import java.util.Set;

/**
 * One operation of Amazon's official models: the API it belongs to, its method and path template,
 * and its usage plan when the models give one.
 */
public record Operation(String api, String operationId, String method, String pathTemplate, Optional<Rate> modelledRate) {

  /** The grantless operations of the Notifications API (the models say so in each description). */
  private static final Set<String> GRANTLESS_NOTIFICATIONS = Set.of("getSubscriptionById", "deleteSubscriptionById",
      "getDestinations", "createDestination", "getDestination", "deleteDestination");

  /** Order and shipment work: a buyer or a carrier is waiting. */
  private static final Set<String> URGENT_APIS = Set.of("ordersV0", "orders_2026-01-01", "merchantFulfillmentV0", "shipping",
      "shippingV2", "easyShip_2022-03-23", "fulfillmentOutbound_2020-07-01", "fulfillmentOutbound_2026-07-04",
      "vendorDirectFulfillmentOrdersV1", "vendorDirectFulfillmentOrders_2021-12-28", "vendorDirectFulfillmentShippingV1",
      "vendorDirectFulfillmentShipping_2021-12-28", "externalFulfillmentShipments_2024-09-11");

  /** Fan-out, reports and repricing: many calls, none of them urgent. */
  private static final Set<String> BULK_APIS = Set.of("reports_2021-06-30", "feeds_2021-06-30", "listingsItems_2020-09-01",
      "listingsItems_2021-08-01", "productPricingV0", "productPricing_2022-05-01", "dataKiosk_2023-11-15", "catalogItemsV0",
      "catalogItems_2020-12-01", "catalogItems_2022-04-01");

  /** Safe to send twice (HTTP semantics): only these are retried after a 5xx or a lost connection. */
  public boolean idempotent() {
    return method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
  }

  /** The lane a call takes when its caller names none. */
  public Lane defaultLane() {
    return URGENT_APIS.contains(api) ? Lane.URGENT : BULK_APIS.contains(api) ? Lane.BULK : Lane.NORMAL;
  }

  /** The LWA scope of a grantless operation, called with the application's token rather than a seller's. */
  public Optional<String> grantlessScope() {
    if (api.equals("notifications") && GRANTLESS_NOTIFICATIONS.contains(operationId)) {
      return Optional.of(GrantlessTokens.NOTIFICATIONS);
    }
    if (operationId.equals("rotateApplicationClientSecret")) {
      return Optional.of(GrantlessTokens.CLIENT_CREDENTIAL_ROTATION);
    }
    return Optional.empty();
  }
}
