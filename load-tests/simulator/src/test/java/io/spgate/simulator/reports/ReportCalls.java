package io.spgate.simulator.reports;

import io.spgate.simulator.support.SimHarness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** The Reports API calls the report tests make: create, wait for the end, fetch the document. */
final class ReportCalls {
  static final String REPORTS = "/reports/2021-06-30/reports";
  static final String DOCUMENTS = "/reports/2021-06-30/documents/";
  private static final Set<String> ENDED = Set.of("DONE", "CANCELLED", "FATAL");

  private final SimHarness harness;
  private final String token;

  ReportCalls(SimHarness harness, String token) {
    this.harness = harness;
    this.token = token;
  }

  HttpResponse<Buffer> create(JsonObject spec) {
    return harness.send(HttpMethod.POST, REPORTS, token, spec);
  }

  /** Creates a report and answers its id. */
  String create(String type, String marketplaceId, JsonObject reportOptions) {
    JsonObject spec = new JsonObject().put("reportType", type).put("marketplaceIds", new JsonArray().add(marketplaceId));
    if (reportOptions != null) {
      spec.put("reportOptions", reportOptions);
    }
    HttpResponse<Buffer> response = create(spec);
    if (response.statusCode() != 202) {
      throw new AssertionError("createReport answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("reportId");
  }

  /** Polls getReport until the report is DONE, CANCELLED or FATAL. */
  JsonObject awaitEnd(String reportId) {
    return harness.pollUntil(REPORTS + "/" + reportId, token,
        r -> r.statusCode() == 200 && ENDED.contains(r.bodyAsJsonObject().getString("processingStatus")), Duration.ofSeconds(10))
        .bodyAsJsonObject();
  }

  HttpResponse<Buffer> getReport(String reportId) {
    return harness.get(REPORTS + "/" + reportId, token);
  }

  HttpResponse<Buffer> getReports(String query) {
    return harness.get(REPORTS + "?" + query, token);
  }

  JsonObject document(String reportDocumentId) {
    return document(reportDocumentId, "");
  }

  JsonObject document(String reportDocumentId, String query) {
    HttpResponse<Buffer> response = harness.get(DOCUMENTS + reportDocumentId + query, token);
    if (response.statusCode() != 200) {
      throw new AssertionError("getReportDocument answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** Creates a report, waits for DONE and answers its getReportDocument body. */
  JsonObject doneDocument(String type, String marketplaceId, JsonObject reportOptions) {
    JsonObject report = awaitEnd(create(type, marketplaceId, reportOptions));
    if (!"DONE".equals(report.getString("processingStatus"))) {
      throw new AssertionError("report ended " + report.encode());
    }
    return document(report.getString("reportDocumentId"));
  }

  HttpResponse<Buffer> download(String url) {
    return harness.client().getAbs(url).send().await();
  }

  HttpResponse<Buffer> download(String url, String range) {
    return harness.client().getAbs(url).putHeader("Range", range).send().await();
  }

  static byte[] gunzip(Buffer body) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
