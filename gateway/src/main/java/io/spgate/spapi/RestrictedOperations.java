package io.spgate.spapi;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operations whose responses carry personal data, so Amazon wants a Restricted Data Token
 * instead of the access token (Tokens API use-case guide and the official SDK's
 * RestrictedDataTokenSigner). Only the Orders operations named here take {@code dataElements}.
 */
public final class RestrictedOperations {

  /** One restricted operation: its method and path pattern, and whether it takes dataElements. */
  public record Restricted(String operationId, String method, Pattern path, boolean takesDataElements) {}

  private static final List<Restricted> ALL = List.of(
      op("getOrders", "GET", "/orders/v0/orders", true),
      op("getOrder", "GET", "/orders/v0/orders/[^/]+", true),
      op("getOrderBuyerInfo", "GET", "/orders/v0/orders/[^/]+/buyerInfo", false),
      op("getOrderAddress", "GET", "/orders/v0/orders/[^/]+/address", false),
      op("getOrderItems", "GET", "/orders/v0/orders/[^/]+/orderItems", true),
      op("getOrderItemsBuyerInfo", "GET", "/orders/v0/orders/[^/]+/orderItems/buyerInfo", false),
      op("getOrderRegulatedInfo", "GET", "/orders/v0/orders/[^/]+/regulatedInfo", false),
      op("getShipment", "GET", "/mfn/v0/shipments/[^/]+", false),
      op("cancelShipment", "DELETE", "/mfn/v0/shipments/[^/]+", false),
      op("createShipment", "POST", "/mfn/v0/shipments", false),
      op("getShipmentDetails", "GET", "/fba/outbound/brazil/v0/shipments/[^/]+", false),
      op("createScheduledPackageBulk", "POST", "/easyShip/2022-03-23/packages/bulk", false));

  private RestrictedOperations() {}

  private static Restricted op(String operationId, String method, String path, boolean takesDataElements) {
    return new Restricted(operationId, method, Pattern.compile(path), takesDataElements);
  }

  /**
   * The restricted operation a call is, if any. getOrders, getOrder and getOrderItems are
   * restricted only when the caller asks for personal {@code dataElements}.
   */
  public static Optional<Restricted> match(String method, String path, List<String> dataElements) {
    return ALL.stream()
        .filter(r -> r.method().equals(method) && r.path().matcher(path).matches())
        .filter(r -> !r.takesDataElements() || !dataElements.isEmpty())
        .findFirst();
  }
}
