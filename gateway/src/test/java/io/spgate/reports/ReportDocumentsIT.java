package io.spgate.reports;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.Eventually;
import io.spgate.SimulatedAmazon;
import io.spgate.TestGateway;
import io.spgate.seller.Seller;
import io.spgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Report documents streamed from the simulator's storage: charsets, gzip traps, conversions, ranges, expired links, a caller that leaves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDocumentsIT {

  private static final String LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA";
  private static final String US = "ATVPDKIKX0DER";
  private static final String DE = "A1PA6795UKMFR9";
  private static final String JP = "A1VC38T7YXB528";

  private ReportsStack stack;

  @BeforeAll
  void start() {
    stack = ReportsStack.start(new SimulatorOptions().sellers(30).reportDelays(200, 300));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void should_serve_every_document_in_utf8_whatever_charset_amazon_wrote_it_in() {
    for (String marketplace : List.of(US, DE, JP)) {
      JsonObject job = doneListings(sellerIn(marketplace));
      HttpResponse<Buffer> raw = document(job, "raw");
      HttpResponse<Buffer> tsv = document(job, "tsv");
      Charset written = Charset.forName(amazonsCharset(raw.getHeader("Content-Type")));

      String expected = new String(gunzip(raw.body().getBytes()), written);
      assertThat(raw.getHeader("Content-Disposition")).endsWith(".gz\"");
      assertThat(tsv.getHeader("Content-Type")).isEqualTo("text/tab-separated-values; charset=utf-8");
      assertThat(tsv.body().getBytes()).as(marketplace).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
      if (marketplace.equals(JP)) {
        assertThat(tsv.bodyAsString()).contains("①").contains("～").contains("髙");
      } else if (marketplace.equals(DE)) {
        assertThat(tsv.bodyAsString()).contains("€").contains("“Spécial”").contains("Größe");
      }
    }
  }

  @Test
  void should_convert_tab_separated_reports_to_ndjson_and_csv_row_by_row() throws IOException {
    JsonObject job = doneListings(sellerIn(US));
    List<String> lines = Arrays.asList(document(job, "tsv").bodyAsString().split("\r?\n"));
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    HttpResponse<Buffer> ndjson = document(job, "ndjson");
    HttpResponse<Buffer> csv = document(job, "csv");
    List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv.bodyAsString())).getRecords();
    List<String> objects = Arrays.asList(ndjson.bodyAsString().split("\n"));

    assertThat(objects).hasSize(lines.size() - 1);
    assertThat(records).hasSize(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      List<String> fields = Arrays.asList(lines.get(i).split("\t", -1));
      JsonObject row = new JsonObject(objects.get(i - 1));
      assertThat(row.fieldNames()).containsExactlyInAnyOrderElementsOf(header);
      for (int f = 0; f < header.size(); f++) {
        assertThat(row.getString(header.get(f))).isEqualTo(f < fields.size() ? fields.get(f) : "");
      }
      assertThat(records.get(i).toList()).isEqualTo(fields);
    }
    assertThat(lines).anyMatch(l -> l.contains("\"")).anyMatch(l -> l.contains(","));
    assertThat(until(() -> stack.job(job.getString("id")).getLong("rowCount", 0L) == lines.size() - 1)).isTrue();
    assertThat(document(job, "ndjson").getHeader("X-Spgate-Report-Rows")).isEqualTo(String.valueOf(lines.size() - 1));
  }

  @Test
  void should_resume_a_raw_download_from_a_byte_offset() {
    JsonObject job = doneListings(sellerIn(US));
    byte[] whole = document(job, "raw").body().getBytes();
    HttpResponse<Buffer> rest = stack.send(stack.gateway().client.get("/v1/reports/" + job.getString("id") + "/document")
        .addQueryParam("format", "raw").putHeader("Range", "bytes=100-"));
    HttpResponse<Buffer> rangeOnTsv = stack.send(stack.gateway().client.get("/v1/reports/" + job.getString("id") + "/document")
        .putHeader("Range", "bytes=100-"));

    assertThat(rest.statusCode()).isEqualTo(206);
    assertThat(rest.getHeader("Content-Range")).startsWith("bytes 100-" + (whole.length - 1) + "/");
    assertThat(rest.body().getBytes()).isEqualTo(Arrays.copyOfRange(whole, 100, whole.length));
    assertThat(rangeOnTsv.statusCode()).isEqualTo(400);
  }

  @Test
  void should_gunzip_exactly_once_whatever_the_headers_claim() {
    JsonObject job = doneListings(sellerIn(US));
    byte[] plain = document(job, "tsv").body().getBytes();
    try {
      stack.amazon.simulator.faults().setDoubleGzipDocuments(true);
      byte[] doubleLabelled = document(job, "tsv").body().getBytes();
      stack.amazon.simulator.faults().setDoubleGzipDocuments(false);
      stack.amazon.simulator.faults().setCompressionAlgorithmMissing(true);
      JsonObject unlabelled = doneListings(sellerIn(US));
      byte[] withoutAlgorithm = document(unlabelled, "tsv").body().getBytes();

      assertThat(doubleLabelled).isEqualTo(plain);
      assertThat(new String(withoutAlgorithm, StandardCharsets.UTF_8)).startsWith(new String(plain, StandardCharsets.UTF_8).split("\n")[0]);
    } finally {
      stack.amazon.simulator.faults().setDoubleGzipDocuments(false);
      stack.amazon.simulator.faults().setCompressionAlgorithmMissing(false);
    }
  }

  @Test
  void should_ask_amazon_for_a_fresh_link_when_the_kept_one_expired() {
    Seller seller = sellerIn(US);
    JsonObject job = doneListings(seller);
    byte[] first = document(job, "raw").body().getBytes();
    long links = stack.amazon.simulator.stats().count(seller.sellingPartnerId(), "getReportDocument", "2xx");
    byte[] kept = document(job, "raw").body().getBytes();
    long linksAfterKept = stack.amazon.simulator.stats().count(seller.sellingPartnerId(), "getReportDocument", "2xx");

    // Amazon's clock moves past the link's five minutes; the gateway still holds it (it keeps links four minutes of its own time).
    stack.amazon.simulator.clock().advance(Duration.ofMinutes(6));
    HttpResponse<Buffer> renewed = document(job, "raw");

    assertThat(kept).isEqualTo(first);
    assertThat(linksAfterKept).isEqualTo(links);
    assertThat(renewed.statusCode()).isEqualTo(200);
    assertThat(renewed.body().getBytes()).isEqualTo(first);
    assertThat(stack.amazon.simulator.stats().count(seller.sellingPartnerId(), "getReportDocument", "2xx")).isEqualTo(links + 1);
  }

  @Test
  void should_stop_the_transfer_from_amazon_when_the_caller_goes_away() {
    JsonObject big = done(sellerIn(US), new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US))
        .put("reportOptions", new JsonObject().put("simulatorRows", "5000000")));
    long cutBefore = stack.amazon.simulator.documents().transfersCut();
    HttpClient client = stack.amazon.vertx.createHttpClient();
    try {
      HttpClientResponse response = await(client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
              .setPort(stack.gateway().port()).setURI("/v1/reports/" + big.getString("id") + "/document?format=ndjson&tenantId=" + stack.tenant)
              .putHeader("Authorization", "Bearer " + SimulatedAmazon.ADMIN_KEY))
          .compose(request -> request.send()));
      assertThat(response.statusCode()).isEqualTo(200);
      Buffer first = await(io.vertx.core.Future.<Buffer>future(got -> {
        response.handler(chunk -> {
          response.pause();
          got.tryComplete(chunk);
        });
        response.exceptionHandler(got::tryFail);
      }));
      assertThat(first.length()).isPositive();
      await(response.request().connection().close());

      assertThat(until(() -> stack.amazon.simulator.documents().transfersCut() > cutBefore)).as("the simulator saw its transfer cut").isTrue();
    } finally {
      await(client.close());
    }
  }

  @Test
  void should_say_why_there_is_no_document() {
    Seller seller = sellerIn(US);
    JsonObject fatal = done(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US))
        .put("reportOptions", new JsonObject().put("simulatorOutcome", "FATAL")));
    HttpResponse<Buffer> explained = document(fatal, "tsv");
    JsonObject fresh = stack.request(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(US)))
        .bodyAsJsonObject();
    HttpResponse<Buffer> notReady = document(fresh, "tsv");

    assertThat(fatal.getString("status")).isEqualTo("FATAL");
    assertThat(explained.statusCode()).isEqualTo(422);
    assertThat(explained.bodyAsJsonObject().getString("code")).isEqualTo("report_fatal");
    assertThat(explained.bodyAsJsonObject().getString("detail")).contains("Amazon says").contains("errorDetails");
    assertThat(notReady.statusCode()).isEqualTo(409);
    assertThat(notReady.bodyAsJsonObject().getString("code")).isEqualTo("report_not_ready");
  }

  @Test
  void should_download_a_settlement_amazon_made_by_its_document_id() {
    Seller seller = sellerIn(US);
    JsonObject listed = stack.send(stack.gateway().client.get("/v1/sellers/" + seller.id() + "/amazon-reports")
        .addQueryParam("reportTypes", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE")).bodyAsJsonObject();
    String documentId = listed.getJsonArray("items").getJsonObject(0).getString("reportDocumentId");

    HttpResponse<Buffer> ndjson = stack.send(stack.gateway().client.get("/v1/sellers/" + seller.id() + "/report-documents/" + documentId)
        .addQueryParam("format", "ndjson"));
    HttpResponse<Buffer> unknown = stack.send(stack.gateway().client.get("/v1/sellers/" + seller.id()
        + "/report-documents/amzn1.spdoc.1.4.na.nothing"));

    assertThat(ndjson.statusCode()).as(ndjson.bodyAsString()).isEqualTo(200);
    assertThat(new JsonObject(ndjson.bodyAsString().split("\n")[0]).getString("settlement-id")).isNotBlank();
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void should_fetch_documents_only_from_amazons_storage() {
    JsonObject job = doneListings(sellerIn(US));
    try (TestGateway strict = TestGateway.start(stack.amazon.gatewaySettings(stack.postgres,
        Map.of("SPGATE_REPORT_DOCUMENT_ORIGINS", "")))) {
      HttpResponse<Buffer> refused = stack.send(strict.client.get("/v1/reports/" + job.getString("id") + "/document"));

      assertThat(refused.statusCode()).isEqualTo(502);
      assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("document_url_refused");
    }
  }

  private Seller sellerIn(String marketplace) {
    return stack.sellers.stream().filter(s -> s.marketplaces().get(0).equals(marketplace)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no demo seller in " + marketplace));
  }

  private JsonObject doneListings(Seller seller) {
    return done(seller, new JsonObject().put("reportType", LISTINGS).put("marketplaceIds", List.of(seller.marketplaces().get(0))));
  }

  /** Requests the report and answers its job once it ended. */
  private JsonObject done(Seller seller, JsonObject request) {
    HttpResponse<Buffer> requested = stack.request(seller, request);
    assertThat(requested.statusCode()).as(requested.bodyAsString()).isEqualTo(202);
    return stack.ended(requested.bodyAsJsonObject().getString("id"));
  }

  private HttpResponse<Buffer> document(JsonObject job, String format) {
    return stack.send(stack.gateway().client.get("/v1/reports/" + job.getString("id") + "/document").addQueryParam("format", format));
  }

  private boolean until(BooleanSupplier condition) {
    return Eventually.holds(stack.amazon.vertx, condition::getAsBoolean);
  }

  /** The charset Amazon's Content-Type names, as the bytes really are (a JP "Shift_JIS" is windows-31j). */
  private static String amazonsCharset(String contentType) {
    String label = contentType.substring(contentType.indexOf("charset=") + 8).trim();
    return switch (label.toLowerCase(java.util.Locale.ROOT)) {
      case "shift_jis" -> "windows-31j";
      case "cp1252" -> "windows-1252";
      default -> label;
    };
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
