package io.spgate.simulator.reports;

/** The rows of a flat-file report, produced one at a time so a report of any size needs no memory. */
interface ReportRows {
  String header();

  long rowCount();

  /** Appends row {@code index} (0-based), with its line end. */
  void appendRow(long index, StringBuilder out);
}
