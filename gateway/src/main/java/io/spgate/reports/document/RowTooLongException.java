package io.spgate.reports.document;

/** A TSV row longer than the converter holds at once: no report has such rows, so the document is not the TSV it claims. */
public final class RowTooLongException extends DocumentContentException {

  public RowTooLongException(long rowNumber, int limit) {
    super("Row " + rowNumber + " of the document is longer than " + limit + " bytes; it is not a TSV report.");
  }
}
