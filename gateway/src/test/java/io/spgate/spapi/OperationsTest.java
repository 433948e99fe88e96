package io.spgate.spapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationsTest {

  private static final Path MODELS = Path.of(System.getProperty("spApiModels.dir", "../../shared/sp-api-models"));
  private static final Operations OPERATIONS = Operations.bundled();

  @Test
  void should_bundle_the_shared_tables_unchanged() throws IOException {
    for (String file : new String[] {"rate-limits.tsv", "operations-without-usage-plan.tsv"}) {
      try (var bundled = Operations.class.getClassLoader().getResourceAsStream("spapi/" + file)) {
        assertThat(new String(bundled.readAllBytes())).as(file).isEqualTo(Files.readString(MODELS.resolve(file)));
      }
    }
  }

  @Test
  void should_know_every_operation_of_the_official_models_and_match_it_by_its_own_path() throws IOException {
    Set<String> modelled = new HashSet<>();
    try (Stream<Path> files = Files.walk(MODELS.resolve("models"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonObject paths = new JsonObject(Files.readString(file)).getJsonObject("paths", new JsonObject());
        paths.forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
          if (op.getValue() instanceof JsonObject operation && operation.containsKey("operationId")) {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            modelled.add(method + " " + path.getKey() + " " + operation.getString("operationId"));
            // Every parameter filled with a plausible value must lead back to this very operation.
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "X1-y_2.z~");
            assertThat(OPERATIONS.match(method, RequestPath.parse(concrete)))
                .as(method + " " + concrete).map(Operation::operationId).contains(operation.getString("operationId"));
          }
        }));
      }
    }
    assertThat(OPERATIONS.all()).hasSize(modelled.size());
  }

  @Test
  void should_prefer_literal_segments_and_tell_methods_apart() {
    assertThat(OPERATIONS.match("GET", RequestPath.parse("/orders/v0/orders/123-4567/address"))).map(Operation::operationId)
        .contains("getOrderAddress");
    assertThat(OPERATIONS.match("GET", RequestPath.parse("/orders/v0/orders/123-4567"))).map(Operation::operationId).contains("getOrder");
    assertThat(OPERATIONS.match("GET", RequestPath.parse("/orders/v0/orders")).flatMap(Operation::modelledRate))
        .map(r -> r.perSecond() + "/" + r.burst()).contains("0.0167/20");
    assertThat(OPERATIONS.match("PUT", RequestPath.parse("/shipping/v2/carrierAccounts/UPS")).flatMap(Operation::modelledRate)
        .map(r -> r.burst())).contains(100);
    assertThat(OPERATIONS.match("POST", RequestPath.parse("/shipping/v2/carrierAccounts/UPS")).flatMap(Operation::modelledRate)
        .map(r -> r.burst())).contains(10);
    assertThat(OPERATIONS.match("GET", RequestPath.parse("/notifications/v1/destinations")).flatMap(Operation::grantlessScope))
        .isPresent();
    assertThat(OPERATIONS.match("GET", RequestPath.parse("/no/such/operation"))).isEmpty();
    assertThatThrownBy(() -> OPERATIONS.resolve("DELETE", RequestPath.parse("/orders/v0/orders")))
        .isInstanceOf(ApiException.class).hasMessageContaining("modelled for GET");
  }

  @Test
  void should_decode_unreserved_characters_before_matching_and_keep_the_rest_encoded() {
    RequestPath path = RequestPath.parse("/orders/v0/%6Frders/123%20ABC%2b");

    assertThat(path.value()).isEqualTo("/orders/v0/orders/123%20ABC%2B");
    assertThat(OPERATIONS.match("GET", path)).map(Operation::operationId).contains("getOrder");
  }

  @Test
  void should_keep_an_encoded_slash_or_backslash_inside_its_segment_as_amazon_reads_a_sku() {
    RequestPath slash = RequestPath.parse("/listings/2021-08-01/items/A1SELLER/BOX%2f12");
    RequestPath backslash = RequestPath.parse("/products/pricing/v0/listings/Item%5C1/offers");

    assertThat(slash.value()).isEqualTo("/listings/2021-08-01/items/A1SELLER/BOX%2F12");
    assertThat(slash.segments()).hasSize(5);
    assertThat(OPERATIONS.match("GET", slash)).map(Operation::operationId).contains("getListingsItem");
    assertThat(backslash.value()).isEqualTo("/products/pricing/v0/listings/Item%5C1/offers");
    assertThat(OPERATIONS.match("GET", backslash)).map(Operation::operationId).contains("getListingOffers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/orders/v0/orders/../../tokens/2021-03-01/restrictedDataToken", "/orders/v0/orders/%2e%2e/x",
      "/orders/v0/orders/.", "/orders/v0%2Forders", "/orders/v0/orders/a%2F..%2F..%2Fx", "/orders/v0/orders/%2e%2e%5Cx",
      "/orders/v0/orders/a%2F%2Fb", "/orders/v0/orders/%2Fa", "/orders/v0/orders/a%5C", "/orders/v0/orders/a\\b",
      "/orders//v0/orders", "/orders/v0/orders/", "http://evil.example/orders/v0/orders", "//evil.example/orders/v0/orders",
      "/orders/v0/orders/%00", "/orders/v0/orders/%zz", "/orders/v0/orders/a b", "/orders/v0/orders/\u00e9", ""})
  void should_refuse_paths_that_could_reach_something_else(String raw) {
    assertThatThrownBy(() -> OPERATIONS.resolve("GET", RequestPath.parse(raw)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.problem().code()).isEqualTo("unknown_operation"));
  }

  @Test
  void should_forward_exactly_the_header_parameters_the_models_declare() throws IOException {
    Set<String> declared = new HashSet<>();
    try (Stream<Path> files = Files.walk(MODELS.resolve("models"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String text = Files.readString(file);
        var matcher = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"in\"\\s*:\\s*\"header\""
            + "|\"in\"\\s*:\\s*\"header\"\\s*,\\s*\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
        while (matcher.find()) {
          declared.add((matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).toLowerCase(Locale.ROOT));
        }
      }
    }
    io.vertx.core.MultiMap caller = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    declared.forEach(name -> caller.add(name, "v"));
    caller.add("Authorization", "Bearer spg_secret").add("Host", "evil.example").add("Cookie", "c=1").add("Connection", "close")
        .add("X-Forwarded-For", "1.2.3.4").add("Content-Type", "application/json");

    Set<String> forwarded = new HashSet<>(ForwardedHeaders.toAmazon(caller).names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());

    assertThat(declared).isNotEmpty();
    assertThat(forwarded).containsAll(declared).contains("content-type")
        .doesNotContain("authorization", "host", "cookie", "connection", "x-forwarded-for");
  }

  @Test
  void should_drop_hop_by_hop_headers_on_the_way_back() {
    io.vertx.core.MultiMap amazon = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("x-amzn-RequestId", "r1")
        .add("x-amzn-RateLimit-Limit", "0.5").add("Connection", "keep-alive, X-Private, x-private").add("Keep-Alive", "timeout=5")
        .add("Transfer-Encoding", "chunked").add("X-Private", "p").add("Content-Type", "application/json");
    io.vertx.core.MultiMap out = io.vertx.core.MultiMap.caseInsensitiveMultiMap();

    ForwardedHeaders.toCaller(amazon, out);

    assertThat(out.names()).containsExactlyInAnyOrder("x-amzn-RequestId", "x-amzn-RateLimit-Limit", "Content-Type");
  }
}
