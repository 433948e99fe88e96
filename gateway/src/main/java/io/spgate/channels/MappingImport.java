package io.spgate.channels;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One import of a channel's mappings, read from the request as it arrives (CSV with a header row, or
 * NDJSON) and stored {@value #BATCH} at a time while the request waits, paused; all of it in one
 * transaction, so an import refused on the way (too many lines, a broken body) leaves nothing
 * behind. Lines that are not a valid mapping are reported with their number and the rest stored.
 */
final class MappingImport {

  static final int MAX_ITEMS = 100_000;
  /** A mapping line is far shorter; a longer one is refused without being held. */
  static final int MAX_LINE_BYTES = 16 * 1024;
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  static final int BATCH = 1_000;
  /** Rejections listed in the answer; rejectedCount has them all. */
  static final int SHOWN_REJECTIONS = 1_000;

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();

  enum Format {
    CSV, NDJSON;

    /** The format a Content-Type names: text/csv, or application/x-ndjson (application/ndjson, application/jsonl too). */
    static Optional<Format> of(String contentType) {
      String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      return switch (type) {
        case "text/csv" -> Optional.of(CSV);
        case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> Optional.of(NDJSON);
        default -> Optional.empty();
      };
    }
  }

  record Rejection(long line, String code, String detail) {}

  record Result(long imported, List<Rejection> rejected, long rejectedCount) {
    JsonObject toJson() {
      return new JsonObject().put("imported", imported).put("rejectedCount", rejectedCount).put("rejected", new JsonArray(rejected.stream()
          .map(r -> new JsonObject().put("line", r.line()).put("code", r.code()).put("detail", r.detail())).toList()));
    }
  }

  private final Pool pool;
  private final MappingStore store;
  private final UUID tenantId;
  private final ChannelId channel;
  private final Format format;
  private final HttpServerRequest request;
  private final Promise<Result> result = Promise.promise();
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  private SqlConnection connection;
  private Transaction transaction;
  private LinkedHashMap<String, MappingInput> pending = new LinkedHashMap<>();
  private boolean writing;
  private boolean ended;
  private boolean finished;

  private Buffer line = Buffer.buffer();
  private boolean overlong;
  private boolean quoted;
  private long newlines;
  private long lineStart = 1;
  private long bytes;
  private long items;
  private long imported;
  private final List<Rejection> rejected = new ArrayList<>();
  private long rejectedCount;
  private List<String> header;
  private long headerLine;

  MappingImport(Pool pool, MappingStore store, UUID tenantId, ChannelId channel, Format format, HttpServerRequest request) {
    this.pool = pool;
    this.store = store;
    this.tenantId = tenantId;
    this.channel = channel;
    this.format = format;
    this.request = request;
  }

  /** Reads the (paused) request to its end and answers what was imported; fails with the problem that stopped it. */
  Future<Result> run() {
    request.pause();
    pool.getConnection()
        .compose(conn -> {
          connection = conn;
          return conn.begin();
        })
        .compose(tx -> {
          transaction = tx;
          // One import of a channel at a time: two would wait on each other's rows.
          return connection.preparedQuery("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked")
              .execute(Tuple.of("channel_mappings:" + channel.value()));
        })
        .onSuccess(rows -> {
          if (!rows.iterator().next().getBoolean("locked")) {
            abort(new ApiException(Problem.conflict("import_in_progress", "Another import of channel " + channel.value()
                + " is running; send this one once it ended.")));
            return;
          }
          read();
        })
        .onFailure(this::abort);
    return result.future().onComplete(done -> {
      if (connection != null) {
        connection.close();
      }
    });
  }

  private void read() {
    request.handler(this::chunk);
    request.endHandler(v -> end());
    request.exceptionHandler(e -> abort(new ApiException(Problem.badRequest("malformed_body", "The request body broke off."))));
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      request.response().writeContinue();
    }
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (finished) {
      return;
    }
    bytes += chunk.length();
    if (bytes > MAX_BODY_BYTES) {
      abort(new ApiException(new Problem(413, "body_too_large", "Payload too large", "An import body may hold at most "
          + MAX_BODY_BYTES / (1024 * 1024) + " MiB."), Map.of(HttpHeaders.CONNECTION.toString(), "close")));
      return;
    }
    int from = 0;
    for (int at = 0; at < chunk.length() && !finished; at++) {
      byte b = chunk.getByte(at);
      if (b == '"' && format == Format.CSV) {
        quoted = !quoted;
      } else if (b == '\n') {
        newlines++;
        if (!quoted) {
          append(chunk, from, at);
          from = at + 1;
          record();
        }
      }
    }
    if (!finished) {
      append(chunk, from, chunk.length());
      if (pending.size() >= BATCH) {
        write();
      }
    }
  }

  private void append(Buffer chunk, int from, int to) {
    if (overlong || to <= from) {
      return;
    }
    if (line.length() + (to - from) > MAX_LINE_BYTES) {
      overlong = true;
      line = Buffer.buffer();
    } else {
      line.appendBuffer(chunk, from, to - from);
    }
  }

  /** A whole line (for CSV, a whole record, which a quoted field may spread over lines) was read. */
  private void record() {
    Buffer raw = line;
    boolean tooLong = overlong;
    long number = lineStart;
    line = Buffer.buffer();
    overlong = false;
    lineStart = newlines + 1;
    Optional<String> text = tooLong ? Optional.empty() : decode(raw, number);
    if (text.isPresent() && text.get().isBlank()) {
      return;
    }
    if (header == null && format == Format.CSV) {
      readHeader(text, number);
      return;
    }
    if (++items > MAX_ITEMS) {
      abort(new ApiException(new Problem(413, "too_many_items", "Payload too large", "An import may hold at most " + MAX_ITEMS
          + " lines; send the rest in another."), Map.of(HttpHeaders.CONNECTION.toString(), "close")));
      return;
    }
    long dataLine = number - headerLine;
    if (tooLong) {
      reject(dataLine, "line_too_long", "A line may be at most " + MAX_LINE_BYTES + " bytes.");
    } else if (text.isEmpty()) {
      reject(dataLine, "malformed_line", "The line is not UTF-8.");
    } else {
      try {
        MappingInput input = format == Format.CSV ? csvRow(text.get()) : ndjsonLine(text.get());
        pending.put(input.sku(), input);
        imported++;
      } catch (InvalidMapping e) {
        reject(dataLine, e.code(), e.getMessage());
      }
    }
  }

  private void readHeader(Optional<String> text, long number) {
    List<String> names = text.flatMap(MappingImport::csvFields).orElse(List.of());
    Set<String> unique = new HashSet<>(names);
    if (names.isEmpty() || unique.size() != names.size() || !MappingInput.CSV_COLUMNS.containsAll(names)
        || !names.containsAll(MappingInput.REQUIRED_COLUMNS)) {
      abort(new ApiException(Problem.badRequest("csv_header_invalid", "The first line must name the columns, each once: "
          + MappingInput.REQUIRED_COLUMNS + " and any of " + MappingInput.CSV_COLUMNS + "; got " + names + ".")));
      return;
    }
    header = names;
    headerLine = number;
  }

  private MappingInput csvRow(String text) {
    List<String> cells = csvFields(text).orElseThrow(() -> new InvalidMapping("malformed_line", "The line is not a CSV record."));
    if (cells.size() > header.size()) {
      throw new InvalidMapping("malformed_line", "The line has " + cells.size() + " fields; the header names " + header.size() + ".");
    }
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      row.put(header.get(i), cells.get(i));
    }
    return MappingInput.fromCsv(row, channel);
  }

  private MappingInput ndjsonLine(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidMapping("malformed_line", "The line is not a JSON object.");
    }
    return MappingInput.fromJson(json, channel, Optional.empty());
  }

  private static Optional<List<String>> csvFields(String text) {
    try (CSVParser parser = CSVParser.parse(text, CSV)) {
      List<CSVRecord> records = parser.getRecords();
      return records.size() == 1 ? Optional.of(records.get(0).toList()) : Optional.empty();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** The line as text without its carriage return (and the body's byte order mark); empty when it is not UTF-8. */
  private Optional<String> decode(Buffer raw, long number) {
    try {
      String text = utf8.reset().decode(ByteBuffer.wrap(raw.getBytes())).toString();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      return Optional.of(number == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private void reject(long dataLine, String code, String detail) {
    rejectedCount++;
    if (rejected.size() < SHOWN_REJECTIONS) {
      rejected.add(new Rejection(dataLine, code, detail));
    }
  }

  /** Stores what is pending while the request waits; reading goes on once it is stored. */
  private void write() {
    if (writing || finished || pending.isEmpty()) {
      return;
    }
    List<MappingInput> batch = new ArrayList<>(pending.values());
    pending = new LinkedHashMap<>();
    writing = true;
    request.pause();
    store.upsert(connection, tenantId, channel, batch).onComplete(stored -> {
      writing = false;
      if (stored.failed()) {
        abort(stored.cause());
      } else if (ended) {
        finish();
      } else if (pending.size() >= BATCH) {
        write();
      } else if (!finished) {
        request.resume();
      }
    });
  }

  private void end() {
    ended = true;
    if (finished) {
      return;
    }
    if (line.length() > 0 || overlong || quoted) {
      record();
    }
    if (finished) {
      return;
    }
    if (header == null && format == Format.CSV) {
      abort(new ApiException(Problem.badRequest("csv_header_invalid", "The body has no header row; the first line must name the "
          + "columns: " + MappingInput.REQUIRED_COLUMNS + " and any of " + MappingInput.CSV_COLUMNS + ".")));
      return;
    }
    if (!writing) {
      finish();
    }
  }

  private void finish() {
    if (!pending.isEmpty()) {
      write();
      return;
    }
    finished = true;
    transaction.commit().onComplete(committed -> {
      if (committed.succeeded()) {
        result.complete(new Result(imported, List.copyOf(rejected), rejectedCount));
      } else {
        result.fail(committed.cause());
      }
    });
  }

  private void abort(Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    Future<Void> rolledBack = transaction == null ? Future.succeededFuture() : transaction.rollback();
    rolledBack.onComplete(done -> result.tryFail(failure));
  }
}
