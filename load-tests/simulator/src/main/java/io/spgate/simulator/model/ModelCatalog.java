package io.spgate.simulator.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official SP-API models the simulator serves, read from the copies the build puts under {@code sp-api-models/}
 * on the classpath. An api is named as in rate-limits.tsv: the model file's name without ".json".
 */
public final class ModelCatalog {
  public static final String RESOURCE_ROOT = "sp-api-models/";

  /** The model files of the APIs spgate uses, relative to {@code models/}. */
  public static final List<String> SERVED_MODEL_FILES = List.of(
      "orders-api-model/ordersV0.json",
      "orders-api-model/orders_2026-01-01.json",
      "listings-items-api-model/listingsItems_2021-08-01.json",
      "feeds-api-model/feeds_2021-06-30.json",
      "reports-api-model/reports_2021-06-30.json",
      "product-pricing-api-model/productPricingV0.json",
      "product-pricing-api-model/productPricing_2022-05-01.json",
      "fba-inventory-api-model/fbaInventory.json",
      "tokens-api-model/tokens_2021-03-01.json",
      "sellers-api-model/sellers.json",
      "notifications-api-model/notifications.json");

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

  private final Map<String, ModelOperation> operations = new LinkedHashMap<>();
  private final Map<String, JsonObject> documents = new LinkedHashMap<>();

  private ModelCatalog() {}

  public static ModelCatalog load() {
    ModelCatalog catalog = new ModelCatalog();
    for (String file : SERVED_MODEL_FILES) {
      String api = file.substring(file.indexOf('/') + 1, file.length() - ".json".length());
      catalog.add(api, new JsonObject(readResource(RESOURCE_ROOT + "models/" + file)));
    }
    return catalog;
  }

  public static String readResource(String name) {
    try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name + " (the build copies it from shared/sp-api-models)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(String api, JsonObject document) {
    documents.put(api, document);
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      List<JsonObject> common = parameters(document, item.getJsonArray("parameters"));
      for (String method : METHODS) {
        JsonObject op = item.getJsonObject(method);
        if (op == null) {
          continue;
        }
        List<JsonObject> params = new ArrayList<>(common);
        params.addAll(parameters(document, op.getJsonArray("parameters")));
        JsonObject body = params.stream().filter(p -> "body".equals(p.getString("in"))).map(p -> p.getJsonObject("schema"))
            .findFirst().orElse(null);
        ModelOperation operation = new ModelOperation(
            api, op.getString("operationId"), method.toUpperCase(), path, List.copyOf(params), body,
            op.getJsonObject("responses", new JsonObject()), document);
        operations.put(operation.key(), operation);
      }
    }
  }

  private static List<JsonObject> parameters(JsonObject document, JsonArray declared) {
    List<JsonObject> list = new ArrayList<>();
    if (declared != null) {
      for (int i = 0; i < declared.size(); i++) {
        list.add(SchemaRefs.resolve(document, declared.getJsonObject(i)));
      }
    }
    return list;
  }

  public Optional<ModelOperation> operation(String api, String operationId) {
    return Optional.ofNullable(operations.get(ModelOperation.key(api, operationId)));
  }

  public ModelOperation require(String api, String operationId) {
    return operation(api, operationId)
        .orElseThrow(() -> new IllegalStateException("no operation " + api + "." + operationId + " in the models"));
  }

  public Map<String, ModelOperation> operations() {
    return operations;
  }

  public JsonObject document(String api) {
    return documents.get(api);
  }
}
