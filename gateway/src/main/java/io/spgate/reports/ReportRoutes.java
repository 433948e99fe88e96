package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.reports.AmazonReports.AmazonReport;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Report jobs: {@code POST /v1/sellers/{id}/reports} asks Amazon for a report (or serves a recent
 * DONE one again), {@code GET /v1/reports[/{id}]} follows them, {@code POST /v1/reports/{id}/cancel}
 * stops one; {@code GET /v1/report-types} lists the types spgate knows rules for, and
 * {@code GET /v1/sellers/{id}/amazon-reports} lists a seller's reports at Amazon (those Amazon makes
 * by itself, such as settlements, included). {@link ReportJobWorker} moves the jobs along.
 */
final class ReportRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;

  private final ReportJobStore jobs;
  private final SellerStore sellers;
  private final AmazonReports amazon;
  private final ReportTypes types;

  ReportRoutes(ReportJobStore jobs, SellerStore sellers, AmazonReports amazon, ReportTypes types) {
    this.jobs = jobs;
    this.sellers = sellers;
    this.amazon = amazon;
    this.types = types;
  }

  void mount(Router v1) {
    v1.get("/report-types").handler(ctx -> Json.send(ctx, 200, new JsonObject().put("items", types.toJson())));
    v1.post("/sellers/:sellerId/reports").handler(this::request);
    v1.get("/sellers/:sellerId/amazon-reports").handler(this::amazonReports);
    v1.get("/reports").handler(this::list);
    v1.get("/reports/:jobId").handler(this::get);
    v1.post("/reports/:jobId/cancel").handler(this::cancel);
  }

  private void request(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    JsonObject body = Json.body(ctx);
    seller(tenant, sellerId).compose(seller -> {
      ReportRequest request = ReportRequest.parse(body, seller, types);
      return reusable(tenant, seller, request).compose(reused -> reused.isPresent()
          ? Future.succeededFuture(Map.entry(200, reused.get()))
          : notTooSoon(seller, request.spec()).compose(v -> jobs.create(tenant, seller.id(), Optional.empty(), request.spec()))
              .map(created -> Map.entry(202, created)));
    }).onComplete(done -> {
      if (done.succeeded()) {
        Json.send(ctx, done.result().getKey(), done.result().getValue().toJson());
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /**
   * A DONE report of the same specification made within {@code reuseWithin}: one of this tenant's
   * jobs first; else, when no report options were asked for (getReports does not show them), one
   * Amazon lists. Listings reports ignore the range, so only their type and marketplaces must match.
   */
  private Future<Optional<ReportJob>> reusable(UUID tenant, Seller seller, ReportRequest request) {
    if (request.reuseWithin().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    ReportSpec spec = request.spec();
    boolean datesIgnored = types.get(spec.reportType()).map(ReportTypes.ReportType::datesIgnored).orElse(false);
    Instant since = Instant.now().minus(request.reuseWithin().get());
    return jobs.doneLike(seller.id(), spec, datesIgnored, since.atOffset(java.time.ZoneOffset.UTC)).compose(own -> {
      if (own.isPresent()) {
        return jobs.createReused(tenant, seller.id(), spec, own.get().amazonReportId().orElseThrow(),
            own.get().reportDocumentId().orElseThrow()).map(Optional::of);
      }
      if (!spec.reportOptions().isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      return amazon.list(seller, List.of(spec.reportType()), List.of(ReportJob.DONE), spec.marketplaceIds(), Optional.of(since), 100,
              Optional.empty())
          .recover(e -> Future.failedFuture(AmazonReports.asProblem(e)))
          .map(page -> page.reports().stream().filter(r -> sameAs(r, spec, datesIgnored)).findFirst())
          .compose(found -> found.isEmpty() ? Future.succeededFuture(Optional.<ReportJob>empty())
              : jobs.createReused(tenant, seller.id(), spec, found.get().reportId(), found.get().reportDocumentId().orElseThrow())
                  .map(Optional::of));
    });
  }

  private static boolean sameAs(AmazonReport report, ReportSpec spec, boolean datesIgnored) {
    return report.reportDocumentId().isPresent()
        && new HashSet<>(report.marketplaceIds()).equals(new HashSet<>(spec.marketplaceIds()))
        && (datesIgnored || (report.dataStartTime().equals(spec.dataStartTime().map(OffsetDateTime::toInstant))
            && report.dataEndTime().equals(spec.dataEndTime().map(OffsetDateTime::toInstant))));
  }

  /** Amazon cancels a type requested again within its window (FBA reports): refused here, with when to try, instead of in vain. */
  private Future<Void> notTooSoon(Seller seller, ReportSpec spec) {
    Duration window = types.window(spec.reportType());
    if (window.isZero()) {
      return Future.succeededFuture();
    }
    OffsetDateTime since = OffsetDateTime.now().minus(window);
    return jobs.latestRequested(seller.id(), spec.reportType(), since).map(latest -> {
      if (latest.isPresent()) {
        OffsetDateTime allowed = latest.get().createdAt().plus(window);
        long retryAfter = Math.max(1, Duration.between(OffsetDateTime.now(), allowed).toSeconds());
        throw new ApiException(new Problem(429, "report_too_frequent", "Too many requests", "Amazon allows "
            + spec.reportType() + " once per " + window.toMinutes() + " minutes per seller and cancels the rest; job "
            + latest.get().id() + " asked for it at " + latest.get().createdAt() + ". Reuse it (\"reuseWithin\") or ask again after "
            + allowed + "."), Map.of("Retry-After", String.valueOf(retryAfter)));
      }
      return null;
    });
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    ReportJobStore.Filter filter = new ReportJobStore.Filter(
        Params.query(ctx, "sellerId").map(id -> Params.id(id, "Seller")),
        Params.query(ctx, "reportType"),
        Params.query(ctx, "status").map(s -> {
          if (!ReportJob.ALL.contains(s)) {
            throw ReportRequest.invalid("'status' must be one of " + String.join(", ", ReportJob.ALL.stream().sorted().toList()) + ".");
          }
          return s;
        }),
        Params.query(ctx, "scheduleId").map(id -> Params.id(id, "Schedule")));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<UUID> after = Params.query(ctx, "cursor").map(c -> cursor(c));
    Json.respond(ctx, 200, jobs.list(tenant, filter, after, limit + 1).map(page -> {
      List<ReportJob> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(ReportJob::toJson).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", shown.get(shown.size() - 1).id().toString());
      }
      return json;
    }));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    UUID jobId = Params.pathId(ctx, "jobId", "Report job");
    Json.respond(ctx, 200, job(tenant, jobId).map(ReportJob::toJson));
  }

  /** Amazon cancels a report only while it waits in its queue; one not sent yet is cancelled here. */
  private void cancel(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    UUID jobId = Params.pathId(ctx, "jobId", "Report job");
    Json.respond(ctx, 200, job(tenant, jobId).compose(job -> {
      ReportJobStore.Step cancelled = new ReportJobStore.Step(ReportJob.CANCELLED, Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.of("cancelled_by_caller"), Optional.of("Cancelled through spgate."), Duration.ZERO, false);
      if (job.status().equals(ReportJob.REQUESTED) && job.amazonReportId().isEmpty()) {
        if (job.createRequestedAt().isPresent()) {
          throw new ApiException(Problem.conflict("report_being_created", "Job " + jobId + " is being sent to Amazon right now; "
              + "cancel it again in a few seconds."));
        }
        return jobs.step(job.id(), cancelled).compose(v -> job(tenant, jobId));
      }
      if (!job.status().equals(ReportJob.IN_QUEUE)) {
        throw new ApiException(Problem.conflict("report_not_cancellable", "Job " + jobId + " is " + job.status()
            + ": Amazon cancels a report only while it is IN_QUEUE."));
      }
      return sellers.byId(job.sellerId())
          .compose(seller -> amazon.cancel(seller.orElseThrow(), job.amazonReportId().orElseThrow()))
          .recover(e -> Future.failedFuture(AmazonReports.asProblem(e)))
          .compose(v -> jobs.step(job.id(), cancelled))
          .compose(v -> job(tenant, jobId));
    }).map(ReportJob::toJson));
  }

  /** The seller's reports as Amazon lists them (Amazon's own, such as settlements, included), a page at a time. */
  private void amazonReports(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    Optional<String> nextToken = Params.query(ctx, "nextToken");
    List<String> reportTypes = Params.query(ctx, "reportTypes").map(t -> Arrays.asList(t.split(","))).orElse(List.of());
    if (nextToken.isEmpty() && reportTypes.isEmpty()) {
      throw ReportRequest.invalid("'reportTypes' (comma-separated) is required unless 'nextToken' is given.");
    }
    List<String> statuses = Params.query(ctx, "processingStatuses").map(t -> Arrays.asList(t.split(","))).orElse(List.of());
    Optional<Instant> createdSince = Params.query(ctx, "createdSince").map(raw -> {
      try {
        return OffsetDateTime.parse(raw).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw ReportRequest.invalid("'createdSince' must be an ISO 8601 date-time with an offset.");
      }
    });
    int pageSize = Params.limit(ctx, 20, 100);
    Json.respond(ctx, 200, seller(tenant, sellerId)
        .compose(seller -> amazon.list(seller, reportTypes, statuses, List.of(), createdSince, pageSize, nextToken))
        .recover(e -> Future.failedFuture(AmazonReports.asProblem(e)))
        .map(page -> {
          JsonObject json = new JsonObject().put("items", new JsonArray(page.reports().stream().map(AmazonReport::toJson).toList()));
          page.nextToken().ifPresent(t -> json.put("nextToken", t));
          return json;
        }));
  }

  Future<Seller> seller(UUID tenant, UUID sellerId) {
    return sellers.get(tenant, sellerId)
        .map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist."))));
  }

  Future<ReportJob> job(UUID tenant, UUID jobId) {
    return jobs.get(tenant, jobId)
        .map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Report job " + jobId + " does not exist."))));
  }

  static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }

  private static UUID cursor(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw ReportRequest.invalid("'cursor' is not a cursor this API returned.");
    }
  }
}
