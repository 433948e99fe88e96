package io.spgate.simulator.model.validation;

import io.spgate.simulator.model.ModelOperation;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against its operation's parameters and body schema, as Amazon does before any handler runs:
 * missing required parameters, wrong types, bad enum values, list sizes and malformed or non-conforming bodies.
 */
public final class RequestValidator {
  private final ModelOperation operation;

  public RequestValidator(ModelOperation operation) {
    this.operation = operation;
  }

  /** Returns the parsed body (null when the operation takes none); throws {@link InvalidInputException}. */
  public Object validate(MultiMap query, Map<String, String> pathParams, Buffer body) {
    for (JsonObject param : operation.parameters()) {
      String in = param.getString("in");
      String name = param.getString("name");
      if ("query".equals(in)) {
        checkQuery(param, name, query.getAll(name));
      } else if ("path".equals(in)) {
        String value = pathParams.get(name);
        if (value == null || value.isEmpty()) {
          throw new InvalidInputException("Missing required parameter '" + name + "'");
        }
        checkScalar(param, name, value);
      }
    }
    return operation.bodySchema() == null ? null : checkBody(body);
  }

  private Object checkBody(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new InvalidInputException("The request body is missing");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw new InvalidInputException("The request body is not valid JSON");
    }
    if (parsed == null) {
      throw new InvalidInputException("The request body must not be null");
    }
    if (parsed instanceof Map<?, ?> || parsed instanceof List<?>) {
      parsed = parsed instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : new JsonArray((List<?>) parsed);
    }
    SchemaValidator.firstProblem(operation.document(), operation.bodySchema(), parsed, "body").ifPresent(p -> {
      throw new InvalidInputException(p);
    });
    return parsed;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private void checkQuery(JsonObject param, String name, List<String> values) {
    if (values.isEmpty() || values.stream().allMatch(String::isEmpty)) {
      if (param.getBoolean("required", false)) {
        throw new InvalidInputException("Missing required parameter '" + name + "'");
      }
      return;
    }
    if (!"array".equals(param.getString("type"))) {
      checkScalar(param, name, values.get(0));
      return;
    }
    List<String> items = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",", -1)) {
        items.add(item.trim());
      }
    }
    Integer maxItems = param.getInteger("maxItems");
    Integer minItems = param.getInteger("minItems");
    if (maxItems != null && items.size() > maxItems) {
      throw new InvalidInputException("Parameter '" + name + "' accepts at most " + maxItems + " value(s)");
    }
    if (minItems != null && items.size() < minItems) {
      throw new InvalidInputException("Parameter '" + name + "' needs at least " + minItems + " value(s)");
    }
    JsonObject itemSchema = param.getJsonObject("items", new JsonObject());
    for (String item : items) {
      checkScalar(itemSchema, name, item);
    }
  }

  private void checkScalar(JsonObject schema, String name, String raw) {
    Object value = coerce(schema.getString("type", "string"), name, raw);
    SchemaValidator.firstProblem(operation.document(), scalarConstraints(schema), value, "Parameter '" + name + "'").ifPresent(p -> {
      throw new InvalidInputException(p);
    });
  }

  /** A query parameter declares its constraints inline; keep only those that apply to a single value. */
  private static JsonObject scalarConstraints(JsonObject schema) {
    JsonObject constraints = new JsonObject();
    for (String key : List.of("type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "format")) {
      if (schema.containsKey(key)) {
        constraints.put(key, schema.getValue(key));
      }
    }
    return constraints;
  }

  private static Object coerce(String type, String name, String raw) {
    try {
      return switch (type) {
        case "integer" -> Long.parseLong(raw);
        case "number" -> Double.parseDouble(raw);
        case "boolean" -> {
          if (!raw.equals("true") && !raw.equals("false")) {
            throw new NumberFormatException(raw);
          }
          yield Boolean.parseBoolean(raw);
        }
        default -> raw;
      };
    } catch (NumberFormatException e) {
      throw new InvalidInputException("Parameter '" + name + "' must be of type " + type + ", got '" + raw + "'");
    }
  }
}
