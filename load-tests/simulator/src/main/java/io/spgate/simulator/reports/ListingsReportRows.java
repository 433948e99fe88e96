package io.spgate.simulator.reports;

import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.SeededIds;
import io.spgate.simulator.data.TrickyTitles;
import java.math.BigDecimal;
import java.util.List;

/**
 * GET_MERCHANT_LISTINGS_ALL_DATA and its kin: the seller's listings first, then (when a larger report was asked for)
 * synthetic rows whose values are a pure function of the row number. Row i's item-name is dressed as
 * {@link TrickyTitles} says for i % 4, for synthetic rows here and for the seeded listings when they were made.
 */
final class ListingsReportRows implements ReportRows {
  private static final String HEADER = "item-name\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tproduct-id-type\titem-condition"
      + "\tasin1\tproduct-id\tfulfillment-channel\tstatus\n";

  private final List<Listing> listings;
  private final Marketplace marketplace;
  private final long rows;
  private final String sellerTag;

  ListingsReportRows(List<Listing> listings, Marketplace marketplace, long rows, String sellerId) {
    this.listings = listings;
    this.marketplace = marketplace;
    this.rows = rows;
    this.sellerTag = sellerId.substring(1, 5);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public void appendRow(long index, StringBuilder out) {
    if (index < listings.size()) {
      Listing l = listings.get((int) index);
      BigDecimal price = l.price(marketplace.id()).orElse(BigDecimal.ZERO);
      appendLine(out, l.title(marketplace.id()), l.sku(), price.toPlainString(),
          l.fulfilledByAmazon() ? "" : Integer.toString(l.quantity()),
          l.createdDate().toString(), l.asin(), l.fulfilledByAmazon() ? "AMAZON_" + marketplace.region().name() : "DEFAULT", index);
      return;
    }
    long h = SeededIds.mix(index);
    String sku = "SKU-" + sellerTag + "-X" + index;
    String asin = "B0" + Long.toString((h >>> 1) % 2_821_109_907_456L + 78_364_164_096L, 36).toUpperCase();
    long cents = 499 + Math.floorMod(h, 20_000);
    String title = TrickyTitles.of(index, marketplace, SyntheticTitles.title(marketplace, h));
    appendLine(out, title, sku, cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100, Long.toString(Math.floorMod(h >> 20, 200)),
        "2024-01-01T00:00:00Z", asin, "DEFAULT", index);
  }

  private static void appendLine(StringBuilder out, String title, String sku, String price, String quantity, String openDate, String asin,
      String channel, long index) {
    out.append(title).append('\t')
        .append(index).append("LST").append('\t')
        .append(sku).append('\t')
        .append(price).append('\t')
        .append(quantity).append('\t')
        .append(openDate).append('\t')
        .append('1').append('\t')
        .append("11").append('\t')
        .append(asin).append('\t')
        .append(asin).append('\t')
        .append(channel).append('\t')
        .append("Active").append('\n');
  }
}
