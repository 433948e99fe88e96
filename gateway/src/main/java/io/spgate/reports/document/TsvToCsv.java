package io.spgate.reports.document;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * TSV to CSV as RFC 4180 has it (comma separated, CRLF line ends, fields holding a comma, quote, CR
 * or LF quoted with quotes doubled), quoted by Commons CSV's printer. The header comes first as the
 * document has it; a short row is filled with empty fields, a long row keeps its extra fields.
 */
public final class TsvToCsv extends TsvConversion {

  private final StringBuilder text = new StringBuilder(BATCH_BYTES + 8 * 1024);
  private final CSVPrinter printer;
  private int columns;

  public TsvToCsv() {
    this(TsvReader.MAX_ROW_BYTES);
  }

  TsvToCsv(int maxRowBytes) {
    super(maxRowBytes);
    try {
      printer = CSVFormat.RFC4180.print(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void writeHeader(List<String> names) {
    columns = names.size();
    print(names);
  }

  @Override
  protected void writeRow(List<String> fields) {
    if (fields.size() < columns) {
      List<String> filled = new ArrayList<>(columns);
      filled.addAll(fields);
      while (filled.size() < columns) {
        filled.add("");
      }
      print(filled);
    } else {
      print(fields);
    }
  }

  private void print(List<String> fields) {
    try {
      printer.printRecord(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Characters, not bytes: near enough to size a batch. */
  @Override
  protected int pending() {
    return text.length();
  }

  @Override
  protected Buffer take() {
    Buffer piece = Buffer.buffer(text.toString());
    text.setLength(0);
    return piece;
  }
}
