package io.spgate.simulator.reports;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Region;
import java.nio.charset.Charset;

/**
 * How a marketplace's flat-file reports are encoded, and the label S3 puts on that encoding (FACTS.md part 2, section 1,
 * "Charset"): EU {@code Cp1252}; JP {@code Shift_JIS} although the bytes are windows-31j (cp932), so a client that
 * trusts the label and decodes strict Shift_JIS gets ①, №, 髙 wrong and ～ as 〜; elsewhere {@code UTF-8}.
 */
record ReportCharset(Charset charset, String label) {

  static ReportCharset of(Marketplace marketplace) {
    if (marketplace == Marketplace.JP) {
      return new ReportCharset(marketplace.documentCharset(), "Shift_JIS");
    }
    return new ReportCharset(marketplace.documentCharset(), marketplace.region() == Region.EU ? "Cp1252" : "UTF-8");
  }

  /** The document's Content-Type, written as Amazon's S3 writes it. */
  String contentType() {
    return "text/plain;charset=" + label;
  }
}
