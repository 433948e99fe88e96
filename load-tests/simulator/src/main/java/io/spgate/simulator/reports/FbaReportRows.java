package io.spgate.simulator.reports;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.OrderItem;
import io.spgate.simulator.data.SeededIds;
import io.spgate.simulator.data.SellerStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The FBA report types, built from the seller's FBA listings (inventory) or FBA orders (shipments). The fulfillable
 * quantity is Amazon's stock of the SKU ({@link SellerStore#fbaStock}, what getInventorySummaries shows too); the other
 * quantities are drawn from a hash of the SKU, so the same SKU shows the same figures in every report.
 */
final class FbaReportRows {
  private static final String AFN_INVENTORY_HEADER = "seller-sku\tfulfillment-channel-sku\tasin\tcondition-type\tWarehouse-Condition-code"
      + "\tQuantity Available\n";
  private static final String UNSUPPRESSED_HEADER = "sku\tfnsku\tasin\tproduct-name\tcondition\tyour-price\tmfn-listing-exists"
      + "\tmfn-fulfillable-quantity\tafn-listing-exists\tafn-warehouse-quantity\tafn-fulfillable-quantity\tafn-unsellable-quantity"
      + "\tafn-reserved-quantity\tafn-total-quantity\tper-unit-volume\tafn-inbound-working-quantity\tafn-inbound-shipped-quantity"
      + "\tafn-inbound-receiving-quantity\n";
  private static final String SHIPMENT_SALES_HEADER = "shipment-date\tsku\tfnsku\tasin\tfulfillment-center-id\tquantity"
      + "\tamazon-order-id\tcurrency\titem-price-per-unit\tshipping-price\tgift-wrap-price\tship-city\tship-state\tship-postal-code\n";
  private static final List<String> FULFILLMENT_CENTERS = List.of("PHX7", "SDF8", "LEJ1", "MUC3", "NRT2", "KIX1");

  private FbaReportRows() {}

  /** GET_AFN_INVENTORY_DATA or GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA; no FBA listing means no rows. */
  static RenderedRows inventory(String type, SellerStore store, List<Listing> listings, Marketplace marketplace) {
    List<String> lines = new ArrayList<>();
    for (Listing listing : listings) {
      if (!listing.fulfilledByAmazon()) {
        continue;
      }
      long h = SeededIds.mix(listing.sku().hashCode());
      int fulfillable = store.fbaStock(listing).fulfillable();
      int unsellable = (int) Math.floorMod(h >> 8, 4);
      int reserved = (int) Math.floorMod(h >> 12, 6);
      int working = (int) Math.floorMod(h >> 16, 10);
      int shipped = (int) Math.floorMod(h >> 20, 10);
      int receiving = (int) Math.floorMod(h >> 24, 5);
      int warehouse = fulfillable + unsellable + reserved;
      if (ReportTypes.FBA_AFN_INVENTORY.equals(type)) {
        lines.add(String.join("\t", listing.sku(), fnsku(listing), listing.asin(), "NewItem", "SELLABLE", Integer.toString(fulfillable))
            + "\n");
      } else {
        String price = listing.price(marketplace.id()).map(BigDecimal::toPlainString).orElse("");
        lines.add(String.join("\t", listing.sku(), fnsku(listing), listing.asin(), listing.title(marketplace.id()), "New", price,
            "No", "0", "Yes", Integer.toString(warehouse), Integer.toString(fulfillable), Integer.toString(unsellable),
            Integer.toString(reserved), Integer.toString(warehouse + working + shipped + receiving), "0.12", Integer.toString(working),
            Integer.toString(shipped), Integer.toString(receiving)) + "\n");
      }
    }
    return new RenderedRows(ReportTypes.FBA_AFN_INVENTORY.equals(type) ? AFN_INVENTORY_HEADER : UNSUPPRESSED_HEADER, lines);
  }

  /** GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA: one row per shipped item of the FBA orders given. */
  static RenderedRows shipmentSales(List<Order> orders) {
    List<String> lines = new ArrayList<>();
    for (Order order : orders) {
      for (OrderItem item : order.items()) {
        if (!"AFN".equals(order.fulfillmentChannel()) || item.quantityShipped() == 0) {
          continue;
        }
        BigDecimal perUnit = item.itemPrice().divide(BigDecimal.valueOf(item.quantityOrdered()), 2, RoundingMode.HALF_UP);
        String center = FULFILLMENT_CENTERS.get((int) Math.floorMod(SeededIds.mix(order.amazonOrderId().hashCode()),
            FULFILLMENT_CENTERS.size()));
        lines.add(String.join("\t", order.lastUpdateDate().toString(), item.sku(), fnsku(item.sku()), item.asin(), center,
            Integer.toString(item.quantityShipped()), order.amazonOrderId(), order.marketplace().currency(), perUnit.toPlainString(),
            "0.00", "0.00", order.shippingAddress().city(), order.shippingAddress().stateOrRegion(), order.shippingAddress().postalCode())
            + "\n");
      }
    }
    return new RenderedRows(SHIPMENT_SALES_HEADER, lines);
  }

  private static String fnsku(Listing listing) {
    return fnsku(listing.sku());
  }

  /** Amazon's fulfilment SKU: X00 and seven letters or digits, fixed per SKU. */
  private static String fnsku(String sku) {
    String digits = Long.toString(Math.floorMod(SeededIds.mix(sku.hashCode() * 31L), 78_364_164_096L), 36).toUpperCase();
    return "X00" + "0".repeat(7 - digits.length()) + digits;
  }
}
