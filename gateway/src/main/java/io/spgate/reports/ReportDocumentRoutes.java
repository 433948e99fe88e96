package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.reports.document.DocumentDownload;
import io.spgate.reports.document.DocumentFormat;
import io.spgate.reports.document.DocumentPipeline;
import io.spgate.reports.document.DocumentRedirectException;
import io.spgate.reports.document.DocumentResponse;
import io.spgate.reports.document.DocumentStorageException;
import io.spgate.reports.document.DocumentStreams;
import io.spgate.reports.document.DocumentUrlException;
import io.spgate.seller.Seller;
import io.spgate.spapi.SpApiException;
import io.spgate.tenant.Scope;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Report documents, streamed from Amazon's storage to the caller in constant memory:
 * {@code GET /v1/reports/{jobId}/document} for a job's report, and
 * {@code GET /v1/sellers/{id}/report-documents/{reportDocumentId}} for one made outside spgate
 * (settlements). {@code ?format=} raw (Amazon's bytes, with Range), tsv (gunzipped once if gzip,
 * in UTF-8; the default), ndjson or csv (converted row by row). A caller that goes away stops the
 * transfer from Amazon at once.
 */
final class ReportDocumentRoutes {

  private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  /** Of a FATAL report's explanation, this much is put in the problem. */
  private static final int EXPLANATION_LIMIT = 4_096;

  private final ReportRoutes reports;
  private final ReportJobStore jobs;
  private final DocumentLinks links;
  private final PerEventLoop<DocumentDownload> downloads;
  private final ReportTypes types;

  ReportDocumentRoutes(ReportRoutes reports, ReportJobStore jobs, DocumentLinks links, PerEventLoop<DocumentDownload> downloads,
      ReportTypes types) {
    this.reports = reports;
    this.jobs = jobs;
    this.links = links;
    this.downloads = downloads;
    this.types = types;
  }

  void mount(Router v1) {
    v1.get("/reports/:jobId/document").handler(this::jobDocument);
    v1.get("/sellers/:sellerId/report-documents/:reportDocumentId").handler(this::sellerDocument);
  }

