package io.spgate.simulator.data;

/**
 * Product titles that test a client's quoting and decoding. Seeded listing {@code i} of every seller (SKU
 * {@code SKU-xxxx-0000i}), and so row {@code i} (0-based, after the header) of a listings report, has its plain title
 * {@code t} dressed by {@code i % 4}:
 * <pre>
 *   i % 4   Latin marketplaces                 JP
 *   0       t                                  t
 *   1       t, 2-Pack                          t, ①セット
 *   2       Chef's t 12"                       Chef's t 12" ～髙品質
 *   3       "t", “Spécial” Größe 5 €           "t", №5 特選
 * </pre>
 * Amazon's TSV does not quote: a field may start with {@code "} and hold {@code ,} and {@code '}, which a CSV writer must
 * quote and a TSV reader must take literally. No field holds a tab or a line break. The Latin row 3 has é, ö, ß, €, “ ”
 * (all in windows-1252); the JP rows have characters windows-31j encodes but strict Shift_JIS does not decode as such.
 */
public final class TrickyTitles {
  private TrickyTitles() {}

  public static String of(long index, Marketplace marketplace, String plain) {
    boolean jp = marketplace == Marketplace.JP;
    return switch ((int) (index % 4)) {
      case 1 -> plain + (jp ? ", ①セット" : ", 2-Pack");
      case 2 -> "Chef's " + plain + (jp ? " 12\" ～髙品質" : " 12\"");
      case 3 -> "\"" + plain + "\", " + (jp ? "№5 特選" : "“Spécial” Größe 5 €");
      default -> plain;
    };
  }
}
