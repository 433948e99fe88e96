package io.spgate.spapi;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.quota.Rate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every operation of Amazon's official models (bundled copies of shared/sp-api-models'
 * rate-limits.tsv and operations-without-usage-plan.tsv, which together list them all), found by
 * method and concrete path. A path is matched segment by segment, literal segments before
 * parameters (/orders/v0/orders/{id}/address before /orders/v0/orders/{id}), after
 * {@link RequestPath} has refused anything that could reach another resource than the one matched.
 */
public final class Operations {

  private static final String[] FILES = {"spapi/rate-limits.tsv", "spapi/operations-without-usage-plan.tsv"};

  /** One level of the path tree: literal children, a parameter child, and the operations ending here by method. */
  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node parameter;
    final Map<String, Operation> byMethod = new TreeMap<>();
  }

  private final Node root = new Node();
  private final List<Operation> all;

  private Operations(List<Operation> all) {
    this.all = List.copyOf(all);
    all.forEach(this::index);
  }

  /** Reads the bundled tables; call it off the event loop (start-up). */
  public static Operations bundled() {
    List<Operation> operations = new ArrayList<>();
    for (String file : FILES) {
      try (InputStream in = Operations.class.getClassLoader().getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing class path resource " + file);
        }
        operations.addAll(parse(in, file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Operations(operations);
  }

  static List<Operation> parse(InputStream in, String name) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (header == null || !header.startsWith("api\toperationId\tmethod\tpath")) {
      throw new IllegalStateException(name + " has an unexpected header: " + header);
    }
    boolean planned = header.contains("rate_per_s\tburst");
    List<Operation> operations = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isBlank()) {
        String[] f = line.split("\t");
        Optional<Rate> rate = planned ? Optional.of(new Rate(Double.parseDouble(f[4]), Integer.parseInt(f[5]))) : Optional.empty();
        operations.add(new Operation(f[0], f[1], f[2], f[3], rate));
      }
    }
    return operations;
  }

  private void index(Operation operation) {
    Node node = root;
    for (String segment : operation.pathTemplate().substring(1).split("/")) {
      node = segment.startsWith("{")
          ? (node.parameter == null ? (node.parameter = new Node()) : node.parameter)
          : node.literals.computeIfAbsent(segment, s -> new Node());
    }
    if (node.byMethod.putIfAbsent(operation.method(), operation) != null) {
      throw new IllegalStateException("two operations for " + operation.method() + " " + operation.pathTemplate());
    }
  }

  public List<Operation> all() {
    return all;
  }

  /** The operation a method and a normalised path (see {@link RequestPath}) call, if the models have one. */
  public Optional<Operation> match(String method, RequestPath path) {
    return Optional.ofNullable(find(root, path.segments(), 0)).map(node -> node.byMethod.get(method));
  }

  /** The operation, or 404 {@code unknown_operation}: the gateway only relays what the models describe. */
  public Operation resolve(String method, RequestPath path) {
    Node node = find(root, path.segments(), 0);
    if (node == null || node.byMethod.isEmpty()) {
      throw unknown("No SP-API operation of the official models has the path " + path.value() + ".");
    }
    Operation operation = node.byMethod.get(method);
    if (operation == null) {
      throw unknown("The path " + path.value() + " is modelled for " + String.join(", ", node.byMethod.keySet()) + ", not " + method + ".");
    }
    return operation;
  }

  public Optional<Operation> byId(String api, String method, String operationId) {
    return all.stream().filter(o -> o.api().equals(api) && o.method().equals(method) && o.operationId().equals(operationId))
        .findFirst();
  }

  static ApiException unknown(String detail) {
    return new ApiException(new Problem(404, "unknown_operation", "Not found", detail));
  }

  private static Node find(Node node, List<String> segments, int at) {
    if (at == segments.size()) {
      return node.byMethod.isEmpty() ? null : node;
    }
    Node literal = node.literals.get(segments.get(at));
    Node found = literal == null ? null : find(literal, segments, at + 1);
    return found != null || node.parameter == null ? found : find(node.parameter, segments, at + 1);
  }
}
