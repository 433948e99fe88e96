package io.spgate.simulator.reports;

import java.util.List;

/** Rows rendered up front, for reports of a few hundred lines at most (FBA, settlement). Each line ends with its newline. */
record RenderedRows(String header, List<String> lines) implements ReportRows {
  @Override
  public long rowCount() {
    return lines.size();
  }

  @Override
  public void appendRow(long index, StringBuilder out) {
    out.append(lines.get((int) index));
  }
}
