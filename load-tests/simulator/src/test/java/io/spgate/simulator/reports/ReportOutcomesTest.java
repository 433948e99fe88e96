package io.spgate.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** How reports end besides DONE, Amazon's own settlement reports, and what getReportDocument hands out. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ReportOutcomesTest {
  private static final double TIME_SCALE = 1000;
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(12).timeScale(TIME_SCALE).listingsPerSeller(30));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static ReportCalls calls(Seller seller) {
    return new ReportCalls(harness, harness.accessToken(seller));
  }

  /** Moves the simulator's clock past {@code simulated} of Amazon time, which the time scale shortens. */
  private static void advance(Duration simulated) {
    harness.sim().clock().advance(Duration.ofMillis((long) Math.ceil(simulated.toMillis() / TIME_SCALE)));
  }

  @Test
  void an_orders_report_over_a_range_without_orders_ends_cancelled_without_a_document() {
    Seller seller = harness.sellerIn("na");
    ReportCalls calls = calls(seller);
    HttpResponse<Buffer> created = calls.create(new JsonObject().put("reportType", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL")
        .put("marketplaceIds", new JsonArray().add(seller.homeMarketplace().id()))
        .put("dataStartTime", "2020-01-01T00:00:00Z").put("dataEndTime", "2020-01-31T00:00:00Z"));
    assertThat(created.statusCode()).isEqualTo(202);
    JsonObject report = calls.awaitEnd(created.bodyAsJsonObject().getString("reportId"));
    assertThat(report.getString("processingStatus")).isEqualTo("CANCELLED");
    assertThat(report.containsKey("reportDocumentId")).isFalse();
    // The same report over the last 30 days has orders: DONE.
    JsonObject withOrders = calls.awaitEnd(calls.create("GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL", seller.homeMarketplace().id(),
        null));
    assertThat(withOrders.getString("processingStatus")).isEqualTo("DONE");
  }

  @Test
  void a_near_real_time_fba_report_asked_again_within_30_minutes_is_accepted_but_cancelled() {
    Seller seller = harness.sellerIn("eu");
    ReportCalls calls = calls(seller);
    String mp = seller.homeMarketplace().id();
    JsonObject first = calls.awaitEnd(calls.create("GET_AFN_INVENTORY_DATA", mp, null));
    assertThat(first.getString("processingStatus")).isEqualTo("DONE");
    JsonObject again = calls.awaitEnd(calls.create("GET_AFN_INVENTORY_DATA", mp, null));
    assertThat(again.getString("processingStatus")).isEqualTo("CANCELLED");
    assertThat(again.containsKey("reportDocumentId")).isFalse();
    // The window is per report type: the other near-real-time type runs.
    assertThat(calls.awaitEnd(calls.create("GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA", mp, null)).getString("processingStatus"))
        .isEqualTo("DONE");
    advance(Duration.ofMinutes(31));
    JsonObject later = calls.awaitEnd(calls.create("GET_AFN_INVENTORY_DATA", mp, null));
    assertThat(later.getString("processingStatus")).isEqualTo("DONE");
    String text = new String(ReportCalls.gunzip(calls.download(calls.document(later.getString("reportDocumentId")).getString("url")).body()),
        StandardCharsets.ISO_8859_1);
    assertThat(text.lines().findFirst().orElseThrow()).startsWith("seller-sku\tfulfillment-channel-sku\tasin");
    assertThat(text.lines().skip(1).toList()).isNotEmpty().allSatisfy(line -> assertThat(line.split("\t")).hasSize(6));
  }

  @Test
  void a_daily_fba_report_runs_at_most_once_per_4_hours() {
    Seller seller = harness.sellerIn("fe");
    ReportCalls calls = calls(seller);
    String mp = seller.homeMarketplace().id();
    String type = "GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA";
    assertThat(calls.awaitEnd(calls.create(type, mp, null)).getString("processingStatus")).isEqualTo("DONE");
    advance(Duration.ofMinutes(40));
    assertThat(calls.awaitEnd(calls.create(type, mp, null)).getString("processingStatus")).isEqualTo("CANCELLED");
    advance(Duration.ofHours(4));
    assertThat(calls.awaitEnd(calls.create(type, mp, null)).getString("processingStatus")).isEqualTo("DONE");
  }

  @Test
  void a_report_asked_to_fail_ends_fatal_with_a_gzip_json_document_saying_why() {
    Seller seller = harness.sellerIn("na");
    ReportCalls calls = calls(seller);
    JsonObject report = calls.awaitEnd(calls.create("GET_MERCHANT_LISTINGS_ALL_DATA", seller.homeMarketplace().id(),
        new JsonObject().put(ReportsApi.OUTCOME_OPTION, "FATAL")));
    assertThat(report.getString("processingStatus")).isEqualTo("FATAL");
    JsonObject document = calls.document(report.getString("reportDocumentId"));
    assertThat(document.getString("compressionAlgorithm")).isEqualTo("GZIP");
    HttpResponse<Buffer> download = calls.download(document.getString("url"));
    JsonObject explanation = new JsonObject(new String(ReportCalls.gunzip(download.body()), StandardCharsets.UTF_8));
    assertThat(explanation.getString("errorDetails")).contains("FATAL");

    HttpResponse<Buffer> refused = calls.create(new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA")
        .put("marketplaceIds", new JsonArray().add(seller.homeMarketplace().id()))
        .put("reportOptions", new JsonObject().put(ReportsApi.OUTCOME_OPTION, "MAYBE")));
    assertThat(refused.statusCode()).isEqualTo(400);
  }

  @Test
  void each_seller_has_amazons_settlement_reports_for_90_days_listed_paged_and_downloadable() {
    Seller seller = harness.seller(3);
    ReportCalls calls = calls(seller);
    String query = "reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE&createdSince=2000-01-01T00:00:00Z&pageSize=3";
    List<JsonObject> listed = new ArrayList<>();
    HttpResponse<Buffer> page = calls.getReports(query);
    int pages = 1;
    page.bodyAsJsonObject().getJsonArray("reports").forEach(r -> listed.add((JsonObject) r));
    while (page.bodyAsJsonObject().getString("nextToken") != null) {
      page = calls.getReports("nextToken=" + page.bodyAsJsonObject().getString("nextToken"));
      page.bodyAsJsonObject().getJsonArray("reports").forEach(r -> listed.add((JsonObject) r));
      pages++;
    }
    // Eight two-week periods exist; the oldest report is past the 90 days Amazon serves.
    assertThat(listed).hasSize(SettlementReports.PERIODS - 1);
    assertThat(pages).isEqualTo(3);
    assertThat(listed).allSatisfy(r -> {
      assertThat(r.getString("processingStatus")).isEqualTo("DONE");
      assertThat(r.getJsonArray("marketplaceIds").getString(0)).isEqualTo(seller.homeMarketplace().id());
    });
    assertThat(listed.get(0).getString("createdTime")).isGreaterThan(listed.get(1).getString("createdTime"));

    List<SettlementReports.Settlement> expected = SettlementReports.of(seller, harness.sim().options().seed(),
        harness.sim().clock().now(), harness.sim().options().listingsPerSeller());
    assertThat(listed.stream().map(r -> r.getString("reportId")).toList())
        .isEqualTo(expected.subList(0, SettlementReports.PERIODS - 1).stream().map(s -> s.report().reportId()).toList());
    HttpResponse<Buffer> oldest = calls.getReport(expected.get(SettlementReports.PERIODS - 1).report().reportId());
    assertThat(oldest.statusCode()).isEqualTo(404);
    assertThat(oldest.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("NotFound");

    JsonObject latest = calls.getReport(listed.get(0).getString("reportId")).bodyAsJsonObject();
    String text = new String(ReportCalls.gunzip(calls.download(calls.document(latest.getString("reportDocumentId")).getString("url")).body()),
        StandardCharsets.ISO_8859_1);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0)).startsWith("settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency");
    String[] summary = lines.get(1).split("\t", -1);
    BigDecimal sum = lines.subList(2, lines.size()).stream().map(l -> new BigDecimal(l.split("\t", -1)[14]))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(new BigDecimal(summary[4])).isEqualByComparingTo(sum);
    assertThat(lines.subList(2, lines.size())).allSatisfy(l -> assertThat(l.split("\t", -1)[0]).isEqualTo(summary[0]));

    HttpResponse<Buffer> requested = calls.create(new JsonObject().put("reportType", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE")
        .put("marketplaceIds", new JsonArray().add(seller.homeMarketplace().id())));
    assertThat(requested.statusCode()).isEqualTo(400);
    assertThat(requested.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("InvalidInput");
  }

  @Test
  void compression_algorithm_can_go_missing_while_the_document_stays_gzip() {
    Seller seller = harness.sellerIn("na");
    ReportCalls calls = calls(seller);
    String documentId = calls.awaitEnd(calls.create("GET_MERCHANT_LISTINGS_ALL_DATA", seller.homeMarketplace().id(), null))
        .getString("reportDocumentId");
    JsonObject faults = harness.client().postAbs(harness.sim().baseUrl() + "/_sim/faults")
        .sendJsonObject(new JsonObject().put("compressionAlgorithmMissing", true)).await().bodyAsJsonObject();
    assertThat(faults.getBoolean("compressionAlgorithmMissing")).isTrue();
    try {
      JsonObject document = calls.document(documentId);
      assertThat(document.containsKey("compressionAlgorithm")).isFalse();
      byte[] body = calls.download(document.getString("url")).body().getBytes();
      assertThat(new byte[] {body[0], body[1]}).isEqualTo(new byte[] {(byte) 0x1f, (byte) 0x8b});
    } finally {
      harness.sim().faults().setCompressionAlgorithmMissing(false);
    }
    assertThat(calls.document(documentId).getString("compressionAlgorithm")).isEqualTo("GZIP");
  }

  @Test
  void enable_content_encoding_url_header_hands_out_a_url_answered_with_content_encoding_gzip() {
    Seller seller = harness.sellerIn("na");
    ReportCalls calls = calls(seller);
    String documentId = calls.awaitEnd(calls.create("GET_MERCHANT_LISTINGS_ALL_DATA", seller.homeMarketplace().id(), null))
        .getString("reportDocumentId");
    String plainUrl = calls.document(documentId).getString("url");
    JsonObject encoded = calls.document(documentId, "?enableContentEncodingUrlHeader=true");
    assertThat(encoded.getString("compressionAlgorithm")).isEqualTo("GZIP");
    HttpResponse<Buffer> withHeader = calls.download(encoded.getString("url"));
    HttpResponse<Buffer> plain = calls.download(plainUrl);
    assertThat(withHeader.getHeader("content-encoding")).isEqualTo("gzip");
    assertThat(plain.getHeader("content-encoding")).isNull();
    // The same single gzip stream either way.
    assertThat(withHeader.body().getBytes()).isEqualTo(plain.body().getBytes());
    // The header is part of the signed URL: added to a plain URL it breaks the signature, as on S3.
    HttpResponse<Buffer> forged = calls.download(plainUrl + "&response-content-encoding=gzip");
    assertThat(forged.statusCode()).isEqualTo(403);
  }
}
