package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.quota.Lane;
import io.spgate.reports.document.DocumentLink;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiClient;
import io.spgate.spapi.SpApiException;
import io.spgate.spapi.SpApiRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Reports API 2021-06-30 calls spgate makes for its jobs, each through the pipeline (quotas, tokens, retries). */
final class AmazonReports {

  static final String BASE = "/reports/2021-06-30";

  /** One report as getReport and getReports show it. */
  record AmazonReport(String reportId, String reportType, List<String> marketplaceIds, String processingStatus,
      Optional<String> reportDocumentId, Instant createdTime, Optional<Instant> dataStartTime, Optional<Instant> dataEndTime) {

    static AmazonReport from(JsonObject json) {
      return new AmazonReport(json.getString("reportId"), json.getString("reportType"),
          json.getJsonArray("marketplaceIds", new JsonArray()).stream().map(Object::toString).toList(),
          json.getString("processingStatus"), Optional.ofNullable(json.getString("reportDocumentId")),
          Instant.parse(json.getString("createdTime")), Optional.ofNullable(json.getString("dataStartTime")).map(Instant::parse),
          Optional.ofNullable(json.getString("dataEndTime")).map(Instant::parse));
    }

    JsonObject toJson() {
      return new JsonObject().put("reportId", reportId).put("reportType", reportType).put("marketplaceIds", marketplaceIds)
          .put("processingStatus", processingStatus).put("reportDocumentId", reportDocumentId.orElse(null))
          .put("createdTime", createdTime.toString())
          .put("dataStartTime", dataStartTime.map(Instant::toString).orElse(null))
          .put("dataEndTime", dataEndTime.map(Instant::toString).orElse(null));
    }
  }

  private final SpApiClient spApi;
  private final SpApiClient.CallOptions bulk;
  private final SpApiClient.CallOptions normal;

  /** @param maxWait how long a job's call may wait for its quota slot before the job tries again later */
  AmazonReports(SpApiClient spApi, Duration maxWait) {
    this.spApi = spApi;
    this.bulk = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.BULK));
    this.normal = new SpApiClient.CallOptions(maxWait, Optional.of(Lane.NORMAL));
  }

  /**
   * Amazon's refusal of a call a caller of spgate's own routes made happen, as spgate's problem: the
   * caller asked spgate, not Amazon, so it gets problem+json with Amazon's words in it.
   */
  static Throwable asProblem(Throwable e) {
    if (!(e instanceof SpApiException amazon)) {
      return e;
    }
    String said = "Amazon answered " + amazon.status() + " " + amazon.amazonCode() + ": " + amazon.getMessage();
    return switch (amazon.status()) {
      case 404 -> new ApiException(Problem.notFound(said));
      case 400 -> new ApiException(Problem.badRequest("amazon_refused", said));
      case 403 -> new ApiException(new Problem(403, "amazon_refused", "Forbidden", said));
      default -> new ApiException(new Problem(503, "amazon_unavailable", "Service unavailable", said + " Try again shortly."),
          Map.of("Retry-After", "5"));
    };
  }

  Future<String> create(Seller seller, ReportSpec spec) {
    return spApi.call(seller, SpApiRequest.post(BASE + "/reports", spec.toAmazon()), bulk, r -> r.json().getString("reportId"));
  }

  Future<AmazonReport> get(Seller seller, String reportId) {
    return spApi.call(seller, SpApiRequest.get(BASE + "/reports/" + reportId), bulk, r -> AmazonReport.from(r.json()));
  }

  Future<Void> cancel(Seller seller, String reportId) {
    return spApi.call(seller, SpApiRequest.delete(BASE + "/reports/" + reportId), normal, r -> null);
  }

  /** One page of getReports of one type; {@code statuses} may be empty (any). */
  Future<Page> list(Seller seller, List<String> types, List<String> statuses, List<String> marketplaceIds, Optional<Instant> createdSince,
      int pageSize, Optional<String> nextToken) {
    SpApiRequest request = SpApiRequest.get(BASE + "/reports");
    if (nextToken.isPresent()) {
      request = request.withQuery("nextToken", nextToken.get());
    } else {
      request = request.withQuery("reportTypes", String.join(",", types)).withQuery("pageSize", String.valueOf(pageSize));
      if (!statuses.isEmpty()) {
        request = request.withQuery("processingStatuses", String.join(",", statuses));
      }
      if (!marketplaceIds.isEmpty()) {
        request = request.withQuery("marketplaceIds", String.join(",", marketplaceIds));
      }
      if (createdSince.isPresent()) {
        request = request.withQuery("createdSince", createdSince.get().toString());
      }
    }
    return spApi.call(seller, request, normal, r -> {
      List<AmazonReport> reports = new ArrayList<>();
      r.json().getJsonArray("reports", new JsonArray()).forEach(o -> reports.add(AmazonReport.from((JsonObject) o)));
      return new Page(reports, Optional.ofNullable(r.json().getString("nextToken")));
    });
  }

  record Page(List<AmazonReport> reports, Optional<String> nextToken) {}

  Future<DocumentLink> document(Seller seller, String reportDocumentId) {
    return spApi.call(seller, SpApiRequest.get(BASE + "/documents/" + reportDocumentId), normal,
        r -> new DocumentLink(r.json().getString("url"), Optional.ofNullable(r.json().getString("compressionAlgorithm"))));
  }
}
