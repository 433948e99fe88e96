package io.spgate.fanout;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The objects of one array of a JSON document, each handed over whole as the bytes arrive, the rest
 * of the document skipped: the array is the document itself or the top-level field {@code field}.
 * Memory stays at one element, whatever the document's size.
 *
 * <p>One Jackson non-blocking parser reads the whole document and each element is built from its tokens. (Vert.x's
 * {@code JsonParser} in object-value mode starts a new Jackson parser for every value, with its own symbol tables:
 * 2-3 KB of garbage an update, most of what a 100,000-update intake allocated.)
 */
final class JsonArrayStream {

  private static final JsonFactory JSON = new JsonFactory();

  private final String field;
  private final Consumer<JsonObject> each;
  private final JsonParser parser;
  private final ByteArrayFeeder feeder;
  /** Containers open around the array (the array itself included while in it). */
  private int depth;
  private boolean inArray;
  private boolean found;
  private int elements;
  /** The element being built: its object, then any object or array open inside it. */
  private final Deque<Object> open = new ArrayDeque<>();
  /** The field whose value comes next in the innermost open object. */
  private String name;

  /** {@code each} gets every element; one that is not an object, or bytes that are not JSON, fail with a {@link MalformedBodyException}. */
  JsonArrayStream(String field, Consumer<JsonObject> each) {
    this.field = field;
    this.each = each;
    try {
      this.parser = JSON.createNonBlockingByteArrayParser();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
  }

  void handle(Buffer buffer) {
    byte[] bytes = buffer.getBytes();
    try {
      feeder.feedInput(bytes, 0, bytes.length);
    } catch (IOException e) {
      throw malformed(e);
    }
    readAvailable();
  }

  /** The document ended; one that is cut short, or has no such array, is malformed. */
  void end() {
    feeder.endOfInput();
    try {
      readAvailable();
    } finally {
      closeQuietly();
    }
    if (!found) {
      throw new MalformedBodyException(notFound());
    }
  }

  /** Whether an element is being read now (its bytes are held until it closes). */
  boolean inArray() {
    return inArray;
  }

  private void readAvailable() {
    try {
      for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.NOT_AVAILABLE; token = parser.nextToken()) {
        take(token);
      }
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void take(JsonToken token) throws IOException {
    if (!open.isEmpty()) {
      build(token);
    } else if (inArray) {
      switch (token) {
        case START_OBJECT -> build(token);
        case END_ARRAY -> {
          inArray = false;
          depth--;
        }
        default -> throw new MalformedBodyException("Element " + elements + " of \"" + field + "\" is not a JSON object.");
      }
    } else {
      switch (token) {
        case START_ARRAY -> {
          // The name of the field an array is the value of is its parent object's current name.
          if (depth == 0 || depth == 1 && field.equals(parser.currentName())) {
            inArray = true;
            found = true;
          }
          depth++;
        }
        case START_OBJECT -> depth++;
        case END_ARRAY, END_OBJECT -> depth--;
        case FIELD_NAME -> {
        }
        default -> {
          if (depth == 0) {
            throw new MalformedBodyException(notFound());
          }
        }
      }
    }
  }

  private void build(JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> openContainer(new JsonObject());
      case START_ARRAY -> openContainer(new JsonArray());
      case END_OBJECT, END_ARRAY -> {
        Object closed = open.pop();
        if (open.isEmpty()) {
          elements++;
          each.accept((JsonObject) closed);
        }
      }
      case FIELD_NAME -> name = parser.currentName();
      case VALUE_STRING -> add(parser.getText());
      case VALUE_NUMBER_INT -> add(parser.getNumberValue());
      case VALUE_NUMBER_FLOAT -> add(parser.getDecimalValue()); // as written: 12.50 stays 12.50, not the double nearest it
      case VALUE_TRUE -> add(Boolean.TRUE);
      case VALUE_FALSE -> add(Boolean.FALSE);
      case VALUE_NULL -> add(null);
      default -> throw new MalformedBodyException("Unexpected " + token + " in element " + elements + " of \"" + field + "\".");
    }
  }

  private void openContainer(Object container) {
    if (!open.isEmpty()) {
      add(container);
    }
    open.push(container);
  }

  private void add(Object value) {
    if (open.peek() instanceof JsonObject object) {
      object.put(name, value);
    } else {
      ((JsonArray) open.peek()).add(value);
    }
  }

  private void closeQuietly() {
    try {
      parser.close();
    } catch (IOException e) {
      // nothing was open but the parser's own buffers
    }
  }

  private static MalformedBodyException malformed(IOException e) {
    String where = e instanceof JsonProcessingException json && json.getLocation() != null
        ? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() : "";
    String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return new MalformedBodyException("The JSON is not valid" + where + ": " + why);
  }

  private String notFound() {
    return "The JSON must be an array, or an object with \"" + field + "\": [...].";
  }
}
