package io.spgate.reports.document;

import java.util.Locale;
import java.util.Optional;

/** What a caller downloads a report document as. */
public enum DocumentFormat {

  /** Amazon's bytes untouched: still gzipped if they were, in the document's own charset. */
  RAW("application/octet-stream", "bin"),
  /** The document itself, gunzipped and in UTF-8. */
  TSV("text/tab-separated-values; charset=utf-8", "tsv"),
  /** One JSON object a row, keyed by the header. */
  NDJSON("application/x-ndjson", "ndjson"),
  /** RFC 4180 CSV with the header first. */
  CSV("text/csv; charset=utf-8; header=present", "csv");

  private final String contentType;
  private final String extension;

  DocumentFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  /** The file name extension, without its dot. */
  public String extension() {
    return extension;
  }

  /** The format a request names ({@code raw}, {@code tsv}, {@code ndjson}, {@code csv}, any case). */
  public static Optional<DocumentFormat> parse(String name) {
    for (DocumentFormat format : values()) {
      if (format.name().equals(name.trim().toUpperCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
