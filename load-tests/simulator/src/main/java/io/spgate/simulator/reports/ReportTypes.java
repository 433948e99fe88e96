package io.spgate.simulator.reports;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The report types the simulator produces, and Amazon's limits on asking for them (FACTS.md part 2, section 1, "Limits"). */
final class ReportTypes {
  static final Set<String> LISTINGS = Set.of(
      "GET_MERCHANT_LISTINGS_ALL_DATA", "GET_MERCHANT_LISTINGS_DATA", "GET_MERCHANT_LISTINGS_INACTIVE_DATA",
      "GET_FLAT_FILE_OPEN_LISTINGS_DATA",
      "GET_MERCHANT_LISTINGS_DATA_BACK_COMPAT", "GET_MERCHANT_LISTINGS_DATA_LITE");
  static final Set<String> ORDERS = Set.of(
      "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL");
  static final String FBA_UNSUPPRESSED_INVENTORY = "GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA";
  static final String FBA_AFN_INVENTORY = "GET_AFN_INVENTORY_DATA";
  static final String FBA_CUSTOMER_SHIPMENT_SALES = "GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA";
  /** Amazon makes these itself, every two weeks; createReport refuses them. */
  static final String SETTLEMENT = "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE";

  /** FBA reports: near-real-time ones at most once per 30 minutes per seller and type, daily ones once per 4 hours. */
  static final Map<String, Duration> FBA_WINDOWS = Map.of(
      FBA_UNSUPPRESSED_INVENTORY, Duration.ofMinutes(30),
      FBA_AFN_INVENTORY, Duration.ofMinutes(30),
      FBA_CUSTOMER_SHIPMENT_SALES, Duration.ofHours(4));

  private ReportTypes() {}

  static boolean requestable(String type) {
    return LISTINGS.contains(type) || ORDERS.contains(type) || FBA_WINDOWS.containsKey(type);
  }

  static Set<String> requestable() {
    Set<String> all = new TreeSet<>(LISTINGS);
    all.addAll(ORDERS);
    all.addAll(FBA_WINDOWS.keySet());
    return all;
  }
}
