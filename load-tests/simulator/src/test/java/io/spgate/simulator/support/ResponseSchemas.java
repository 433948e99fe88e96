package io.spgate.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Validates JSON against a schema with an independent validator (networknt): a definition of a Swagger 2.0 model
 * (draft 4), or a draft 7 schema file such as the feed and notification schemas.
 */
public final class ResponseSchemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResponseSchemas() {}

  /** Problems of {@code json} against {@code schema} (e.g. {"$ref": "#/definitions/X"}) of the Swagger document. */
  public static Set<ValidationMessage> againstModel(JsonObject document, JsonObject schema, String json) {
    JsonObject root = schema.copy().put("definitions", document.getJsonObject("definitions"));
    return validate(SpecVersion.VersionFlag.V4, root, json);
  }

  public static Set<ValidationMessage> againstDraft7(JsonObject schema, String json) {
    return validate(SpecVersion.VersionFlag.V7, schema, json);
  }

  private static Set<ValidationMessage> validate(SpecVersion.VersionFlag version, JsonObject schemaJson, String json) {
    try {
      JsonNode schemaNode = MAPPER.readTree(schemaJson.encode());
      JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(schemaNode, SchemaValidatorsConfig.builder().build());
      return schema.validate(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
