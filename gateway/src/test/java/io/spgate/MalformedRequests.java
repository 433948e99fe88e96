package io.spgate;

import io.spgate.spapi.Operation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed requests, as bytes on the wire, drawn from a seeded {@link Random} so that a run can be
 * repeated exactly: every operation of openapi.json (the SP-API pass-through with operations of
 * Amazon's models) with its path parameters, queries, headers and bodies bent out of shape; odd
 * paths; and what HTTP clients refuse to send (broken request lines, bad chunks, two lengths, a
 * bad Host, headers and URIs too long). Requests are always framed as they say (a body is as long
 * as its length), so that every one of them can be answered.
 *
 * <p>Left out, as no handler of the gateway ever sees them: request lines with a well-formed but
 * unsupported protocol version (HTTP/2.0 or HTTX/1.1 on an HTTP/1 connection), which Vert.x answers
 * itself with an empty 501; and lines of fewer than three parts ("GET", "GET /"), which Netty skips
 * as noise while it waits for a request (the server's idle timeout ends such connections).
 */
final class MalformedRequests {

  /**
   * One request: a label saying what was bent, its bytes, whether it is a HEAD (answered without a body), whether it goes
   * to the pass-through (answered by Amazon when it gets there), and whether its caller hangs up without waiting for the answer.
   */
  record Request(String label, byte[] bytes, boolean head, boolean passThrough, boolean abandoned) {

    String excerpt() {
      String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
      return text.replace("\r", "\\r").replace("\n", "\\n") + (bytes.length > 300 ? "…(" + bytes.length + " bytes)" : "");
    }
  }

  /** What exists in the gateway under test, so that some requests are valid but for what was bent. */
  record Fixtures(String adminKey, List<String> keys, List<String> tenantIds, List<String> sellerIds, List<String> sellingPartnerIds,
      List<String> marketplaceIds) {}

  static final List<String> BAD_SEGMENTS = List.of("%", "%Z", "%ZZ", "%zz", "%0", "%00", "%0A", "%0D%0A", "%2F", "%2f..", "%2e%2e",
      "%C3%28", "%FF", "%E2%82", "%u0041", "%%", "..", ".", "%20", "a%", "~", "null", "-1", "0", "'", "%3Cscript%3E", ";a=b",
      "@", "+", "%2B", "%5C", "\\", "|", "{}", "[]", "^", "`", "\"", "<x>", "\u00e9", "x".repeat(3000));
  static final List<String> BAD_QUERY_VALUES = List.of("%", "%zz", "%ZZ", "%4", "|", "a|b", "%00", "%20", "+", "%C3%28", "%E2%82",
      "&", "=", "==", "a=%", "[]", "{", "}", "\\", "^", "`", "\"", "<>", "\u00e9", "-1", "0", "1e3", "abc", "true", "null",
      "99999999999999999999", "x".repeat(3000));
  static final List<String> BAD_HEADER_VALUES = List.of("", " ", "%00", "\u00e9", "x".repeat(2000), "-1", "abc", "99999999999999999999",
      "1e3", ",,,", ";", "\"", "null");
  private static final List<String> BODIES = List.of("", "null", "[]", "{}", "\"text\"", "1", "true", "{", "{\"a\":", "}", "[[[[",
      "[".repeat(3000), "{\"a\":".repeat(1000), "\uFEFF{}", "{\"a\":1,\"a\":2}", "1e999999999", "-0", "{\"name\":null}", "{\"name\":1}",
      "{\"name\":\"" + "x".repeat(70_000) + "\"}", "{\"scopes\":\"admin\"}", "{\"scopes\":[\"admin\",1,null]}", "{\"scopes\":[{}]}",
      "{\"marketplaceIds\":{}}", "{\"marketplaceIds\":[null]}", "{\"sellingPartnerId\":[]}", "{\"restrictedResources\":[null]}",
      "{\"status\":\"deleted\"}", "{\"application\":\"%zz\"}", "\u0000\u0001\u0002", "{\"name\":\"a\\u0000b\"}",
      "{\"marketplaceIds\":[\"\\u0000\"],\"sellingPartnerId\":\"\\u0000\"}", "{\"a\\u0000\":1}");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "application/json;charset=ISO-8859-1", "application/json; charset=\"unterminated", "text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data", "multipart/form-data; boundary=xyz", "application/problem+json", "*/*", "", ";", "application/");
  private static final List<String> ODD_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO",
      "get", "PROPFIND");
  private static final List<String> SP_API_QUERY_NAMES = List.of("MarketplaceIds", "marketplaceIds", "CreatedAfter", "NextToken",
      "pageSize", "includedData", "tenantId", "sellerId");
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  private final Random random;
  private final JsonObject document;
  private final List<Map.Entry<String, JsonObject>> operations;
  private final List<Operation> spApiOperations;
  private final Fixtures fixtures;
  private final String host;

  MalformedRequests(long seed, JsonObject document, List<Operation> spApiOperations, Fixtures fixtures, int port) {
    this.random = new Random(seed);
    this.document = document;
    this.operations = List.copyOf(OpenApiDocument.operations(document).entrySet());
    this.spApiOperations = spApiOperations;
    this.fixtures = fixtures;
    this.host = "127.0.0.1:" + port;
  }

  List<Request> generate(int count) {
    List<Request> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(100);
      requests.add(kind < 70 ? documented() : kind < 82 ? oddPath() : protocolViolation());
    }
    return requests;
  }

  /** A documented operation with some of its parts bent. */
  private Request documented() {
    Map.Entry<String, JsonObject> entry = pick(operations);
    String[] methodAndPath = entry.getKey().split(" ", 2);
    JsonObject operation = entry.getValue();
    boolean passThrough = methodAndPath[1].endsWith("/sp-api/{path}");
    String method = chance(12) ? pick(ODD_METHODS) : methodAndPath[0];
    String target = fill(methodAndPath[1], method) + query(operation, passThrough);
    List<String> headers = headers(passThrough);
    byte[] body = operation.containsKey("requestBody") || chance(15) ? body(operation) : null;
    String label = entry.getKey() + " as " + method;
    return request(label, method, target, headers, body, chance(20), passThrough);
  }

  /** Paths that are no route, or that a router may fail to decode. */
  private Request oddPath() {
    String seller = "/v1/sellers/" + pick(fixtures.sellerIds());
    List<Supplier<String>> targets = List.of(
        () -> "/" + pick(BAD_SEGMENTS), () -> "/v1/sellers/" + pick(BAD_SEGMENTS), () -> "/v1/" + pick(BAD_SEGMENTS) + "/x",
        () -> "/v1/tenants/" + pick(BAD_SEGMENTS) + "/keys", () -> seller + "/" + pick(BAD_SEGMENTS),
        () -> seller + "/sp-api", () -> seller + "/sp-api/", () -> seller + "/sp-apix/orders/v0/orders", () -> "/v1/sellers//sp-api/x",
        () -> "/../../etc/passwd", () -> "/%2e%2e/%2e%2e/", () -> "//", () -> "/v1//me", () -> "/v1/me/", () -> "/V1/ME",
        () -> "/v1/me;x=y", () -> "/v1/me%00", () -> "/v1/me%0d%0aX-Injected:%201", () -> "/" + "a/".repeat(900),
        () -> "*", () -> "http://evil.example/v1/me", () -> "/index.html?" + pick(BAD_QUERY_VALUES), () -> "/assets/" + pick(BAD_SEGMENTS),
        () -> "/openapi.json?" + pick(BAD_QUERY_VALUES), () -> "/health/live?" + pick(BAD_QUERY_VALUES),
        () -> "/v1/me?" + pick(BAD_QUERY_VALUES),
        () -> "/oauth/callback?state=" + pick(BAD_QUERY_VALUES) + "&spapi_oauth_code=" + pick(BAD_QUERY_VALUES));
    String target = pick(targets).get();
    String method = chance(70) ? "GET" : pick(ODD_METHODS);
    return request("odd path " + method + " " + shorten(target), method, target, headers(false), chance(10) ? body(new JsonObject()) : null,
        false, target.contains("/sp-api/"));
  }

  /** What an HTTP client will not send. */
  private Request protocolViolation() {
    String auth = "Authorization: Bearer " + pick(fixtures.keys()) + "\r\n";
    String passThrough = "/v1/sellers/" + pick(fixtures.sellerIds()) + "/sp-api/feeds/2021-06-30/documents";
    String target = chance(50) ? "/v1/tenants" : passThrough;
    String h = "Host: " + host + "\r\n";
    String json = "Content-Type: application/json\r\n";
    String body = "{\"name\":\"fuzz\",\"contentType\":\"text/plain\"}";
    List<Supplier<String>> violations = List.of(
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Transfer-Encoding: chunked\r\n\r\n" + pick(List.of("zz", "-1", "",
            "FFFFFFFFFFFFFFFFFFFF", "2;\u0000", "0x2")) + "\r\n{}\r\n0\r\n\r\n",
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Content-Length: " + pick(List.of("abc", "-1", "+2", "2 2", "0x2",
            "99999999999999999999")) + "\r\n\r\n",
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2\r\n{}\r\n0\r\n\r\n",
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Transfer-Encoding: " + pick(List.of("gzip", "chunked, identity",
            "xchunked", "identity")) + "\r\nContent-Length: 2\r\n\r\n{}",
        () -> "POST " + target + " HTTP/1.1\r\n" + h + auth + json + "Expect: " + pick(List.of("foo", "200-ok", "100-continue, foo"))
            + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
        () -> pick(List.of("GET /v1/me HTTP/1.1 extra\r\n", "GET /v1/me HTTP/1\r\n", "GET /v1/me HTTP/x.y\r\n",
            "G\u0000T /v1/me HTTP/1.1\r\n", "GET /v1/me HTTP/1.1\r\n" + h + "NoColon\r\n",
            "GET /v1/me HTTP/1.1\r\n" + h + "Bad Name: x\r\n", "GET /v1/me HTTP/1.1\r\n" + h + ": empty\r\n",
            "GET /v1/me HTTP/1.1\r\n" + h + "X-Folded: a\r\n  b\r\n", "GET /v1/me HTTP/1.1\r\n" + h + "X-Nul: a\u0000b\r\n"))
            + "\r\n",
        () -> "GET /v1/" + "a".repeat(5000) + " HTTP/1.1\r\n" + h + "\r\n",
        () -> "GET /v1/me HTTP/1.1\r\n" + h + "X-Large: " + "a".repeat(10_000) + "\r\n\r\n",
        () -> "GET /v1/me HTTP/1.1\r\n" + h + "X-Many: a\r\n".repeat(600) + "\r\n",
        () -> "GET " + pick(List.of("/v1/me", "/v1/tenants", passThrough, "/", "/%ZZ")) + " HTTP/1.1\r\nHost: " + pick(List.of("%00",
            "a%zz", "%", "%41", "[::1", "a b", "", "x:99999", "x:abc", "\u00e9")) + "\r\n" + auth + "\r\n",
        () -> "GET /v1/me HTTP/1.1\r\n" + h + h + auth + "\r\n",
        () -> "GET /v1/me HTTP/1.1\r\n" + auth + "\r\n",
        () -> "GET /v1/me HTTP/1.0\r\n" + auth + "\r\n",
        () -> "\r\n\r\nGET /v1/me HTTP/1.1\r\n" + h + auth + "\r\n");
    String raw = pick(violations).get();
    return new Request("protocol " + shorten(raw.lines().findFirst().orElse("")), raw.getBytes(StandardCharsets.UTF_8), false,
        raw.contains("/sp-api/"), false);
  }

  /** The path template with its parameters filled: mostly values that exist, sometimes bent ones. */
  private String fill(String template, String method) {
    Matcher parameter = PARAMETER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (parameter.find()) {
      String name = parameter.group(1);
      String value = switch (name) {
        case "path" -> spApiPath();
        case "sellerId" -> chance(75) && (method.equals("GET") || template.contains("/sp-api/")) ? pick(fixtures.sellerIds())
            : chance(50) ? UUID.randomUUID().toString() : pick(BAD_SEGMENTS);
        case "tenantId" -> chance(70) ? pick(fixtures.tenantIds()) : chance(50) ? UUID.randomUUID().toString() : pick(BAD_SEGMENTS);
        default -> chance(60) ? UUID.randomUUID().toString() : pick(BAD_SEGMENTS);
      };
      parameter.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    parameter.appendTail(out);
    return out.toString();
  }

  /** An SP-API path after /sp-api/: an operation of the models with its parameters filled, or something else. */
  private String spApiPath() {
    if (chance(8)) {
      return pick(List.of("", "/", "no/such/operation", "orders/v0/orders/", "orders//v0", "orders/v0/orders/%zz", "%2e%2e/%2e%2e/x",
          "orders/v0/orders/" + pick(BAD_SEGMENTS)));
    }
    Operation operation = pick(spApiOperations);
    Matcher parameter = PARAMETER.matcher(operation.pathTemplate().substring(1));
    StringBuilder out = new StringBuilder();
    while (parameter.find()) {
      String name = parameter.group(1).toLowerCase(Locale.ROOT);
      String value = chance(15) ? pick(BAD_SEGMENTS)
          : name.contains("seller") ? pick(fixtures.sellingPartnerIds())
          : name.contains("marketplace") ? pick(fixtures.marketplaceIds())
          : "X" + random.nextInt(1000);
      parameter.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    parameter.appendTail(out);
    return out.toString();
  }

  private String query(JsonObject operation, boolean passThrough) {
    if (chance(45)) {
      return "";
    }
    List<String> names = new ArrayList<>(passThrough ? SP_API_QUERY_NAMES : List.of("tenantId", "limit", "cursor", "x"));
    for (Object parameter : operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject resolved = resolve((JsonObject) parameter);
      if ("query".equals(resolved.getString("in"))) {
        names.add(resolved.getString("name"));
      }
    }
    StringBuilder query = new StringBuilder("?");
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String name = chance(8) ? pick(BAD_QUERY_VALUES) : pick(names);
      query.append(i == 0 ? "" : "&").append(name).append(chance(5) ? "" : "=" + queryValue(name));
    }
    return query.toString();
  }

  private String queryValue(String name) {
    if (chance(45)) {
      return pick(BAD_QUERY_VALUES);
    }
    return switch (name) {
      case "tenantId" -> pick(fixtures.tenantIds());
      case "sellerId" -> pick(fixtures.sellerIds());
      case "limit", "pageSize" -> String.valueOf(random.nextInt(10));
      case "MarketplaceIds", "marketplaceIds", "marketplaceId" -> pick(fixtures.marketplaceIds());
      case "CreatedAfter" -> "2024-01-01T00%3A00%3A00Z";
      default -> "v" + random.nextInt(100);
    };
  }

  private List<String> headers(boolean passThrough) {
    List<String> headers = new ArrayList<>();
    int auth = random.nextInt(10);
    if (auth < 6) {
      headers.add("Authorization: Bearer " + pick(fixtures.keys()));
    } else if (auth < 9) {
      headers.add("Authorization: " + pick(List.of("Bearer", "Bearer ", "Bearer spg_", "Bearer spg_" + "x".repeat(43), "Basic YTpi",
          "bearer " + pick(fixtures.keys()), "Bearer " + pick(fixtures.keys()) + "x", "Bearer %00", "Bearer " + "x".repeat(4000))));
    }
    if (chance(15)) {
      headers.add("X-Request-Id: " + pick(BAD_HEADER_VALUES));
    }
    if (passThrough || chance(10)) {
      if (chance(40)) {
        headers.add("X-Spgate-Max-Wait: " + (chance(50) ? String.valueOf(random.nextInt(30)) : pick(BAD_HEADER_VALUES)));
      }
      if (chance(25)) {
        headers.add("X-Spgate-Lane: " + (chance(50) ? pick(List.of("urgent", "normal", "bulk", "BULK")) : pick(BAD_HEADER_VALUES)));
      }
      if (chance(20)) {
        headers.add("X-Spgate-Data-Elements: " + (chance(50) ? pick(List.of("buyerInfo", "buyerInfo,shippingAddress", "shippingAddress"))
            : pick(BAD_HEADER_VALUES)));
      }
    }
    if (chance(15)) {
      // A few keys shared by every request: the same key comes back with other routes and bodies, and as a retry.
      headers.add("Idempotency-Key: " + (chance(50) ? pick(List.of("fuzz-1", "fuzz-2", "fuzz-3")) : pick(BAD_HEADER_VALUES)));
    }
    if (chance(10)) {
      headers.add("Accept: " + pick(List.of("application/xml", "*/*;q=abc", "", "text/html", "application/json;q=0")));
    }
    if (chance(10)) {
      headers.add("Accept-Encoding: " + pick(List.of("gzip", "br;q=x", "identity;q=0", "*;q=0", "deflate, gzip;q=1.0, *;q=0.5")));
    }
    if (chance(5)) {
      headers.add("Expect: " + pick(List.of("100-continue", "foo")));
    }
    if (chance(8)) {
      headers.add("Cookie: " + pick(BAD_HEADER_VALUES));
    }
    return headers;
  }

  /** A body for the operation: one of the usual suspects, or its schema's object with fields of the wrong kind. */
  private byte[] body(JsonObject operation) {
    JsonObject schema = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
        .getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
    if (schema != null && chance(50)) {
      JsonObject properties = resolve(schema).getJsonObject("properties", new JsonObject());
      JsonObject body = new JsonObject();
      for (String name : properties.fieldNames()) {
        if (!chance(20)) {
          body.put(name, value());
        }
      }
      return body.encode().getBytes(StandardCharsets.UTF_8);
    }
    return pick(BODIES).getBytes(StandardCharsets.UTF_8);
  }

  private Object value() {
    return switch (random.nextInt(9)) {
      case 0 -> null;
      case 1 -> "x";
      case 2 -> pick(BAD_QUERY_VALUES);
      case 3 -> random.nextInt();
      case 4 -> new JsonArray().add(pick(fixtures.marketplaceIds()));
      case 5 -> new JsonArray().add(1).addNull();
      case 6 -> new JsonObject().put("a", "b");
      case 7 -> true;
      default -> pick(List.of("tenant:read", "tenant:write", "admin", "active", "disabled", "na", "eu", "main",
          UUID.randomUUID().toString()));
    };
  }

  private Request request(String label, String method, String target, List<String> headers, byte[] body, boolean chunked,
      boolean passThrough) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append("\r\n");
    headers.forEach(header -> head.append(header).append("\r\n"));
    if (body != null) {
      head.append("Content-Type: ").append(chance(75) ? "application/json" : pick(CONTENT_TYPES)).append("\r\n");
      head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null && chunked) {
      for (int at = 0; at < body.length; at += 1000) {
        int size = Math.min(1000, body.length - at);
        out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, at, size);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else if (body != null) {
      out.writeBytes(body);
    }
    boolean abandoned = chance(3);
    return new Request(label + (body == null ? "" : chunked ? " with a chunked body" : " with a body") + (abandoned ? ", abandoned" : ""),
        out.toByteArray(), method.equals("HEAD"), passThrough, abandoned);
  }

  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    if (ref == null) {
      return maybeRef;
    }
    JsonObject at = document;
    for (String part : ref.substring(2).split("/")) {
      at = at.getJsonObject(part);
    }
    return at;
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
