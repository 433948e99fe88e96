package io.spgate.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(60)
class ReportDocumentTest {
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(12).timeScale(1000).listingsPerSeller(30));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** Creates a report, waits for DONE and answers the getReportDocument body. */
  private static JsonObject finishedReportDocument(Seller seller, String token, String marketplaceId, JsonObject reportOptions) {
    JsonObject spec = new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA")
        .put("marketplaceIds", new JsonArray().add(marketplaceId));
    if (reportOptions != null) {
      spec.put("reportOptions", reportOptions);
    }
    String reportId = harness.send(HttpMethod.POST, "/reports/2021-06-30/reports", token, spec).bodyAsJsonObject().getString("reportId");
    JsonObject report = harness.pollUntil("/reports/2021-06-30/reports/" + reportId, token,
        r -> "DONE".equals(r.bodyAsJsonObject().getString("processingStatus")), Duration.ofSeconds(10)).bodyAsJsonObject();
    return harness.get("/reports/2021-06-30/documents/" + report.getString("reportDocumentId"), token).bodyAsJsonObject();
  }

  private static List<String> gunzipLines(Buffer body, Charset charset) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return new String(in.readAllBytes(), charset).lines().toList();
    }
  }

  @Test
  void a_listings_report_streams_the_requested_number_of_rows_gzip_compressed() throws IOException {
    Seller seller = harness.sellerIn("na");
    String token = harness.accessToken(seller);
    JsonObject document = finishedReportDocument(seller, token, seller.homeMarketplace().id(),
        new JsonObject().put(ReportsApi.ROWS_OPTION, "5000"));
    assertThat(document.getString("compressionAlgorithm")).isEqualTo("GZIP");
    HttpResponse<Buffer> download = harness.client().getAbs(document.getString("url")).send().await();
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.getHeader("content-encoding")).isNull();
    List<String> lines = gunzipLines(download.body(), Charset.forName("UTF-8"));
    assertThat(lines).hasSize(5001);
    assertThat(lines.get(0)).startsWith("item-name\tlisting-id\tseller-sku\tprice");
    assertThat(lines.get(1).split("\t")).hasSize(12);
    // The first rows are the seller's real listings, as getListingsItem shows them.
    String sku = lines.get(1).split("\t")[2];
    HttpResponse<Buffer> listing = harness.get(
        "/listings/2021-08-01/items/" + seller.sellerId() + "/" + sku + "?marketplaceIds=" + seller.homeMarketplace().id(), token);
    assertThat(listing.statusCode()).isEqualTo(200);
  }

  @Test
  void eu_documents_are_windows_1252_and_jp_documents_shift_jis() throws IOException {
    Seller eu = harness.sellerIn("eu");
    Seller jp = harness.sim().sellers().stream().filter(s -> s.marketplaceIds().contains("A1VC38T7YXB528")).findFirst().orElseThrow();
    checkCharset(eu, eu.homeMarketplace().id(), Charset.forName("windows-1252"));
    checkCharset(jp, "A1VC38T7YXB528", Charset.forName("windows-31j"));
  }

  private static void checkCharset(Seller seller, String marketplaceId, Charset charset) throws IOException {
    String token = harness.accessToken(seller);
    JsonObject document = finishedReportDocument(seller, token, marketplaceId, new JsonObject().put(ReportsApi.ROWS_OPTION, "200"));
    Buffer body = harness.client().getAbs(document.getString("url")).send().await().body();
    List<String> decoded = gunzipLines(body, charset);
    List<String> asUtf8 = gunzipLines(body, Charset.forName("UTF-8"));
    String titles = String.join("\n", decoded.subList(1, decoded.size()));
    assertThat(titles).as("non-ASCII titles decode in %s", charset).containsPattern("[äöüéèñàùç]|[\\u3040-\\u30ff\\u4e00-\\u9fff]");
    assertThat(titles).doesNotContain("\uFFFD");
    assertThat(String.join("\n", asUtf8)).as("the same bytes are not UTF-8").contains("\uFFFD");
  }

  @Test
  void document_urls_expire_and_cannot_be_forged() {
    Seller seller = harness.sellerIn("na");
    String token = harness.accessToken(seller);
    String url = finishedReportDocument(seller, token, seller.homeMarketplace().id(), null).getString("url");
    HttpResponse<Buffer> forged = harness.client().getAbs(url.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=00")).send().await();
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.bodyAsString()).contains("SignatureDoesNotMatch");
  }

  @Test
  void the_double_gzip_trap_labels_the_gzip_document_content_encoding_gzip() throws IOException {
    Seller seller = harness.sellerIn("na");
    String token = harness.accessToken(seller);
    String url = finishedReportDocument(seller, token, seller.homeMarketplace().id(), new JsonObject().put(ReportsApi.ROWS_OPTION, "10"))
        .getString("url");
    harness.sim().faults().setDoubleGzipDocuments(true);
    try {
      HttpResponse<Buffer> download = harness.client().getAbs(url).send().await();
      assertThat(download.getHeader("content-encoding")).isEqualTo("gzip");
      // The body is still the one gzip stream: a client that lets its HTTP stack decode it must not gunzip again.
      assertThat(gunzipLines(download.body(), Charset.forName("UTF-8"))).hasSize(11);
    } finally {
      harness.sim().faults().setDoubleGzipDocuments(false);
    }
  }

  @Test
  void a_report_type_the_simulator_cannot_produce_is_refused() {
    Seller seller = harness.sellerIn("na");
    HttpResponse<Buffer> response = harness.send(HttpMethod.POST, "/reports/2021-06-30/reports", harness.accessToken(seller),
        new JsonObject().put("reportType", "GET_NOTHING").put("marketplaceIds", new JsonArray().add(seller.homeMarketplace().id())));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("InvalidInput");
  }
}
