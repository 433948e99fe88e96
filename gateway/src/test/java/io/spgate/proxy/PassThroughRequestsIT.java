package io.spgate.proxy;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.spgate.LoggedErrors;
import io.spgate.RawHttp;
import io.spgate.SimulatedAmazon;
import io.spgate.seller.Seller;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What of the caller's request reaches Amazon, for an application that signs its calls (SigV4):
 * queries Amazon could not read are refused up front, an admin key's {@code tenantId} stays with
 * the gateway, and a body the gateway never sent does not block the caller's connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassThroughRequestsIT {

  private static final Duration HANG = Duration.ofSeconds(10);

  private ScriptedGateway setup;
  private Seller seller;
  private HttpClient client;

  @BeforeAll
  void start() {
    setup = new ScriptedGateway("Requests",
        amazon -> Map.of("SPGATE_APPLICATIONS_FILE", signingApplication(amazon).toString()));
    seller = setup.seller;
    client = setup.amazon.vertx.createHttpClient();
  }

  @BeforeEach
  void clear() {
    setup.scripted.clear();
  }

  @AfterAll
  void stop() {
    setup.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MarketplaceIds=a|b", "MarketplaceIds=%zz", "MarketplaceIds=%", "MarketplaceIds=%4", "MarketplaceIds={x}",
      "a^b=1", "a=\"quoted\"", "a=`tick`", "a=<b>", "a=b\\c", "a=%C3%A9%"})
  void should_refuse_a_query_amazon_could_not_read_before_anything_is_sent(String query) {
    Map.Entry<Integer, Buffer> answer = get(setup.path("/sellers/v1/marketplaceParticipations") + "?" + query,
        SimulatedAmazon.ADMIN_KEY);

    assertThat(answer.getKey()).as(answer.getValue().toString()).isEqualTo(400);
    assertThat(answer.getValue().toJsonObject().getString("code")).isEqualTo("invalid_query");
    assertThat(setup.scripted.seen).isEmpty();
  }

  @Test
  void should_sign_and_send_a_well_formed_query_as_it_came() {
    String query = "MarketplaceIds=ATVPDKIKX0DER%2CA2EUQ1WTGCTBG2&CreatedAfter=2024-01-01T00%3A00%3A00Z&note=a%7Cb%20c&x=y=z&k=";

    Map.Entry<Integer, Buffer> answer = get(setup.path("/orders/v0/orders") + "?" + query, SimulatedAmazon.ADMIN_KEY);

    assertThat(answer.getKey()).as(answer.getValue().toString()).isEqualTo(200);
    assertThat(setup.scripted.seen).singleElement().satisfies(seen -> {
      assertThat(seen.uri()).isEqualTo("/orders/v0/orders?" + query);
      assertThat(seen.headers().get("Authorization")).startsWith("AWS4-HMAC-SHA256 ");
    });
  }

  @Test
  void should_keep_an_admin_keys_tenant_id_from_amazon() {
    String path = setup.path("/orders/v0/orders");

    Map.Entry<Integer, Buffer> answer = get(path + "?tenantId=" + seller.tenantId() + "&MarketplaceIds=ATVPDKIKX0DER&tenantId=2nd",
        SimulatedAmazon.ADMIN_KEY);

    assertThat(answer.getKey()).as(answer.getValue().toString()).isEqualTo(200);
    assertThat(setup.scripted.seen).singleElement()
        .satisfies(seen -> assertThat(seen.uri()).isEqualTo("/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&tenantId=2nd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer spg_not-a-key", "Bearer " + SimulatedAmazon.ADMIN_KEY + "|unknown-operation"})
  void should_read_past_a_small_body_it_refused_so_the_connection_serves_the_next_request(String refusal) throws IOException {
    boolean unknownOperation = refusal.endsWith("|unknown-operation");
    String key = unknownOperation ? refusal.substring(0, refusal.indexOf('|')) : refusal;
    String path = setup.path(unknownOperation ? "/no/such/operation" : "/feeds/2021-06-30/documents");
    // Larger than Vert.x queues for a paused request (16 chunks of up to 8 KiB), yet well within what is read and dropped.
    String body = "{\"contentType\":\"" + "x".repeat(200 * 1024) + "\"}";
    String chunked = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";

    try (RawHttp connection = new RawHttp(setup.gw.port(), HANG)) {
      RawHttp.Answer byLength = connection.exchange(bytes("POST " + path + " HTTP/1.1\r\nHost: gw\r\nAuthorization: " + key
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body), false);
      RawHttp.Answer byChunks = connection.exchange(bytes("POST " + path + " HTTP/1.1\r\nHost: gw\r\nAuthorization: " + key
          + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked), false);
      RawHttp.Answer next = connection.exchange(bytes("GET /v1/me HTTP/1.1\r\nHost: gw\r\n\r\n"), false);

      assertThat(byLength.status()).isEqualTo(unknownOperation ? 404 : 401);
      assertThat(byChunks.status()).isEqualTo(byLength.status());
      assertThat(next.status()).as(next.bodyText()).isEqualTo(401);
      assertThat(next.bodyText()).contains("missing_api_key");
    }
    assertThat(setup.scripted.seen).isEmpty();
  }

  @Test
  void should_close_the_connection_after_refusing_a_large_body_it_did_not_read() throws IOException {
    try (RawHttp connection = new RawHttp(setup.gw.port(), HANG)) {
      // Only the head: a body left unread when the connection closes would make it a reset that can swallow the answer.
      connection.write(bytes("PUT " + setup.path("/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/SKU-1")
          + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer spg_not-a-key\r\nContent-Type: application/json\r\n"
          + "Content-Length: 104857600\r\n\r\n"));
      RawHttp.Answer refused = connection.read(false);

      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.closes()).as("says it closes: %s", refused.headers()).isTrue();
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void should_count_a_caller_that_hangs_up_mid_answer_as_499_without_logging_an_error() throws IOException {
    setup.scripted.then(ScriptedAmazon.largeBody(64L << 20));
    try (LoggedErrors errors = LoggedErrors.capture()) {
      try (Socket caller = new Socket("127.0.0.1", setup.gw.port())) {
        caller.getOutputStream().write(bytes("GET " + setup.path("/listings/2021-08-01/items/" + seller.sellingPartnerId() + "/SKU-1")
            + "?marketplaceIds=ATVPDKIKX0DER HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + SimulatedAmazon.ADMIN_KEY + "\r\n\r\n"));
        assertThat(new String(caller.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        caller.setSoLinger(true, 0); // hangs up with a reset, mid-answer
      }
      await(setup.scripted.answered.get(0));
      long deadline = System.nanoTime() + HANG.toNanos();
      while (hungUp() == 0 && System.nanoTime() < deadline) {
        await(setup.amazon.vertx.timer(20));
      }

      assertThat(hungUp()).isEqualTo(1);
      assertThat(errors.logged()).isEmpty();
    }
  }

  /** Pass-through calls whose caller hung up before the answer ended, as the request meters count them. */
  private long hungUp() {
    Timer timer = setup.gw.gateway.services().metrics().find("spgate.http.requests").tags("route", "sp-api", "status", "499").timer();
    return timer == null ? 0 : timer.count();
  }

  private Map.Entry<Integer, Buffer> get(String uri, String key) {
    return await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(setup.gw.port())
            .setURI(uri).putHeader("Authorization", "Bearer " + key))
        .compose(r -> r.send().compose(response -> response.body().map(body -> Map.entry(response.statusCode(), body)))));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The simulator's application as "main", with IAM keys, so that every call is signed. */
  private static Path signingApplication(SimulatedAmazon amazon) {
    JsonObject app = amazon.mainApplication();
    try {
      Path file = Files.createTempFile("spgate-signing-applications", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, new JsonArray().add(app.put("aws", new JsonObject().put("accessKeyId", "AKIDEXAMPLE")
          .put("secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))).encode());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
