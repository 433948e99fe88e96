package io.spgate.fanout;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import java.util.function.Consumer;

/**
 * The objects of one array of a JSON document, each handed over whole as the bytes arrive, the rest
 * of the document skipped as events: the array is the document itself or the top-level field
 * {@code field}. Memory stays at one element, whatever the document's size.
 */
final class JsonArrayStream {

  private final JsonParser parser = JsonParser.newParser();
  private final String field;
  private int depth;
  private boolean inArray;
  private boolean found;
  private int elements;

  /**
   * @param each gets every element; one that is not an object fails the stream with a {@link MalformedBodyException}
   * @param onError gets what the parser found wrong with the JSON itself
   */
  JsonArrayStream(String field, Consumer<JsonObject> each, Consumer<Throwable> onError) {
    this.field = field;
    parser.exceptionHandler(onError::accept);
    parser.handler(event -> {
      JsonEventType type = event.type();
      if (inArray) {
        if (type == JsonEventType.END_ARRAY) {
          inArray = false;
          parser.objectEventMode();
          depth--;
        } else if (type == JsonEventType.VALUE && event.value() instanceof JsonObject element) {
          elements++;
          each.accept(element);
        } else {
          throw new MalformedBodyException("Element " + elements + " of \"" + field + "\" is not a JSON object.");
        }
        return;
      }
      switch (type) {
        case START_ARRAY -> {
          if (depth == 0 || depth == 1 && field.equals(event.fieldName())) {
            inArray = true;
            found = true;
            parser.objectValueMode();
          }
          depth++;
        }
        case START_OBJECT -> depth++;
        case END_ARRAY, END_OBJECT -> depth--;
        case VALUE -> {
          if (depth == 0) {
            throw new MalformedBodyException(notFound());
          }
        }
        default -> {
        }
      }
    });
  }

  void handle(Buffer buffer) {
    parser.handle(buffer);
  }

  /** The document ended; one without the array is malformed. */
  void end() {
    parser.end();
    if (!found) {
      throw new MalformedBodyException(notFound());
    }
  }

  /** Whether an element is being read now (its bytes are held until it closes). */
  boolean inArray() {
    return inArray;
  }

  private String notFound() {
    return "The JSON must be an array, or an object with \"" + field + "\": [...].";
  }
}
