package io.spgate.simulator.reports;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.documents.Document;
import io.spgate.simulator.documents.DocumentStore;
import io.spgate.simulator.faults.FaultSettings;
import io.spgate.simulator.http.OperationHandler;
import io.spgate.simulator.http.PageTokens;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.spgate.simulator.processing.Processing;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Reports API 2021-06-30. A report moves IN_QUEUE → IN_PROGRESS → DONE on timers (delays divided by the time scale);
 * its document is generated while downloaded. It ends CANCELLED instead when its range holds no data (orders, FBA) or
 * when an FBA report is asked for inside Amazon's window ({@link ReportTypes#FBA_WINDOWS}). Each seller also has
 * Amazon's own settlement reports ({@link SettlementReports}). Reports older than 90 days are not served.
 *
 * <p>Report options for tests: {@value #ROWS_OPTION} sets a listings report's row count, so a test can ask for a
 * document of many GB; {@value #OUTCOME_OPTION} = FATAL ends the report FATAL with a document that says why, = CANCELLED
 * ends it CANCELLED.
 */
public final class ReportsApi {
  public static final String ROWS_OPTION = "simulatorRows";
  public static final String OUTCOME_OPTION = "simulatorOutcome";
  private static final String API = "reports_2021-06-30";
  private static final int MAX_PAGE = 100;

  private final Vertx vertx;
  private final DemoWorld world;
  private final DocumentStore documents;
  private final NotificationPublisher notifications;
  private final SimClock clock;
  private final SimulatorOptions options;
  private final FaultSettings faults;
  private final FbaRequestWindows fbaWindows;
  private final ConcurrentHashMap<String, Report> reports = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Report> reportsByDocument = new ConcurrentHashMap<>();
  /** Sellers whose settlement reports exist: made on the seller's first Reports call, so thousands of sellers cost nothing. */
  private final ConcurrentHashMap<String, Boolean> settled = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(50_000_000_000L);

  public ReportsApi(Vertx vertx, DemoWorld world, DocumentStore documents, NotificationPublisher notifications, SimClock clock,
      SimulatorOptions options, FaultSettings faults) {
    this.vertx = vertx;
    this.world = world;
    this.documents = documents;
    this.notifications = notifications;
    this.clock = clock;
    this.options = options;
    this.faults = faults;
    this.fbaWindows = new FbaRequestWindows(clock);
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createReport", this::createReport);
    routes.serve(API, "getReport", withSettlements(this::getReport));
    routes.serve(API, "getReports", withSettlements(this::getReports));
    routes.serve(API, "cancelReport", withSettlements(this::cancelReport));
    routes.serve(API, "getReportDocument", withSettlements(this::getReportDocument));
  }

  private OperationHandler withSettlements(OperationHandler operation) {
    return request -> {
      Seller seller = request.seller();
      settled.computeIfAbsent(seller.sellerId(), id -> {
        for (SettlementReports.Settlement s : SettlementReports.of(seller, world.seed(), world.epoch(), world.seededListings(seller))) {
          documents.put(s.document());
          reports.put(s.report().reportId(), s.report());
          reportsByDocument.put(s.document().id(), s.report());
        }
        return true;
      });
      operation.handle(request);
    };
  }

  private void createReport(SpApiRequest request) {
    JsonObject spec = request.body();
    String type = spec.getString("reportType");
    if (ReportTypes.SETTLEMENT.equals(type)) {
      throw new InvalidInputException("Report type " + type + " cannot be requested: Amazon generates settlement reports itself");
    }
    if (!ReportTypes.requestable(type)) {
      throw new InvalidInputException("Invalid reportType " + type + "; the simulator serves " + ReportTypes.requestable());
    }
    List<String> marketplaceIds = spec.getJsonArray("marketplaceIds").stream().map(Object::toString).toList();
    request.requireSellerMarketplaces(marketplaceIds);
    JsonObject reportOptions = spec.getJsonObject("reportOptions", new JsonObject());
    Instant now = clock.now();
    Instant end = spec.getString("dataEndTime") == null ? now : Instant.parse(spec.getString("dataEndTime"));
    Instant start = spec.getString("dataStartTime") == null ? end.minus(Duration.ofDays(30))
        : Instant.parse(spec.getString("dataStartTime"));
    Seller seller = request.seller();
    long rows = rows(request, reportOptions);
    Report.Ending ending = ending(seller, type, reportOptions);
    Report report = new Report(Long.toString(ids.incrementAndGet()), seller.sellerId(), type, marketplaceIds, now, start, end, rows,
        ending, new Processing());
    reports.put(report.reportId(), report);
    vertx.setTimer(clock.scaledDelayMillis(options.reportQueueMillis()), t1 -> {
      if (report.processing().start(clock.now())) {
        vertx.setTimer(clock.scaledDelayMillis(options.reportProcessingMillis()), t2 -> complete(seller, report));
      }
    });
    request.reply(202, new JsonObject().put("reportId", report.reportId()));
  }

  private long rows(SpApiRequest request, JsonObject reportOptions) {
    String rows = reportOptions.getString(ROWS_OPTION);
    if (rows == null) {
      return world.store(request.seller()).listings().size();
    }
    try {
      return Long.parseLong(rows);
    } catch (NumberFormatException e) {
      throw new InvalidInputException("reportOptions." + ROWS_OPTION + " must be a whole number");
    }
  }

  /** An FBA report inside its window is accepted but cancelled (the window is checked first); else the outcome option decides. */
  private Report.Ending ending(Seller seller, String type, JsonObject reportOptions) {
    String outcome = reportOptions.getString(OUTCOME_OPTION);
    if (outcome != null && !outcome.equals("FATAL") && !outcome.equals("CANCELLED")) {
      throw new InvalidInputException("reportOptions." + OUTCOME_OPTION + " must be FATAL or CANCELLED");
    }
    Duration window = ReportTypes.FBA_WINDOWS.get(type);
    if (window != null && !fbaWindows.admit(seller.sellerId(), type, window)) {
      return Report.Ending.CANCELLED;
    }
    return outcome == null ? Report.Ending.AS_DATA_ALLOWS : Report.Ending.valueOf(outcome);
  }

  private void complete(Seller seller, Report report) {
    switch (report.ending()) {
      case CANCELLED -> finish(seller, report, "CANCELLED", null);
      case FATAL -> finish(seller, report, "FATAL", fatalExplanation(seller, report));
      case AS_DATA_ALLOWS -> {
        Marketplace marketplace = Marketplace.byId(report.marketplaceIds().get(0)).orElseThrow();
        Supplier<ReportRows> rows = rowsOf(seller, report, marketplace);
        // No rows is Amazon's "no data": CANCELLED, with no document.
        finish(seller, report, rows == null ? "CANCELLED" : "DONE",
            rows == null ? null : new ReportDocument(newDocumentId(seller), seller.sellerId(), ReportCharset.of(marketplace), rows));
      }
    }
  }

  private void finish(Seller seller, Report report, String status, Document document) {
    if (document != null) {
      documents.put(document);
      reportsByDocument.put(document.id(), report);
    }
    String documentId = document == null ? null : document.id();
    if (report.processing().finish(status, documentId, clock.now())) {
      notifications.reportFinished(seller, report.reportId(), report.reportType(), status, documentId);
    }
  }

  private static String newDocumentId(Seller seller) {
    return "amzn1.spdoc.1.4." + seller.region().code() + "." + UUID.randomUUID();
  }

  /** A FATAL report's document: gzip-compressed UTF-8 JSON saying why. */
  private static Document fatalExplanation(Seller seller, Report report) {
    JsonObject explanation = new JsonObject().put("errorDetails", "Report " + report.reportId() + " (" + report.reportType()
        + ") failed: the request asked for a fatal outcome (reportOptions." + OUTCOME_OPTION + "=FATAL).");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(explanation.encode().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Document.Stored(newDocumentId(seller), seller.sellerId(), "application/json;charset=UTF-8",
        Buffer.buffer(bytes.toByteArray()), true);
  }

  /**
   * The rows are read from the seller's data as it is when the report completes, as Amazon's snapshot is; null when
   * an orders or FBA report has nothing to show.
   */
  private Supplier<ReportRows> rowsOf(Seller seller, Report report, Marketplace marketplace) {
    String type = report.reportType();
    if (ReportTypes.ORDERS.contains(type) || ReportTypes.FBA_CUSTOMER_SHIPMENT_SALES.equals(type)) {
      boolean byUpdate = type.contains("LAST_UPDATE") || ReportTypes.FBA_CUSTOMER_SHIPMENT_SALES.equals(type);
      List<Order> orders = world.store(seller).orders().stream()
          .filter(o -> inRange(byUpdate ? o.lastUpdateDate() : o.purchaseDate(), report))
          .filter(o -> report.marketplaceIds().contains(o.marketplace().id()))
          .sorted(Comparator.comparing(Order::purchaseDate).thenComparing(Order::amazonOrderId)).toList();
      ReportRows rows = ReportTypes.ORDERS.contains(type) ? new OrdersReportRows(orders) : FbaReportRows.shipmentSales(orders);
      return rows.rowCount() == 0 ? null : () -> rows;
    }
    List<Listing> listings = List.copyOf(world.store(seller).listings().values());
    if (ReportTypes.FBA_WINDOWS.containsKey(type)) {
      ReportRows rows = FbaReportRows.inventory(type, world.store(seller), listings, marketplace);
      return rows.rowCount() == 0 ? null : () -> rows;
    }
    return () -> new ListingsReportRows(listings, marketplace, report.rows(), seller.sellerId());
  }

  private static boolean inRange(Instant t, Report report) {
    return !t.isBefore(report.dataStartTime()) && !t.isAfter(report.dataEndTime());
  }

  /** The caller's report, or null when it is another seller's, unknown or past the 90 days Amazon serves. */
  private Report ownReport(SpApiRequest request, String reportId) {
    Report report = reports.get(reportId);
    return report != null && report.sellerId().equals(request.seller().sellerId()) && report.servedAt(clock.now()) ? report : null;
  }

  private void getReport(SpApiRequest request) {
    Report report = ownReport(request, request.pathParam("reportId"));
    if (report == null) {
      request.notFound("Report " + request.pathParam("reportId") + " not found");
    } else {
      request.ok(report.toJson());
    }
  }

  private void cancelReport(SpApiRequest request) {
    Report report = ownReport(request, request.pathParam("reportId"));
    if (report == null) {
      request.notFound("Report " + request.pathParam("reportId") + " not found");
    } else if (!report.processing().cancel(clock.now())) {
      throw new InvalidInputException("Report " + report.reportId() + " is " + report.processing().status()
          + " and can no longer be cancelled");
    } else {
      notifications.reportFinished(request.seller(), report.reportId(), report.reportType(), "CANCELLED", null);
      request.noContent(200);
    }
  }

  private void getReports(SpApiRequest request) {
    String nextToken = request.query("nextToken");
    JsonObject query = nextToken != null ? PageTokens.decode(nextToken) : new JsonObject()
        .put("types", new JsonArray(request.queryList("reportTypes")))
        .put("statuses", new JsonArray(request.queryList("processingStatuses")))
        .put("marketplaces", new JsonArray(request.queryList("marketplaceIds")))
        .put("size", request.queryInt("pageSize", 10))
        .put("since", request.query("createdSince", clock.now().minus(Duration.ofDays(90)).toString()))
        .put("until", request.query("createdUntil", clock.now().toString()))
        .put("offset", 0);
    if (nextToken == null && query.getJsonArray("types").isEmpty()) {
      throw new InvalidInputException("reportTypes is required when nextToken is not given");
    }
    int size = query.getInteger("size");
    if (size < 1 || size > MAX_PAGE) {
      throw new InvalidInputException("pageSize must be between 1 and " + MAX_PAGE);
    }
    Instant since = Instant.parse(query.getString("since"));
    Instant until = Instant.parse(query.getString("until"));
    Instant now = clock.now();
    List<Report> matching = new ArrayList<>();
    for (Report r : reports.values()) {
      if (r.sellerId().equals(request.seller().sellerId()) && r.servedAt(now) && query.getJsonArray("types").contains(r.reportType())
          && (query.getJsonArray("statuses").isEmpty() || query.getJsonArray("statuses").contains(r.processing().status()))
          && (query.getJsonArray("marketplaces").isEmpty()
              || r.marketplaceIds().stream().anyMatch(query.getJsonArray("marketplaces")::contains))
          && !r.createdTime().isBefore(since) && !r.createdTime().isAfter(until)) {
        matching.add(r);
      }
    }
    matching.sort(Comparator.comparing(Report::createdTime).reversed().thenComparing(Report::reportId));
    request.ok(PageTokens.page(matching, query, size, "reports", Report::toJson));
  }

  private void getReportDocument(SpApiRequest request) {
    String id = request.pathParam("reportDocumentId");
    Report report = reportsByDocument.get(id);
    boolean own = report != null && report.servedAt(clock.now())
        && documents.get(id).filter(d -> d.sellerId().equals(request.seller().sellerId())).isPresent();
    if (!own) {
      request.notFound("Report document " + id + " not found");
      return;
    }
    boolean contentEncoding = "true".equalsIgnoreCase(request.query("enableContentEncodingUrlHeader"));
    JsonObject body = new JsonObject().put("reportDocumentId", id)
        .put("url", documents.url(request.context().request(), id, contentEncoding));
    if (!faults.compressionAlgorithmMissing()) {
      body.put("compressionAlgorithm", "GZIP");
    }
    request.ok(body);
  }
}
