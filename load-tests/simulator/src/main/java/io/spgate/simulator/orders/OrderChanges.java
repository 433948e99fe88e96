package io.spgate.simulator.orders;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.OrderPackage;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.data.SellerStore;
import io.spgate.simulator.notifications.NotificationPublisher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Every change of an order goes through here, whoever makes it (a buyer, the seller's confirmShipment, Amazon, the
 * activity generator, /_sim): the order gets a lastUpdatedTime later than its previous one (so "newer" is always
 * decidable from the order alone), the change log records it, and subscribers get ORDER_CHANGE.
 */
public final class OrderChanges {
  public static final String STATUS_CHANGE = "OrderStatusChange";

  private final DemoWorld world;
  private final SimClock clock;
  private final NotificationPublisher notifications;
  private final OrderChangeLog log = new OrderChangeLog();

  public OrderChanges(DemoWorld world, SimClock clock, NotificationPublisher notifications) {
    this.world = world;
    this.clock = clock;
    this.notifications = notifications;
  }

  public OrderChangeLog log() {
    return log;
  }

  /** A buyer places an order now, in {@code v0Status}; {@code channel} AFN or MFN, or null for the seed's pick. */
  public Order place(Seller seller, String v0Status, String channel) {
    SellerStore store = world.store(seller);
    Instant now = now();
    Order pending = store.newOrder(now, channel);
    Order order = v0Status.equals("Pending") ? pending : withStatus(pending, v0Status, now);
    store.addOrder(order);
    OrderChangeLog.Change logged = log.record(seller.sellerId(), order, Instant.now());
    log.notified(logged, notifications.orderChanged(seller, order, STATUS_CHANGE));
    return order;
  }

  /**
   * Applies {@code change} to the seller's order; empty when there is no such order. A change that returns the order
   * itself changed nothing: no new time, no log entry, no notification.
   */
  public Optional<Order> change(Seller seller, String orderId, UnaryOperator<Order> change, String changeType) {
    OrderChangeLog.Change[] logged = {null};
    Order result = world.store(seller).updateOrder(orderId, current -> {
      Order next = change.apply(current);
      if (next == current) {
        return current;
      }
      Order stamped = next.withLastUpdateDate(later(current.lastUpdateDate()));
      // Recorded while the order is held, so two changes of one order enter the log in the order they were made.
      logged[0] = log.record(seller.sellerId(), stamped, Instant.now());
      return stamped;
    });
    if (logged[0] != null) {
      log.notified(logged[0], notifications.orderChanged(seller, result, changeType));
    }
    return Optional.ofNullable(result);
  }

  /** Moves an order to {@code v0Status}; shipped quantities (and, for MFN, a package) follow. Same status: no change. */
  public Optional<Order> setStatus(Seller seller, String orderId, String v0Status, String changeType) {
    return change(seller, orderId, order -> order.orderStatus().equals(v0Status) ? order : withStatus(order, v0Status, now()),
        changeType);
  }

  /** The order with that id among the sellers whose orders exist, with its seller. */
  public Optional<SellerStore> storeOf(String orderId) {
    return world.storeOfOrder(orderId);
  }

  /** Shipped and PartiallyShipped ship what is left (or a part of it); other statuses leave the quantities as they are. */
  static Order withStatus(Order order, String status, Instant now) {
    List<OrderItem> items = new ArrayList<>(order.items());
    Map<String, Integer> shipping = new LinkedHashMap<>();
    if (status.equals("Shipped") || status.equals("InvoiceUnconfirmed")) {
      for (int i = 0; i < items.size(); i++) {
        OrderItem item = items.get(i);
        if (item.quantityShipped() < item.quantityOrdered()) {
          shipping.put(item.orderItemId(), item.quantityOrdered() - item.quantityShipped());
          items.set(i, item.withQuantityShipped(item.quantityOrdered()));
        }
      }
    } else if (status.equals("PartiallyShipped") && order.itemsShipped() == 0) {
      OrderItem first = items.isEmpty() ? null : items.get(0);
      int ship = first == null ? 0 : items.size() > 1 ? first.quantityOrdered() : first.quantityOrdered() - 1;
      if (ship == 0) {
        throw new IllegalArgumentException("an order of a single unit cannot be partially shipped");
      }
      shipping.put(first.orderItemId(), ship);
      items.set(0, first.withQuantityShipped(ship));
    }
    Order next = order.withStatus(status, List.copyOf(items), order.lastUpdateDate());
    if (shipping.isEmpty() || order.fulfilledByAmazon()) {
      return next;
    }
    // The seller shipped it (as through Seller Central): a package, as confirmShipment would have recorded.
    String reference = Integer.toString(order.packages().size() + 1);
    return next.withPackage(new OrderPackage(reference, "UPS", "1Z" + order.amazonOrderId().replace("-", "") + reference, now, now,
        shipping));
  }

  private Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private Instant later(Instant previous) {
    Instant now = now();
    return now.isAfter(previous) ? now : previous.plusMillis(1);
  }
}
