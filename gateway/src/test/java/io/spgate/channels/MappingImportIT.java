package io.spgate.channels;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.spgate.Eventually;
import io.spgate.RawHttp;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Imports of mappings, CSV and NDJSON, streamed from the request into a real database: lines that
 * are not mappings reported by their number while the others are stored, 100,000 lines (several times
 * the gateway's JSON body limit) in one import, and imports refused on the way storing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MappingImportIT {

  private static final String CSV = "text/csv";
  private static final String NDJSON = "application/x-ndjson";

  private ChannelsStack stack;
  private Pool database;
  private final AtomicInteger sellers = new AtomicInteger();

  @BeforeAll
  void start() {
    stack = ChannelsStack.start(new SimulatorOptions().sellers(1).listingsPerSeller(10).ordersPerSeller(0), Map.of());
    database = stack.postgres.pool(stack.amazon.vertx, 1);
  }

  @AfterAll
  void stop() {
    await(database.close());
    stack.close();
  }

  @Test
  void should_import_csv_and_report_each_bad_line_by_its_data_line() {
    String channel = freshChannel();
    String body = "sku,asin,fulfillment,minPrice,maxPrice,stockBuffer\r\n"
        + "CSV-1,B00CSV0001,MFN,9.99,19.99,2\r\n"
        + "CSV-2,bad,MFN,,,\r\n"
        + "\"CSV,3\", B00CSV0003 ,FBA,,,\r\n"
        + "CSV-4,B00CSV0004,MFN,5,4,\r\n"
        + "\r\n"
        + "CSV-5,B00CSV0005,MFN,1,2,3,4\r\n"
        + "\"CSV-6\nX\",B00CSV0006,MFN,,,\r\n"
        + "CSV-7,B00CSV0007,mfn\r\n"
        + "CSV-8,B00CSV0008,MFN,1.001,,";

    HttpResponse<Buffer> answer = stack.importMappings(channel, CSV + "; charset=utf-8", body);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject result = answer.bodyAsJsonObject();
    assertThat(result.getLong("imported")).isEqualTo(3);
    assertThat(result.getLong("rejectedCount")).isEqualTo(5);
    assertThat(result.getJsonArray("rejected")).extracting(r -> ((JsonObject) r).getLong("line"), r -> ((JsonObject) r).getString("code"))
        .containsExactly(tuple(2L, "asin_invalid"), tuple(4L, "price_range_invalid"), tuple(6L, "malformed_line"),
            tuple(7L, "sku_invalid"), tuple(10L, "price_invalid"));
    JsonObject first = mapping(channel, "CSV-1");
    assertThat(first.getJsonObject("guardrails").encode())
        .isEqualTo("{\"minPrice\":9.99,\"maxPrice\":19.99,\"maxChangePercent\":null,\"stockBuffer\":2,\"maxQuantity\":null}");
    assertThat(mapping(channel, "CSV,3").getString("fulfillment")).isEqualTo("FBA");
    assertThat(mapping(channel, "CSV-7").getString("fulfillment")).isEqualTo("MFN");
    assertThat(stack.channel(channel).getLong("mappings")).isEqualTo(3);
  }

  @Test
  void should_import_ndjson_with_nested_or_flat_guardrails_the_last_line_of_a_sku_winning() {
    String channel = freshChannel();
    String body = "{\"sku\":\"ND-1\",\"asin\":\"B00ND00001\",\"fulfillment\":\"FBA\",\"guardrails\":{\"maxQuantity\":10,\"stockBuffer\":1}}\r\n"
        + "{\"sku\":\"ND-2\",\"asin\":\"B00ND00002\",\"fulfillment\":\"MFN\",\"minPrice\":\"3.50\"}\n"
        + "not json\n"
        + "[1,2]\n"
        + "\n"
        + "{\"sku\":\"ND-3\",\"asin\":\"B00ND00003\",\"fulfillment\":\"MFN\",\"conflictStrategy\":\"channel_wins\"}\n"
        + "{\"sku\":\"ND-2\",\"asin\":\"B00ND00002\",\"fulfillment\":\"MFN\",\"minPrice\":4}";

    HttpResponse<Buffer> answer = stack.importMappings(channel, NDJSON, body);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    JsonObject result = answer.bodyAsJsonObject();
    assertThat(result.getLong("imported")).isEqualTo(3);
    assertThat(result.getJsonArray("rejected")).extracting(r -> ((JsonObject) r).getLong("line"), r -> ((JsonObject) r).getString("code"))
        .containsExactly(tuple(3L, "malformed_line"), tuple(4L, "malformed_line"), tuple(6L, "conflict_strategy_invalid"));
    assertThat(mapping(channel, "ND-1").getJsonObject("guardrails").getInteger("maxQuantity")).isEqualTo(10);
    assertThat(mapping(channel, "ND-1").getString("conflictStrategy")).isEqualTo("channel_wins");
    assertThat(((Number) mapping(channel, "ND-2").getJsonObject("guardrails").getValue("minPrice")).doubleValue()).isEqualTo(4.0);
    assertThat(stack.channel(channel).getLong("mappings")).isEqualTo(2);
  }

  @Test
  void should_import_100000_lines_in_one_request() {
    String channel = freshChannel();
    StringBuilder body = new StringBuilder("sku,asin,fulfillment,maxPrice,stockBuffer\n");
    for (int i = 0; i < MappingImport.MAX_ITEMS; i++) {
      body.append("BULK-").append(i).append(",B0").append(String.format("%08d", i)).append(',').append(i % 3 == 0 ? "FBA" : "MFN")
          .append(",99.99,").append(i % 5).append('\n');
    }
    // Well beyond SPGATE_BODY_LIMIT (1 MiB), which bodies read whole are held to.
    assertThat(body.length()).isGreaterThan(3 * 1024 * 1024);

    HttpResponse<Buffer> answer = stack.importMappings(channel, CSV, body.toString());

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getLong("imported")).isEqualTo(100_000);
    assertThat(answer.bodyAsJsonObject().getJsonArray("rejected")).isEmpty();
    assertThat(stack.channel(channel).getLong("mappings")).isEqualTo(100_000);
    assertThat(mapping(channel, "BULK-99999").getString("asin")).isEqualTo("B000099999");
  }

  @Test
  void should_refuse_more_than_100000_lines_and_store_none_of_them() {
    String channel = freshChannel();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i <= MappingImport.MAX_ITEMS; i++) {
      body.append("{\"sku\":\"OVER-").append(i).append("\",\"asin\":\"B00OVER001\",\"fulfillment\":\"MFN\"}\n");
    }

    HttpResponse<Buffer> answer = stack.importMappings(channel, NDJSON, body.toString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.bodyAsJsonObject().getString("code")).isEqualTo("too_many_items");
    assertThat(stack.channel(channel).getLong("mappings")).isZero();
  }

  @Test
  void should_report_a_line_too_long_or_not_utf8_and_go_on() {
    String channel = freshChannel();
    Buffer body = Buffer.buffer("{\"sku\":\"LONG-1\",\"asin\":\"B00LONG001\",\"fulfillment\":\"MFN\",\"x\":\"" + "y".repeat(20_000) + "\"}\n")
        .appendBytes(new byte[] {'{', '"', 's', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'})
        .appendString("{\"sku\":\"LONG-2\",\"asin\":\"B00LONG002\",\"fulfillment\":\"MFN\"}\n");

    HttpResponse<Buffer> answer = stack.send(stack.gateway.client.post("/v1/channels/" + channel + "/mappings/import"), NDJSON, body);

    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getLong("imported")).isEqualTo(1);
    assertThat(answer.bodyAsJsonObject().getJsonArray("rejected")).extracting(r -> ((JsonObject) r).getLong("line"),
        r -> ((JsonObject) r).getString("code")).containsExactly(tuple(1L, "line_too_long"), tuple(2L, "malformed_line"));
  }

  @Test
  void should_refuse_a_csv_without_the_columns_and_a_body_of_another_type() {
    String channel = freshChannel();

    HttpResponse<Buffer> unknownColumn = stack.importMappings(channel, CSV, "sku,asin,fulfillment,colour\nA,B00000000A,MFN,red\n");
    HttpResponse<Buffer> missingColumn = stack.importMappings(channel, CSV, "sku,fulfillment\nA,MFN\n");
    HttpResponse<Buffer> empty = stack.importMappings(channel, CSV, "");
    HttpResponse<Buffer> json = stack.importMappings(channel, "application/json", "[]");
    HttpResponse<Buffer> emptyNdjson = stack.importMappings(channel, NDJSON, "");

    assertThat(unknownColumn.statusCode()).isEqualTo(400);
    assertThat(unknownColumn.bodyAsJsonObject().getString("code")).isEqualTo("csv_header_invalid");
    assertThat(missingColumn.bodyAsJsonObject().getString("code")).isEqualTo("csv_header_invalid");
    assertThat(empty.bodyAsJsonObject().getString("code")).isEqualTo("csv_header_invalid");
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(json.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(emptyNdjson.statusCode()).isEqualTo(200);
    assertThat(emptyNdjson.bodyAsJsonObject().getLong("imported")).isZero();
    assertThat(stack.channel(channel).getLong("mappings")).isZero();
  }

  @Test
  void should_store_nothing_of_a_body_that_breaks_off() throws IOException {
    String channel = freshChannel();
    String lines = "{\"sku\":\"BROKEN-1\",\"asin\":\"B00BROKEN1\",\"fulfillment\":\"MFN\"}\n".repeat(1500);
    String head = "POST /v1/channels/" + channel + "/mappings/import HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + stack.key
        + "\r\nContent-Type: " + NDJSON + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    String chunked = Integer.toHexString(lines.length()) + "\r\n" + lines + "\r\nzz\r\n";

    RawHttp.Answer answer;
    try (RawHttp connection = new RawHttp(stack.gateway.port(), Duration.ofSeconds(30))) {
      answer = connection.exchange((head + chunked).getBytes(StandardCharsets.UTF_8), false);
    }

    assertThat(answer.status()).isEqualTo(400);
    assertThat(new JsonObject(answer.bodyText()).getString("code")).isEqualTo("malformed_body");
    assertThat(Eventually.holds(stack.amazon.vertx, () -> stack.channel(channel).getLong("mappings") == 0)).isTrue();
  }

  @Test
  void should_refuse_an_import_without_a_key_and_serve_the_next_request_on_the_connection() throws IOException {
    String channel = freshChannel();
    String body = "sku,asin,fulfillment\n" + "A,B00000000A,MFN\n".repeat(1000);
    String request = "POST /v1/channels/" + channel + "/mappings/import HTTP/1.1\r\nHost: gw\r\nContent-Type: text/csv\r\n"
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;

    try (RawHttp connection = new RawHttp(stack.gateway.port(), Duration.ofSeconds(30))) {
      RawHttp.Answer refused = connection.exchange(request.getBytes(StandardCharsets.UTF_8), false);
      RawHttp.Answer next = connection.exchange(("GET /v1/me HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + stack.key + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8), false);

      assertThat(refused.status()).isEqualTo(401);
      assertThat(next.status()).isEqualTo(200);
    }
  }

  @Test
  void should_run_one_import_of_a_channel_at_a_time() throws IOException {
    String channel = freshChannel();
    String head = "POST /v1/channels/" + channel + "/mappings/import HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + stack.key
        + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n";
    String first = "sku,asin,fulfillment\nSLOW-1,B00SLOW001,MFN\n";
    try (RawHttp slow = new RawHttp(stack.gateway.port(), Duration.ofSeconds(30))) {
      slow.write((head + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n").getBytes(StandardCharsets.UTF_8));

      // Only once the slow import holds the channel's lock: sent earlier, the second would take it first.
      assertThat(Eventually.holds(stack.amazon.vertx, this::importLockHeld)).as("the slow import holds its lock").isTrue();
      HttpResponse<Buffer> second = stack.importMappings(channel, CSV, "sku,asin,fulfillment\nFAST-1,B00FAST001,MFN\n");
      String rest = "SLOW-2,B00SLOW002,MFN\n";
      slow.write((Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      RawHttp.Answer slowAnswer = slow.read(false);

      assertThat(second.statusCode()).isEqualTo(409);
      assertThat(second.bodyAsJsonObject().getString("code")).isEqualTo("import_in_progress");
      assertThat(slowAnswer.status()).isEqualTo(200);
      assertThat(new JsonObject(slowAnswer.bodyText()).getLong("imported")).isEqualTo(2);
    }
  }

  /** Whether an import's advisory lock is held in the gateway's database (the imports take no other). */
  private boolean importLockHeld() {
    return await(database.query("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()").execute())
        .iterator().next().getLong(0) > 0;
  }

  private JsonObject mapping(String channel, String sku) {
    HttpResponse<Buffer> answer = stack.send(stack.gateway.client.get("/v1/channels/" + channel + "/mappings/"
        + java.net.URLEncoder.encode(sku, StandardCharsets.UTF_8)));
    assertThat(answer.statusCode()).as(sku + ": " + answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  /** A channel of its own for each test: a seller registered for it (imports never reach Amazon). */
  private String freshChannel() {
    Seller seller = stack.registerSeller("AIMPORT" + sellers.incrementAndGet(), "na", "ATVPDKIKX0DER");
    return ChannelsStack.channelId(seller);
  }
}
