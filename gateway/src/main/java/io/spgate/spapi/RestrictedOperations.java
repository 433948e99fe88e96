package io.spgate.spapi;

import java.util.List;
import java.util.Set;

/**
 * The operations whose responses carry personal data, so Amazon wants a Restricted Data Token
 * instead of the access token (Tokens API use-case guide and the official SDK's
 * RestrictedDataTokenSigner). getOrders, getOrder and getOrderItems are restricted only when the
 * caller asks for personal {@code dataElements}.
 */
public final class RestrictedOperations {

  private static final Set<String> ALWAYS = Set.of("ordersV0/getOrderBuyerInfo", "ordersV0/getOrderAddress",
      "ordersV0/getOrderItemsBuyerInfo", "ordersV0/getOrderRegulatedInfo", "merchantFulfillmentV0/getShipment",
      "merchantFulfillmentV0/cancelShipment", "merchantFulfillmentV0/createShipment", "shipmentInvoicingV0/getShipmentDetails",
      "easyShip_2022-03-23/createScheduledPackageBulk");

  private static final Set<String> WITH_DATA_ELEMENTS = Set.of("ordersV0/getOrders", "ordersV0/getOrder", "ordersV0/getOrderItems");

  private RestrictedOperations() {}

  public static boolean needsRdt(Operation operation, List<String> dataElements) {
    String name = operation.api() + "/" + operation.operationId();
    return ALWAYS.contains(name) || (!dataElements.isEmpty() && WITH_DATA_ELEMENTS.contains(name));
  }
}
