package io.spgate.reports.document;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TSV to NDJSON: one JSON object a line per row, the header's names as keys, every value a string.
 * A short row gets empty strings for its missing fields; a long row's extra fields, and columns
 * whose header name is empty or repeated, are keyed {@code column_<n>} (n counted from 1).
 */
public final class TsvToNdjson extends TsvConversion {

  private static final JsonFactory JSON = new JsonFactory();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(BATCH_BYTES + 8 * 1024);
  private final JsonGenerator json;
  private final List<SerializedString> keys = new ArrayList<>();
  private int headerColumns;

  public TsvToNdjson() {
    this(TsvReader.MAX_ROW_BYTES);
  }

  TsvToNdjson(int maxRowBytes) {
    super(maxRowBytes);
    try {
      json = JSON.createGenerator(out, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Objects end with a line feed of our own, not Jackson's space between root values.
    json.setRootValueSeparator(null);
  }

  /** The keys a header's names give: each name, unless empty or taken by a column before it. */
  static List<String> keys(List<String> names) {
    Set<String> taken = new HashSet<>();
    List<String> keys = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      keys.add(name.isEmpty() || !taken.add(name) ? extraKey(i) : name);
    }
    return keys;
  }

  private static String extraKey(int index) {
    return "column_" + (index + 1);
  }

  @Override
  protected void writeHeader(List<String> names) {
    keys(names).forEach(key -> keys.add(new SerializedString(key)));
    headerColumns = names.size();
  }

  @Override
  protected void writeRow(List<String> fields) {
    while (keys.size() < fields.size()) {
      keys.add(new SerializedString(extraKey(keys.size())));
    }
    try {
      json.writeStartObject();
      int columns = Math.max(fields.size(), headerColumns);
      for (int i = 0; i < columns; i++) {
        json.writeFieldName(keys.get(i));
        json.writeString(i < fields.size() ? fields.get(i) : "");
      }
      json.writeEndObject();
      json.writeRaw('\n');
      json.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected int pending() {
    return out.size();
  }

  @Override
  protected Buffer take() {
    Buffer piece = Buffer.buffer(out.toByteArray());
    out.reset();
    return piece;
  }
}
