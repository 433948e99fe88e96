package io.spgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files under ops/deploy, read as what they are: YAML and JSON documents, an env file, a systemd unit. */
final class DeployFiles {

  static final Path DEPLOY = Path.of("../ops/deploy");

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployFiles() {}

  /** Files under ops/deploy whose names end with one of {@code endings}, in path order. */
  static List<Path> named(String... endings) throws IOException {
    try (Stream<Path> walk = Files.walk(DEPLOY)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> Stream.of(endings).anyMatch(e -> f.getFileName().toString().endsWith(e)))
          .sorted().toList();
    }
  }

  /** A file's YAML documents (several in one file, separated by ---), or its JSON. */
  static List<JsonNode> documents(Path file) throws IOException {
    if (file.toString().endsWith(".json")) {
      return List.of(JSON.readTree(file.toFile()));
    }
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      return values.readAll();
    }
  }

  /** YAML documents in a string (kubectl's output). */
  static List<JsonNode> yamlDocuments(String text) throws IOException {
    try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      return values.readAll();
    }
  }

  /** KEY=value lines, comments and blank lines left out. */
  static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> values = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(file + ": not KEY=value: " + line);
        }
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return values;
  }

  /** A systemd unit: "Section.Key" to its values, in order (a key may repeat). */
  static Map<String, List<String>> systemdUnit(Path file) throws IOException {
    Map<String, List<String>> keys = new TreeMap<>();
    String section = "";
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
        continue;
      }
      if (trimmed.startsWith("[")) {
        section = trimmed.substring(1, trimmed.indexOf(']'));
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(file + ": not Key=value: " + line);
      }
      keys.computeIfAbsent(section + "." + trimmed.substring(0, eq).trim(), k -> new ArrayList<>()).add(trimmed.substring(eq + 1).trim());
    }
    return keys;
  }

  /** A Grafana dashboard's panels, those inside rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    return panelsIn(dashboard.path("panels"));
  }

  private static List<JsonNode> panelsIn(JsonNode list) {
    List<JsonNode> all = new ArrayList<>();
    list.forEach(panel -> {
      all.add(panel);
      all.addAll(panelsIn(panel.path("panels")));
    });
    return all;
  }
}
