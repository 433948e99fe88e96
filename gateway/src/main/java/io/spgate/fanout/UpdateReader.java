package io.spgate.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.idempotency.BodyDigest;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a body of updates as it arrives, in constant memory: JSON through Jackson's non-blocking parser,
 * NDJSON and CSV a line at a time (commons-csv reads each line's cells, quotes included). Updates go
 * to the sink in chunks; while the sink works on one, the body is paused. The SHA-256 of the bytes
 * is taken on the way, for the idempotency check.
 */
final class UpdateReader {

  /** Chunks with the sink at most, before the body pauses: enough to check the next chunks while Postgres stores one. */
  static final int OUTSTANDING = 4;
  /** The longest line (NDJSON, CSV) or JSON item accepted. */
  static final int MAX_RECORD_BYTES = 64 * 1024;
  /** CSV columns, each mapped onto the JSON shape of an update. */
  static final List<String> CSV_COLUMNS = List.of("channelId", "sellerId", "marketplaceId", "sku", "price", "currency", "quantity",
      "handlingTime");

  record Outcome(int count, byte[] sha256) {}

  /** An NDJSON line's object, its decimals read as written, as the JSON body's are ({@link JsonArrayStream}). */
  private static final ObjectMapper NDJSON_LINE = DatabindCodec.mapper().copy()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final TypeReference<Map<String, Object>> LINE_TYPE = new TypeReference<>() {};

  private final ReadStream<Buffer> body;
  private final BodyFormat format;
  private final int maxItems;
  private final int chunkSize;
  private final Function<List<RawUpdate>, Future<Void>> sink;
  private final BodyDigest digest = new BodyDigest();
  private final Promise<Outcome> done = Promise.promise();
  private final Promise<Void> allHanded = Promise.promise();
  private List<RawUpdate> chunk = new ArrayList<>();
  /** Completes when every chunk handed to the sink is done; fails with the first that failed. */
  private Future<Void> handed = Future.succeededFuture();
  private int outstanding;
  private boolean paused;
  private Context context;
  private int count;
  private int line;
  private List<String> csvHeader;

  UpdateReader(ReadStream<Buffer> body, BodyFormat format, int maxItems, int chunkSize, Function<List<RawUpdate>, Future<Void>> sink) {
    this.body = body;
    this.format = format;
    this.maxItems = maxItems;
    this.chunkSize = chunkSize;
    this.sink = sink;
  }

  /** Reads the whole body; fails with a problem when it is malformed, too long, or the sink failed. */
  Future<Outcome> read() {
    context = Vertx.currentContext();
    Decoder decoder = format == BodyFormat.JSON ? new JsonDecoder() : new LineDecoder();
    body.exceptionHandler(this::fail);
    body.handler(buffer -> {
      if (done.future().isComplete()) {
        return;
      }
      digest.update(buffer);
      guard(() -> decoder.handle(buffer));
    });
    body.endHandler(v -> guard(() -> {
      decoder.end();
      hand();
      allHanded.tryComplete();
      handed.onSuccess(x -> done.tryComplete(new Outcome(count, digest.sha256()))).onFailure(this::fail);
    }));
    body.resume();
    return done.future();
  }

  /**
   * Completes once the body has ended and its last chunk went to the sink, which may still be working on it: what
   * follows the last chunk can start then. Never completes for a body that fails first ({@link #read} says why).
   */
  Future<Void> allHanded() {
    return allHanded.future();
  }

  private void guard(Runnable work) {
    if (done.future().isComplete()) {
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(Throwable e) {
    if (done.tryFail(e instanceof MalformedBodyException ? new ApiException(Problem.badRequest("malformed_body", e.getMessage())) : e)) {
      body.handler(null);
    }
  }

  private void emit(JsonObject fields) {
    if (count == maxItems) {
      throw new ApiException(new Problem(413, "too_many_items", "Payload too large",
          "A request holds at most " + maxItems + " updates; split the rest into another request."));
    }
    chunk.add(new RawUpdate(count++, fields));
    if (chunk.size() >= chunkSize) {
      hand();
    }
  }

  /**
   * Hands the updates read so far to the sink at once, so one chunk is checked and stored while the next is read; the
   * body pauses while {@value #OUTSTANDING} chunks are with the sink, and resumes (from the event loop, never from
   * inside this handler, which would hand over the next bytes re-entrantly) when one is done.
   */
  private void hand() {
    List<RawUpdate> ready = chunk;
    chunk = new ArrayList<>();
    if (ready.isEmpty()) {
      return;
    }
    outstanding++;
    Future<Void> handled = sink.apply(ready);
    handed = Future.all(handed, handled).mapEmpty();
    handled.onComplete(result -> {
      outstanding--;
      if (result.failed()) {
        fail(result.cause());
      } else if (paused && outstanding < OUTSTANDING) {
        paused = false;
        if (context == null) {
          body.resume(); // read outside Vert.x: a body fed by hand, no event loop to come back on
        } else {
          context.runOnContext(v -> body.resume());
        }
      }
    });
    if (outstanding >= OUTSTANDING && !paused) {
      paused = true;
      body.pause();
    }
  }

  private interface Decoder {
    void handle(Buffer buffer);

    void end();
  }

  /** A JSON array of updates, or an object whose "items" is one; each update is parsed whole, the rest as events. */
  private final class JsonDecoder implements Decoder {
    private final JsonArrayStream items = new JsonArrayStream("items", UpdateReader.this::emit);
    private int countBefore;
    private long bytesSinceUpdate;

    @Override
    public void handle(Buffer buffer) {
      items.handle(buffer);
      // An update is held whole while parsed: one that never closes must not grow without bound.
      bytesSinceUpdate = count > countBefore ? 0 : bytesSinceUpdate + buffer.length();
      countBefore = count;
      if (items.inArray() && bytesSinceUpdate > 4L * MAX_RECORD_BYTES) {
        throw new MalformedBodyException("Update " + count + " is longer than " + MAX_RECORD_BYTES + " bytes.");
      }
    }

    @Override
    public void end() {
      items.end();
    }
  }

  /** NDJSON or CSV: a record a line; blank lines are skipped, a CRLF's CR is dropped. */
  private final class LineDecoder implements Decoder {
    private final RecordParser lines = RecordParser.newDelimited("\n").maxRecordSize(MAX_RECORD_BYTES);

    LineDecoder() {
      lines.exceptionHandler(e -> fail(new MalformedBodyException("Line " + (line + 1) + " is longer than " + MAX_RECORD_BYTES
          + " bytes.")));
      lines.handler(record -> {
        line++;
        String text = record.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        if (!text.isBlank()) {
          if (format == BodyFormat.NDJSON) {
            ndjson(text);
          } else {
            csv(text);
          }
        }
      });
    }

    @Override
    public void handle(Buffer buffer) {
      lines.handle(buffer);
    }

    @Override
    public void end() {
      // RecordParser holds a last line without its newline: a final delimiter hands it over.
      lines.handle(Buffer.buffer("\n"));
    }
  }

  private void ndjson(String text) {
    Map<String, Object> fields;
    try {
      fields = NDJSON_LINE.readValue(text, LINE_TYPE);
    } catch (JsonProcessingException e) {
      fields = null;
    }
    if (fields == null) {
      throw new MalformedBodyException("Line " + line + " is not a JSON object.");
    }
    emit(new JsonObject(fields));
  }

  private void csv(String text) {
    CSVRecord record;
    try (var parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new MalformedBodyException("Line " + line + " is not one CSV record (fields may not span lines).");
      }
      record = records.get(0);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new MalformedBodyException("Line " + line + " is not valid CSV: " + e.getMessage());
    }
    if (csvHeader == null) {
      csvHeader = new ArrayList<>();
      for (String name : record) {
        String column = name.trim();
        if (!CSV_COLUMNS.contains(column)) {
          throw new MalformedBodyException("Unknown CSV column '" + column + "'; the header names columns among " + CSV_COLUMNS + ".");
        }
        csvHeader.add(column);
      }
      if (!csvHeader.contains("sku")) {
        throw new MalformedBodyException("The CSV header must name a sku column.");
      }
      return;
    }
    if (record.size() != csvHeader.size()) {
      throw new MalformedBodyException("Line " + line + " has " + record.size() + " cells; the header has " + csvHeader.size() + ".");
    }
    emit(fromCsv(record));
  }

  /** A CSV row in the JSON shape of an update; empty cells are absent, numbers stay text for the validator. */
  private JsonObject fromCsv(CSVRecord record) {
    JsonObject fields = new JsonObject();
    JsonObject price = new JsonObject();
    for (int i = 0; i < csvHeader.size(); i++) {
      String value = record.get(i).trim();
      if (value.isEmpty()) {
        continue;
      }
      switch (csvHeader.get(i)) {
        case "price" -> price.put("amount", value);
        case "currency" -> price.put("currency", value);
        default -> fields.put(csvHeader.get(i), value);
      }
    }
    if (!price.isEmpty()) {
      fields.put("price", price);
    }
    return fields;
  }
}
