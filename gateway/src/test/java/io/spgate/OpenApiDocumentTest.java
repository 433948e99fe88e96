package io.spgate;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.http.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** openapi.json is a well-formed OpenAPI 3.0 document; OpenApiIT holds it against the routes. */
class OpenApiDocumentTest {

  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

  private final JsonObject document = OpenApiDocument.load();
  private final Map<String, JsonObject> operations = OpenApiDocument.operations(document);

  @Test
  void should_be_an_openapi_3_0_document() {
    assertThat(document.getString("openapi")).matches("3\\.0\\.\\d+");
    assertThat(document.getJsonObject("info").getString("title")).isEqualTo("spgate");
    assertThat(operations).isNotEmpty();
  }

  @Test
  void should_give_every_operation_a_unique_operation_id() {
    Set<String> seen = new HashSet<>();
    operations.forEach((operation, body) -> {
      String id = body.getString("operationId");
      assertThat(id).as("operationId of %s", operation).isNotBlank();
      assertThat(seen.add(id)).as("operationId %s of %s is used twice", id, operation).isTrue();
    });
  }

  @Test
  void should_resolve_every_ref() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);

    assertThat(refs).isNotEmpty();
    refs.forEach(ref -> assertThat(resolve(ref)).as("$ref %s", ref).isNotNull());
  }

  @Test
  void should_declare_every_path_parameter_of_every_operation() {
    operations.forEach((operation, body) -> {
      String path = operation.substring(operation.indexOf(' ') + 1);
      Set<String> templated = new TreeSet<>();
      Matcher m = TEMPLATE.matcher(path);
      while (m.find()) {
        templated.add(m.group(1));
      }
      Set<String> declared = new TreeSet<>();
      for (Object parameter : body.getJsonArray("parameters", new JsonArray())) {
        JsonObject resolved = dereference((JsonObject) parameter);
        if ("path".equals(resolved.getString("in"))) {
          assertThat(resolved.getBoolean("required")).as("path parameter %s of %s", resolved.getString("name"), operation).isTrue();
          declared.add(resolved.getString("name"));
        }
      }
      assertThat(declared).as("path parameters of %s", operation).isEqualTo(templated);
    });
  }

  @Test
  void should_ask_for_an_api_key_or_a_console_session_on_v1_and_nowhere_else() {
    JsonObject key = new JsonObject().put("apiKey", new JsonArray());
    JsonObject session = new JsonObject().put("consoleSession", new JsonArray());
    operations.forEach((operation, body) -> {
      JsonArray security = body.getJsonArray("security", document.getJsonArray("security", new JsonArray()));
      if (operation.equals("POST /v1/session") || operation.contains("/sp-api/")) {
        assertThat(security).as("security of %s", operation).containsExactly(key);
      } else if (operation.endsWith(" /v1/session")) {
        assertThat(security).as("security of %s", operation).containsExactly(session);
      } else if (operation.contains(" /v1/")) {
        assertThat(security).as("security of %s", operation).containsExactly(key, session);
      } else {
        assertThat(security).as("security of %s", operation).isEmpty();
      }
    });
    JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("apiKey");
    assertThat(scheme.getString("type")).isEqualTo("http");
    assertThat(scheme.getString("scheme")).isEqualTo("bearer");
  }

  @Test
  void should_offer_the_idempotency_key_on_every_mutating_v1_operation_that_reads_a_whole_body() {
    JsonObject key = new JsonObject().put("$ref", "#/components/parameters/IdempotencyKey");
    operations.forEach((operation, body) -> {
      boolean mutating = Set.of("POST", "PUT", "PATCH", "DELETE").contains(operation.substring(0, operation.indexOf(' ')));
      // The pass-through is Amazon's own API, an import streams its body past the keys, the console's sign-in sets a cookie.
      boolean exempt = operation.contains("/sp-api/") || operation.endsWith("/mappings/import") || operation.endsWith(" /v1/session");
      if (mutating && operation.contains(" /v1/") && !exempt) {
        assertThat(body.getJsonArray("parameters")).as("parameters of %s", operation).contains(key);
      }
    });
  }

  @Test
  void should_describe_problems_with_the_fields_the_gateway_writes() {
    JsonObject problem = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
    JsonObject written = new Problem(404, "not_found", "Not found", "x").toJson("request-1");

    assertThat(problem.getJsonObject("properties").fieldNames()).isEqualTo(written.fieldNames());
    assertThat(problem.getJsonArray("required")).containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
  }

  private static void collectRefs(Object node, List<String> refs) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getKey().equals("$ref")) {
          refs.add((String) entry.getValue());
        } else {
          collectRefs(entry.getValue(), refs);
        }
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(value -> collectRefs(value, refs));
    }
  }

  private JsonObject dereference(JsonObject node) {
    return node.containsKey("$ref") ? (JsonObject) resolve(node.getString("$ref")) : node;
  }

  /** A local JSON pointer ({@code #/components/...}) into the document, or null when it leads nowhere. */
  private Object resolve(String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    Object node = document;
    for (String token : ref.substring(2).split("/")) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (!(node instanceof JsonObject object) || !object.containsKey(key)) {
        return null;
      }
      node = object.getValue(key);
    }
    return node;
  }
}
