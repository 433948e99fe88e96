package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.reports.AmazonReports.AmazonReport;
import io.spgate.reports.ReportJobStore.Step;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiException;
import io.spgate.store.LeasedRounds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves report jobs along, on whichever instance leases them: creates the report at Amazon (once:
 * a job whose createReport may have gone out before its instance died finds that report in
 * getReports instead of creating another), then polls getReport with growing intervals until DONE,
 * CANCELLED or FATAL. A step holds the job's lease only while it runs; between steps any instance
 * may take the job, so a restart or a second instance just goes on polling.
 */
final class ReportJobWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ReportJobWorker.class);
  static final Duration LEASE = Duration.ofSeconds(120);
  private static final int BATCH = 20;
  /** Amazon serves getReport for 90 days: a report older than that is gone [RG]. */
  static final Duration AMAZON_KEEPS = Duration.ofDays(90);
  /** How far before the createReport call a report found in getReports may have been created (clock skew). */
  private static final Duration CREATED_SLACK = Duration.ofMinutes(2);
  /** An open job spgate could not move for this long (a seller awaiting re-authorization) is given up. */
  private static final Duration GIVE_UP_AFTER = Duration.ofDays(1);

  private final Vertx vertx;
  private final ReportJobStore jobs;
  private final SellerStore sellers;
  private final AmazonReports amazon;
  private final ReportTypes types;
  private final Duration firstPoll;
  private final Duration maxPoll;
  private final LeasedRounds<ReportJob> rounds;

  /** @param firstPoll the first wait for Amazon to process a report; later ones grow by half up to {@code maxPoll} */
  ReportJobWorker(Vertx vertx, ReportJobStore jobs, SellerStore sellers, AmazonReports amazon, ReportTypes types, Duration firstPoll,
      Duration maxPoll) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.sellers = sellers;
    this.amazon = amazon;
    this.types = types;
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
    this.rounds = new LeasedRounds<>("Report jobs", () -> jobs.leaseDue(BATCH, LEASE), this::step);
  }

  /** Every tick, the due jobs leased here are each moved one step. */
  void start(Duration tick) {
    rounds.every(vertx, tick);
  }

  /** No more steps; completes when the steps in hand were recorded. */
  Future<Void> stop() {
    return rounds.stop();
  }

  private Future<Void> step(ReportJob job) {
    return sellers.byId(job.sellerId())
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(failed(job, "seller_gone", "The seller was deleted."));
          }
          Seller seller = found.get();
          if (job.amazonReportId().isPresent()) {
            return poll(seller, job);
          }
          return job.createRequestedAt().isPresent() ? recover(seller, job) : create(seller, job);
        })
        .recover(e -> Future.succeededFuture(afterError(job, e)))
        .compose(step -> jobs.step(job.id(), step))
        .onFailure(e -> LOG.warn("Report job {}: {}", job.id(), e.getMessage()));
  }

  private Future<Step> create(Seller seller, ReportJob job) {
    return jobs.creating(job.id()).compose(stillWanted -> !stillWanted
        ? Future.succeededFuture(closed(ReportJob.CANCELLED, Optional.empty(), Optional.empty(), Optional.empty()))
        : amazon.create(seller, job.spec()).map(reportId -> new Step(ReportJob.IN_QUEUE, Optional.of(reportId), Optional.empty(),
            Optional.of(now()), Optional.empty(), Optional.empty(), firstPoll, false)));
  }

  /** createReport may have gone out before this job's last instance stopped: the report it made, if any, is this job's. */
  private Future<Step> recover(Seller seller, ReportJob job) {
    Instant since = job.createRequestedAt().orElseThrow().toInstant().minus(CREATED_SLACK);
    return amazon.list(seller, List.of(job.spec().reportType()), List.of(), job.spec().marketplaceIds(), Optional.of(since), 100,
            Optional.empty())
        .compose(page -> jobs.adopted(page.reports().stream().map(AmazonReport::reportId).toList()).compose(held -> {
          Optional<AmazonReport> made = page.reports().stream()
              .filter(r -> !held.contains(r.reportId()))
              .filter(r -> new HashSet<>(r.marketplaceIds()).equals(new HashSet<>(job.spec().marketplaceIds())))
              .filter(r -> !r.createdTime().isBefore(since))
              .min((a, b) -> a.createdTime().compareTo(b.createdTime()));
          if (made.isEmpty()) {
            return create(seller, job);
          }
          LOG.info("Report job {}: found report {} created before a restart; not creating another", job.id(), made.get().reportId());
          return Future.succeededFuture(new Step(ReportJob.IN_QUEUE, Optional.of(made.get().reportId()), Optional.empty(),
              Optional.of(made.get().createdTime().atOffset(ZoneOffset.UTC)), Optional.empty(), Optional.empty(), Duration.ZERO, false));
        }));
  }

  private Future<Step> poll(Seller seller, ReportJob job) {
    String reportId = job.amazonReportId().orElseThrow();
    return amazon.get(seller, reportId).compose(report -> switch (report.processingStatus()) {
      case ReportJob.DONE -> Future.succeededFuture(closed(ReportJob.DONE, report.reportDocumentId(), Optional.empty(), Optional.empty()));
      case ReportJob.FATAL -> Future.succeededFuture(closed(ReportJob.FATAL, report.reportDocumentId(), Optional.of("report_fatal"),
          Optional.of("Amazon could not make the report" + report.reportDocumentId()
              .map(d -> "; its document " + d + " says why (GET the job's document).").orElse("."))));
      case ReportJob.CANCELLED -> cancelled(seller, job, report);
      default -> Future.succeededFuture(new Step(report.processingStatus(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), nextPoll(job.polls()), true));
    }).recover(e -> {
      if (e instanceof SpApiException amazonError && amazonError.status() == 404) {
        boolean expired = job.amazonCreatedAt().orElse(job.createdAt()).toInstant().plus(AMAZON_KEEPS).isBefore(Instant.now());
        return Future.succeededFuture(expired
            ? failed(job, "report_expired", "Amazon keeps reports for 90 days; report " + reportId + " is older and gone.")
            : failed(job, "report_not_found", "Amazon does not know report " + reportId + " (anymore)."));
      }
      return Future.failedFuture(e);
    });
  }

  /**
   * Amazon cancels a report that found no data, and one requested more often than the type allows;
   * it does not say which. Another report of the type created within the type's window before this
   * one tells them apart.
   */
  private Future<Step> cancelled(Seller seller, ReportJob job, AmazonReport report) {
    Duration window = types.window(job.spec().reportType());
    if (window.isZero()) {
      return Future.succeededFuture(noData(job));
    }
    return amazon.list(seller, List.of(job.spec().reportType()), List.of(), List.of(), Optional.of(report.createdTime().minus(window)), 100,
        Optional.empty()).map(page -> {
          boolean tooSoon = page.reports().stream()
              .anyMatch(other -> !other.reportId().equals(report.reportId()) && other.createdTime().isBefore(report.createdTime()));
          return tooSoon
              ? closed(ReportJob.CANCELLED, Optional.empty(), Optional.of("report_too_frequent"), Optional.of("Amazon cancelled the "
                  + "report: " + job.spec().reportType() + " may be requested once per " + window.toMinutes() + " minutes per seller, "
                  + "and another was requested less than that before it. Reuse that one (reuseWithin) or request again later."))
              : noData(job);
        }).recover(e -> Future.succeededFuture(noData(job)));
  }

  private static Step noData(ReportJob job) {
    return closed(ReportJob.CANCELLED, Optional.empty(), Optional.of("report_no_data"), Optional.of("Amazon cancelled the report: "
        + "it found no data for " + job.spec().reportType() + " in the range and marketplaces asked for."));
  }

  /** Keeps the job open and tries again later, unless Amazon refused it or it has waited too long. */
  private Step afterError(ReportJob job, Throwable e) {
    if (job.createdAt().toInstant().plus(GIVE_UP_AFTER).isBefore(Instant.now())) {
      return failed(job, "report_given_up", "spgate could not move this job for a day; last error: " + describe(e));
    }
    if (e instanceof SpApiException amazonError && amazonError.status() >= 400 && amazonError.status() < 500
        && amazonError.status() != 429) {
      return failed(job, "amazon_refused", "Amazon refused: " + amazonError.status() + " " + amazonError.amazonCode() + " "
          + amazonError.getMessage());
    }
    if (e instanceof ApiException api && api.problem().code().equals("seller_reauth_required")) {
      return retryLater(job, Duration.ofMinutes(5), Optional.of("seller_reauth_required"),
          "Waiting for the seller to be re-authorized; the job goes on once it is.");
    }
    LOG.info("Report job {}: step failed, trying again: {}", job.id(), describe(e));
    return retryLater(job, nextPoll(job.polls()), Optional.empty(), null);
  }

  private static Step retryLater(ReportJob job, Duration in, Optional<String> code, String detail) {
    return new Step(job.status(), Optional.empty(), Optional.empty(), Optional.empty(), code, Optional.ofNullable(detail), in, false);
  }

  private static Step closed(String status, Optional<String> documentId, Optional<String> code, Optional<String> detail) {
    return new Step(status, Optional.empty(), documentId, Optional.empty(), code, detail, Duration.ZERO, true);
  }

  private static Step failed(ReportJob job, String code, String detail) {
    return new Step(ReportJob.FAILED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(code), Optional.of(detail),
        Duration.ZERO, false);
  }

  /** Polls grow by half from the first wait, up to the longest. */
  private Duration nextPoll(int polls) {
    double millis = firstPoll.toMillis() * Math.pow(1.5, Math.min(polls, 30));
    return Duration.ofMillis((long) Math.min(millis, maxPoll.toMillis()));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
