package io.spgate.application;

import io.spgate.config.ConfigException;
import io.spgate.quota.Rate;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the LWA applications from SPGATE_APPLICATIONS_FILE, a JSON array of
 * {@code {"id","applicationId","clientId","clientSecret","redirectUri"?,"draft"?,"aws"?:{"accessKeyId","secretAccessKey","roleArn"?},
 * "rates"?:{"<operationId>":{"ratePerSecond","burst"}},"sharedWith"?:["<tenant id>",...]}}: the operator's applications.
 * They are saved (secrets sealed) at start, so the file can be removed afterwards.
 */
public final class ApplicationsFile {

  private ApplicationsFile() {}

  /**
   * One operator's application of the file; {@code sharedWith}, when the entry has it, is the whole set of
   * tenants it is shared with after start (without it, sharing stays as admins set it through the API).
   */
  public record Entry(Application application, Optional<Set<UUID>> sharedWith) {}

  public static List<Entry> read(Path file) {
    String where = "SPGATE_APPLICATIONS_FILE='" + file + "'";
    JsonArray array;
    try {
      array = new JsonArray(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(where + " cannot be read; expected a readable JSON file");
    } catch (DecodeException | ClassCastException e) {
      throw new ConfigException(where + " is not a JSON array; expected [{\"id\",\"applicationId\",\"clientId\",\"clientSecret\",...}]");
    }
    List<Entry> apps = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = where + " entry " + i;
      if (!(array.getValue(i) instanceof JsonObject json)) {
        throw new ConfigException(at + " is not an object; expected {\"id\",\"applicationId\",\"clientId\",\"clientSecret\",...}");
      }
      String id = field(json, "id", at);
      if (!Application.ID.matcher(id).matches() || !ids.add(id)) {
        throw new ConfigException(at + " has id '" + id + "' that is repeated or not 1-64 lower-case letters, digits, _ or -");
      }
      Optional<Application.AwsCredentials> aws = Optional.ofNullable(json.getJsonObject("aws")).map(a ->
          new Application.AwsCredentials(field(a, "accessKeyId", at + " aws"), field(a, "secretAccessKey", at + " aws"),
              Optional.ofNullable(a.getString("roleArn"))));
      apps.add(new Entry(new Application(id, field(json, "applicationId", at),
          new ClientCredentials(field(json, "clientId", at), field(json, "clientSecret", at)),
          Optional.ofNullable(json.getString("redirectUri")), json.getBoolean("draft", false), aws,
          rates(json.getValue("rates") == null ? new JsonObject() : json.getValue("rates"), at + " rates"), Optional.empty()),
          sharedWith(json.getValue("sharedWith"), at)));
    }
    return apps;
  }

  private static Optional<Set<UUID>> sharedWith(Object raw, String at) {
    if (raw == null) {
      return Optional.empty();
    }
    ConfigException invalid = new ConfigException(at + " has 'sharedWith' that is not an array of tenant ids;"
        + " expected [\"<tenant uuid>\", ...]");
    if (!(raw instanceof JsonArray array)) {
      throw invalid;
    }
    Set<UUID> tenants = new HashSet<>();
    for (Object value : array) {
      try {
        tenants.add(UUID.fromString(value instanceof String s ? s : ""));
      } catch (IllegalArgumentException e) {
        throw invalid;
      }
    }
    return Optional.of(Set.copyOf(tenants));
  }

  /** Quota overrides by operationId; whether each operation exists is checked against the models at start. */
  static Map<String, Rate> rates(Object raw, String at) {
    if (!(raw instanceof JsonObject json)) {
      throw new ConfigException(at + " is not an object; expected {\"<operationId>\": {\"ratePerSecond\": n, \"burst\": n}}");
    }
    Map<String, Rate> rates = new TreeMap<>();
    json.forEach(entry -> {
      if (!(entry.getValue() instanceof JsonObject rate) || !(rate.getValue("ratePerSecond") instanceof Number perSecond)
          || !(rate.getValue("burst") instanceof Number burst) || burst.doubleValue() != burst.intValue()) {
        throw new ConfigException(at + " '" + entry.getKey() + "' is not {\"ratePerSecond\": number, \"burst\": integer}");
      }
      try {
        rates.put(entry.getKey(), new Rate(perSecond.doubleValue(), burst.intValue()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(at + " '" + entry.getKey() + "' needs ratePerSecond > 0 and burst >= 1");
      }
    });
    return Map.copyOf(rates);
  }

  private static String field(JsonObject json, String name, String at) {
    Object value = json.getValue(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new ConfigException(at + " has no '" + name + "'; expected a non-empty string");
    }
    return s;
  }
}