  private void jobDocument(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_READ);
    UUID jobId = Params.pathId(ctx, "jobId", "Report job");
    DocumentFormat format = format(ctx);
    reports.job(tenant, jobId).compose(job -> reports.seller(tenant, job.sellerId()).compose(seller -> switch (job.status()) {
      case ReportJob.DONE -> {
        expiredAfter90Days(job);
        String name = job.spec().reportType() + "-" + job.amazonReportId().orElse(job.id().toString());
        yield stream(ctx, seller, job.reportDocumentId().orElseThrow(), job.spec().reportType(), name, format, Optional.of(job));
      }
      case ReportJob.FATAL -> explainFatal(seller, job);
      default -> throw notReady(job);
    })).onFailure(e -> fail(ctx, e));
  }

  private void sellerDocument(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_READ);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    String documentId = ctx.pathParam("reportDocumentId");
    if (!DOCUMENT_ID.matcher(documentId).matches()) {
      throw new ApiException(Problem.notFound("Report document " + documentId + " does not exist."));
    }
    DocumentFormat format = format(ctx);
    // Conversions read tab-separated text; a caller that names the type lets spgate refuse them for JSON or XML reports.
    String reportType = Params.query(ctx, "reportType").orElse("");
    reports.seller(tenant, sellerId)
        .compose(seller -> stream(ctx, seller, documentId, reportType, documentId, format, Optional.empty()))
        .onFailure(e -> fail(ctx, e));
  }

  private Future<Void> stream(RoutingContext ctx, Seller seller, String documentId, String reportType, String fileName,
      DocumentFormat format, Optional<ReportJob> job) {
    if ((format == DocumentFormat.NDJSON || format == DocumentFormat.CSV) && !reportType.isEmpty() && !types.tabSeparated(reportType)) {
      throw ReportRequest.invalid(reportType + " documents are not tab-separated: download them as format=raw or format=tsv.");
    }
    Optional<String> range = Optional.ofNullable(ctx.request().getHeader("Range"));
    if (range.isPresent() && format != DocumentFormat.RAW) {
      throw ReportRequest.invalid("A Range applies to Amazon's bytes: ask with format=raw to resume a download.");
    }
    return downloads.get().fetch(links.of(seller, documentId), range).compose(document -> {
      DocumentPipeline pipeline;
      try {
        pipeline = DocumentPipeline.of(format, document.contentType().orElse(null));
      } catch (UnsupportedCharsetException e) {
        document.cancel();
        throw new ApiException(new Problem(502, "document_charset_unknown", "Bad gateway", "Amazon's document says it is in "
            + e.getCharsetName() + ", a charset spgate cannot decode; download it as format=raw."));
      }
      HttpServerResponse response = ctx.response();
      // A caller that goes away stops the transfer from Amazon at once, not when the pipeline next writes.
      response.closeHandler(closed -> {
        if (!response.ended()) {
          document.cancel();
        }
      });
      describe(response, document, format, reportType, fileName, job);
      Future<Void> sent = DocumentStreams.pipe(document.flowable().compose(pipeline), response);
      return sent.onSuccess(v -> job.filter(j -> pipeline.rows() > 0 && j.rowCount().isEmpty())
          .ifPresent(j -> jobs.rowCount(j.id(), pipeline.rows())));
    });
  }

  private static void describe(HttpServerResponse response, DocumentResponse document, DocumentFormat format, String reportType,
      String fileName, Optional<ReportJob> job) {
    boolean raw = format == DocumentFormat.RAW;
    response.setStatusCode(raw ? document.status() : 200);
    if (!reportType.isEmpty()) {
      response.putHeader("X-Spgate-Report-Type", reportType);
    }
    job.flatMap(ReportJob::rowCount).ifPresent(rows -> response.putHeader("X-Spgate-Report-Rows", String.valueOf(rows)));
    if (raw) {
      // Amazon's bytes as a file: its Content-Encoding (sometimes claimed) would make clients unpack them on the way.
      boolean gzip = document.link().compressionAlgorithm().map("GZIP"::equalsIgnoreCase).orElse(false)
          || "gzip".equalsIgnoreCase(document.headers().get("content-encoding"));
      response.putHeader(HttpHeaders.CONTENT_TYPE, document.contentType().orElse(format.contentType()));
      copy(document, response, "content-length");
      copy(document, response, "content-range");
      response.putHeader("Accept-Ranges", "bytes");
      response.putHeader("Content-Disposition", "attachment; filename=\"" + fileName + (gzip ? ".gz" : "") + "\"");
      if (document.headers().get("content-length") == null) {
        response.setChunked(true);
      }
    } else {
      response.putHeader(HttpHeaders.CONTENT_TYPE, format.contentType());
      response.putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "." + format.extension() + "\"");
      response.setChunked(true);
    }
  }

  private static void copy(DocumentResponse document, HttpServerResponse response, String header) {
    String value = document.headers().get(header);
    if (value != null) {
      response.putHeader(header, value);
    }
  }

  /** A FATAL report's document is Amazon's explanation: it goes into the problem, as far as it is short. */
  private Future<Void> explainFatal(Seller seller, ReportJob job) {
    if (job.reportDocumentId().isEmpty()) {
      throw fatal(job, "Amazon gave no explanation.");
    }
    return downloads.get().fetch(links.of(seller, job.reportDocumentId().get()), Optional.empty()).compose(document -> {
      Buffer text = Buffer.buffer();
      return document.flowable().compose(DocumentPipeline.of(DocumentFormat.TSV, document.contentType().orElse(null)))
          .takeUntil(chunk -> text.length() >= EXPLANATION_LIMIT)
          .doOnNext(chunk -> text.appendBuffer(chunk.length() > EXPLANATION_LIMIT ? chunk.slice(0, EXPLANATION_LIMIT) : chunk))
          .ignoreElements()
          .to(c -> Future.<Void>future(p -> c.subscribe(p::complete, p::fail)))
          .transform(read -> {
            String said = text.length() > EXPLANATION_LIMIT ? text.getString(0, EXPLANATION_LIMIT) : text.toString();
            throw fatal(job, read.succeeded() ? "Amazon says: " + said.strip() : "Its explanation could not be read.");
          });
    });
  }

  private static ApiException fatal(ReportJob job, String explanation) {
    return new ApiException(new Problem(422, "report_fatal", "Unprocessable entity", "Amazon could not make report "
        + job.amazonReportId().orElse("") + " (" + job.spec().reportType() + "). " + explanation));
  }

  private static ApiException notReady(ReportJob job) {
    if (job.open()) {
      return new ApiException(Problem.conflict("report_not_ready", "Job " + job.id() + " is " + job.status()
          + "; its document can be downloaded once it is DONE (spgate asks Amazon again at " + job.nextStepAt() + ")."));
    }
    String why = job.problemCode().map(code -> code + ": " + job.problemDetail().orElse("")).orElse(job.status());
    return new ApiException(Problem.conflict("report_without_document", "Job " + job.id() + " ended " + job.status()
        + " with no report to download (" + why + ")."));
  }

  /** Amazon keeps reports 90 days; a download after that would fail at S3 with a bare error. */
  private static void expiredAfter90Days(ReportJob job) {
    Instant made = job.amazonCreatedAt().orElse(job.createdAt()).toInstant();
    if (made.plus(ReportJobWorker.AMAZON_KEEPS).isBefore(Instant.now())) {
      throw new ApiException(new Problem(410, "report_expired", "Gone", "Report " + job.amazonReportId().orElse("") + " was made on "
          + made + "; Amazon keeps reports for 90 days. Request it again."));
    }
  }

  private static DocumentFormat format(RoutingContext ctx) {
    return Params.query(ctx, "format").map(name -> DocumentFormat.parse(name)
            .orElseThrow(() -> ReportRequest.invalid("'format' must be raw, tsv, ndjson or csv.")))
        .orElse(DocumentFormat.TSV);
  }

  /** Before the answer started: a problem. After: the connection is cut, so a partial document never looks whole. */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.fail(problemFor(e));
  }

  private static Throwable problemFor(Throwable e) {
    if (e instanceof DocumentUrlException refused) {
      return new ApiException(new Problem(502, "document_url_refused", "Bad gateway",
          "Amazon's answer named a document URL spgate does not fetch: " + refused.getMessage()));
    }
    if (e instanceof DocumentRedirectException redirected) {
      return new ApiException(new Problem(502, "document_redirect_refused", "Bad gateway",
          "Amazon's storage answered with a redirect, which spgate does not follow: " + redirected.getMessage()));
    }
    if (e instanceof SpApiException) {
      return AmazonReports.asProblem(e);
    }
    if (e instanceof DocumentStorageException storage) {
      return new ApiException(new Problem(502, "document_storage_error", "Bad gateway",
          "Amazon's storage refused the document: " + storage.getMessage()));
    }
    return e;
  }
}
