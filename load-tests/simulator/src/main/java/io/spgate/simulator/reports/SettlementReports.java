package io.spgate.simulator.reports;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.SeededIds;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.processing.Processing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The settlement reports Amazon makes for every seller, found DONE: one per 14-day settlement period of the home
 * marketplace, for the {@value #PERIODS} periods before the simulator started. Period k (0 = latest) ends at midnight
 * UTC 1 + 14k days before the start and its report was created 1 to 20 hours later, so the oldest (about 99 days old) is
 * already past the 90 days Amazon serves. Ids, times and rows are drawn from the seed and the seller's index.
 */
final class SettlementReports {
  static final int PERIODS = 8;
  static final int PERIOD_DAYS = 14;
  private static final String HEADER = "settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency"
      + "\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description"
      + "\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id"
      + "\tsku\tquantity-purchased\tpromotion-id\n";
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final int COLUMNS = 24;

  /** A settlement report and its document. */
  record Settlement(Report report, ReportDocument document) {}

  private SettlementReports() {}

  /** {@code listingCount}: the seeded listings per seller, whose SKUs the rows name. */
  static List<Settlement> of(Seller seller, long seed, Instant epoch, int listingCount) {
    SeededIds ids = new SeededIds(seed * 7_919L + seller.index() + 1);
    Marketplace marketplace = seller.homeMarketplace();
    Instant today = epoch.truncatedTo(ChronoUnit.DAYS);
    List<Settlement> settlements = new ArrayList<>();
    for (int k = 0; k < PERIODS; k++) {
      Instant end = today.minus(Duration.ofDays(1 + (long) PERIOD_DAYS * k));
      Instant start = end.minus(Duration.ofDays(PERIOD_DAYS));
      Instant created = end.plus(Duration.ofHours(1 + ids.random().nextInt(20))).plusSeconds(ids.random().nextInt(3600));
      String reportId = "4" + ids.digits(10);
      String documentId = "amzn1.spdoc.1.4." + seller.region().code() + "." + ids.uuid();
      RenderedRows rows = rows(seller, marketplace, "1" + ids.digits(10), start, end, ids, Math.max(1, listingCount));
      Report report = new Report(reportId, seller.sellerId(), ReportTypes.SETTLEMENT, List.of(marketplace.id()), created, start, end,
          rows.rowCount(), Report.Ending.AS_DATA_ALLOWS,
          Processing.finished("DONE", documentId, created.plusSeconds(30), created.plusSeconds(150)));
      settlements.add(new Settlement(report, new ReportDocument(documentId, seller.sellerId(), ReportCharset.of(marketplace), () -> rows)));
    }
    return settlements;
  }

  /** A summary line with the totals, then per order its principal, Amazon's commission and, for FBA, the fulfilment fee. */
  private static RenderedRows rows(Seller seller, Marketplace marketplace, String settlementId, Instant start, Instant end, SeededIds ids,
      int listingCount) {
    SplittableRandom random = ids.random();
    int scale = marketplace == Marketplace.JP ? 0 : 2;
    String marketplaceName = "Amazon" + marketplace.domain().substring("www.amazon".length());
    List<String[]> transactions = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    int orders = 4 + random.nextInt(9);
    for (int o = 0; o < orders; o++) {
      String orderId = ids.digits(3) + "-" + ids.digits(7) + "-" + ids.digits(7);
      String sku = String.format("SKU-%s-%05d", seller.sellerId().substring(1, 5), random.nextInt(listingCount));
      int quantity = 1 + random.nextInt(3);
      BigDecimal unit = BigDecimal.valueOf(499 + random.nextInt(20_000), 2);
      if (marketplace == Marketplace.JP) {
        unit = unit.multiply(BigDecimal.valueOf(150));
      }
      BigDecimal principal = unit.multiply(BigDecimal.valueOf(quantity)).setScale(scale, RoundingMode.HALF_UP);
      BigDecimal commission = principal.multiply(new BigDecimal("-0.15")).setScale(scale, RoundingMode.HALF_UP);
      boolean fba = random.nextBoolean();
      Instant posted = start.plusSeconds(random.nextLong(Duration.ofDays(PERIOD_DAYS).toSeconds()));
      String itemCode = ids.digits(14);
      List<String[]> amounts = new ArrayList<>();
      amounts.add(new String[] {"ItemPrice", "Principal", principal.toPlainString()});
      amounts.add(new String[] {"ItemFees", "Commission", commission.toPlainString()});
      total = total.add(principal).add(commission);
      if (fba) {
        BigDecimal fee = BigDecimal.valueOf(-(250 + random.nextInt(300)) * quantity, 2);
        fee = fee.multiply(marketplace == Marketplace.JP ? BigDecimal.valueOf(150) : BigDecimal.ONE).setScale(scale, RoundingMode.HALF_UP);
        amounts.add(new String[] {"ItemFees", "FBAPerUnitFulfillmentFee", fee.toPlainString()});
        total = total.add(fee);
      }
      for (String[] amount : amounts) {
        String[] line = new String[COLUMNS];
        line[0] = settlementId;
        line[6] = "Order";
        line[7] = orderId;
        line[10] = "D" + itemCode.substring(0, 8);
        line[11] = marketplaceName;
        line[12] = amount[0];
        line[13] = amount[1];
        line[14] = amount[2];
        line[15] = fba ? "AFN" : "MFN";
        line[16] = DATE.format(posted);
        line[17] = DATE_TIME.format(posted);
        line[18] = itemCode;
        line[21] = sku;
        line[22] = Integer.toString(quantity);
        transactions.add(line);
      }
    }
    String[] summary = new String[COLUMNS];
    summary[0] = settlementId;
    summary[1] = DATE_TIME.format(start);
    summary[2] = DATE_TIME.format(end);
    summary[3] = DATE_TIME.format(end.plus(Duration.ofDays(3)));
    summary[4] = total.toPlainString();
    summary[5] = marketplace.currency();
    List<String> lines = new ArrayList<>();
    lines.add(line(summary));
    transactions.forEach(t -> lines.add(line(t)));
    return new RenderedRows(HEADER, List.copyOf(lines));
  }

  private static String line(String[] fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : "\t").append(fields[i] == null ? "" : fields[i]);
    }
    return out.append('\n').toString();
  }
}
