package io.spgate.simulator.reports;

import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import java.util.ArrayList;
import java.util.List;

/** GET_FLAT_FILE_ALL_ORDERS_DATA_*: one row per order item of the orders in the report's date range. */
final class OrdersReportRows implements ReportRows {
  private static final String HEADER = "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status"
      + "\tfulfillment-channel\tsales-channel\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\n";

  private record Line(Order order, OrderItem item) {}

  private final List<Line> lines = new ArrayList<>();

  OrdersReportRows(List<Order> orders) {
    for (Order order : orders) {
      for (OrderItem item : order.items()) {
        lines.add(new Line(order, item));
      }
    }
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public long rowCount() {
    return lines.size();
  }

  @Override
  public void appendRow(long index, StringBuilder out) {
    Line line = lines.get((int) index);
    Order o = line.order();
    OrderItem i = line.item();
    out.append(o.amazonOrderId()).append('\t').append(o.sellerOrderId()).append('\t')
        .append(o.purchaseDate()).append('\t').append(o.lastUpdateDate()).append('\t')
        .append(o.orderStatus()).append('\t').append("AFN".equals(o.fulfillmentChannel()) ? "Amazon" : "Merchant").append('\t')
        .append(o.marketplace().domain().substring(4)).append('\t').append(i.title()).append('\t')
        .append(i.sku()).append('\t').append(i.asin()).append('\t')
        .append(i.quantityShipped() == i.quantityOrdered() ? "Shipped" : "Unshipped").append('\t').append(i.quantityOrdered()).append('\t')
        .append(o.marketplace().currency()).append('\t').append(i.itemPrice().toPlainString()).append('\n');
  }
}
