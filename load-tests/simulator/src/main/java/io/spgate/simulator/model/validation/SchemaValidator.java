package io.spgate.simulator.model.validation;

import io.spgate.simulator.model.SchemaRefs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The part of Swagger 2.0 / JSON Schema (draft 4 to 7) that SP-API models and feed schemas use: $ref, allOf, oneOf, type, const,
 * enum, required, properties, additionalProperties, items, min/max items, lengths and values, pattern and
 * date-time. It reports the first problem, worded like Amazon's InvalidInput messages.
 */
public final class SchemaValidator {
  private static final Map<String, Optional<Pattern>> PATTERNS = new ConcurrentHashMap<>();

  private SchemaValidator() {}

  /** Returns the first problem with {@code value}, or empty when it conforms. */
  public static Optional<String> firstProblem(JsonObject document, JsonObject schema, Object value, String where) {
    List<String> problems = new ArrayList<>(1);
    check(document, schema, value, where, problems);
    return problems.stream().findFirst();
  }

  static void check(JsonObject document, JsonObject rawSchema, Object value, String where, List<String> problems) {
    JsonObject schema = SchemaRefs.resolve(document, rawSchema);
    if (schema == null || !problems.isEmpty()) {
      return;
    }
    JsonArray allOf = schema.getJsonArray("allOf");
    if (allOf != null) {
      for (int i = 0; i < allOf.size() && problems.isEmpty(); i++) {
        check(document, allOf.getJsonObject(i), value, where, problems);
      }
    }
    JsonArray oneOf = schema.getJsonArray("oneOf");
    if (oneOf != null && problems.isEmpty()) {
      int matching = 0;
      for (int i = 0; i < oneOf.size(); i++) {
        List<String> attempt = new ArrayList<>(1);
        check(document, oneOf.getJsonObject(i), value, where, attempt);
        matching += attempt.isEmpty() ? 1 : 0;
      }
      if (matching != 1) {
        problems.add(where + " must match exactly one of " + oneOf.size() + " alternatives, matches " + matching);
        return;
      }
    }
    if (value == null) {
      return;
    }
    Object type = schema.getValue("type");
    if (type == null && schema.containsKey("properties")) {
      type = "object";
    }
    if (type != null && !hasType(type, value)) {
      problems.add(where + " must be of type " + type);
      return;
    }
    if (schema.containsKey("const") && !schema.getValue("const").equals(value)) {
      problems.add(where + " must be '" + schema.getValue("const") + "'");
      return;
    }
    JsonArray allowed = schema.getJsonArray("enum");
    if (allowed != null && !allowed.contains(value)) {
      problems.add(where + " has an invalid value '" + value + "'; allowed values: " + allowed.encode());
      return;
    }
    if (value instanceof JsonObject object) {
      checkObject(document, schema, object, where, problems);
    } else if (value instanceof JsonArray array) {
      checkArray(document, schema, array, where, problems);
    } else if (value instanceof String text) {
      checkString(schema, text, where, problems);
    } else if (value instanceof Number number) {
      checkNumber(schema, number, where, problems);
    }
  }

  /** Draft 7 allows a list of types, e.g. ["string", "null"]. */
  private static boolean hasType(Object type, Object value) {
    if (type instanceof JsonArray types) {
      return types.stream().anyMatch(t -> hasType(t, value));
    }
    return switch ((String) type) {
      case "object" -> value instanceof JsonObject;
      case "array" -> value instanceof JsonArray;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "integer" -> value instanceof Integer || value instanceof Long || value instanceof Short
          || value instanceof java.math.BigInteger;
      case "number" -> value instanceof Number;
      case "null" -> false;
      default -> true;
    };
  }

  private static void checkObject(JsonObject document, JsonObject schema, JsonObject object, String where, List<String> problems) {
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (int i = 0; i < required.size(); i++) {
      String name = required.getString(i);
      if (object.getValue(name) == null) {
        problems.add("Missing required field '" + name + "' in " + where);
        return;
      }
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    Object additional = schema.getValue("additionalProperties");
    for (String name : object.fieldNames()) {
      JsonObject property = properties.getJsonObject(name);
      if (property != null) {
        check(document, property, object.getValue(name), where + "." + name, problems);
      } else if (Boolean.FALSE.equals(additional)) {
        problems.add(where + " has an unexpected field '" + name + "'");
      } else if (additional instanceof JsonObject additionalSchema) {
        check(document, additionalSchema, object.getValue(name), where + "." + name, problems);
      }
      if (!problems.isEmpty()) {
        return;
      }
    }
  }

  private static void checkArray(JsonObject document, JsonObject schema, JsonArray array, String where, List<String> problems) {
    Integer minItems = schema.getInteger("minItems");
    Integer maxItems = schema.getInteger("maxItems");
    if (minItems != null && array.size() < minItems) {
      problems.add(where + " must contain at least " + minItems + " item(s)");
      return;
    }
    if (maxItems != null && array.size() > maxItems) {
      problems.add(where + " must contain at most " + maxItems + " item(s)");
      return;
    }
    JsonObject items = schema.getJsonObject("items");
    if (items != null) {
      for (int i = 0; i < array.size() && problems.isEmpty(); i++) {
        if (array.getValue(i) == null) {
          // A property may be null as if absent; a list has no absent items.
          problems.add(where + "[" + i + "] must not be null");
        } else {
          check(document, items, array.getValue(i), where + "[" + i + "]", problems);
        }
      }
    }
  }

  private static void checkString(JsonObject schema, String text, String where, List<String> problems) {
    Integer minLength = schema.getInteger("minLength");
    Integer maxLength = schema.getInteger("maxLength");
    if (minLength != null && text.length() < minLength) {
      problems.add(where + " must be at least " + minLength + " character(s) long");
    } else if (maxLength != null && text.length() > maxLength) {
      problems.add(where + " must be at most " + maxLength + " character(s) long");
    } else if ("date-time".equals(schema.getString("format")) && !isDateTime(text)) {
      problems.add(where + " must be an ISO 8601 date-time");
    } else if (schema.getString("pattern") != null && !matches(schema.getString("pattern"), text)) {
      problems.add(where + " does not match the pattern " + schema.getString("pattern"));
    }
  }

  private static void checkNumber(JsonObject schema, Number number, String where, List<String> problems) {
    Number minimum = schema.getNumber("minimum");
    Number maximum = schema.getNumber("maximum");
    if (minimum != null && number.doubleValue() < minimum.doubleValue()) {
      problems.add(where + " must be at least " + minimum);
    } else if (maximum != null && number.doubleValue() > maximum.doubleValue()) {
      problems.add(where + " must be at most " + maximum);
    }
  }

  public static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean matches(String pattern, String text) {
    // Some model patterns use syntax Java lacks; those are not enforced rather than rejecting every request.
    return PATTERNS.computeIfAbsent(pattern, SchemaValidator::compile).map(p -> p.matcher(text).find()).orElse(true);
  }

  private static Optional<Pattern> compile(String pattern) {
    try {
      return Optional.of(Pattern.compile(pattern));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }
}
