package io.spgate.simulator.reports;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.Listing;
import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Order;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.documents.DocumentStore;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.spgate.simulator.notifications.NotificationPublisher;
import io.spgate.simulator.processing.Processing;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reports API 2021-06-30. A report moves IN_QUEUE → IN_PROGRESS → DONE on timers (delays divided by the time scale);
 * its document is generated while downloaded. The report option {@value #ROWS_OPTION} sets a listings report's row
 * count, so a test can ask for a document of many GB.
 */
public final class ReportsApi {
  public static final String ROWS_OPTION = "simulatorRows";
  private static final String API = "reports_2021-06-30";
  static final Set<String> LISTINGS_REPORTS = Set.of(
      "GET_MERCHANT_LISTINGS_ALL_DATA", "GET_MERCHANT_LISTINGS_DATA", "GET_MERCHANT_LISTINGS_INACTIVE_DATA",
      "GET_FLAT_FILE_OPEN_LISTINGS_DATA",
      "GET_MERCHANT_LISTINGS_DATA_BACK_COMPAT", "GET_MERCHANT_LISTINGS_DATA_LITE");
  static final Set<String> ORDER_REPORTS = Set.of(
      "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL");
  private static final int MAX_PAGE = 100;

  private final Vertx vertx;
  private final DemoWorld world;
  private final DocumentStore documents;
  private final NotificationPublisher notifications;
  private final SimClock clock;
  private final SimulatorOptions options;
  private final ConcurrentHashMap<String, Report> reports = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(50_000_000_000L);

  public ReportsApi(Vertx vertx, DemoWorld world, DocumentStore documents, NotificationPublisher notifications, SimClock clock,
      SimulatorOptions options) {
    this.vertx = vertx;
    this.world = world;
    this.documents = documents;
    this.notifications = notifications;
    this.clock = clock;
    this.options = options;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createReport", this::createReport);
    routes.serve(API, "getReport", this::getReport);
    routes.serve(API, "getReports", this::getReports);
    routes.serve(API, "cancelReport", this::cancelReport);
    routes.serve(API, "getReportDocument", this::getReportDocument);
  }

  private void createReport(SpApiRequest request) {
    JsonObject spec = request.body();
    String type = spec.getString("reportType");
    if (!LISTINGS_REPORTS.contains(type) && !ORDER_REPORTS.contains(type)) {
      throw new InvalidInputException("Invalid reportType " + type + "; the simulator serves " + LISTINGS_REPORTS + " and "
          + ORDER_REPORTS);
    }
    List<String> marketplaceIds = spec.getJsonArray("marketplaceIds").stream().map(Object::toString).toList();
    request.requireSellerMarketplaces(marketplaceIds);
    Instant now = clock.now();
    Instant end = spec.getString("dataEndTime") == null ? now : Instant.parse(spec.getString("dataEndTime"));
    Instant start = spec.getString("dataStartTime") == null ? end.minus(Duration.ofDays(30))
        : Instant.parse(spec.getString("dataStartTime"));
    Report report = new Report(Long.toString(ids.incrementAndGet()), request.seller().sellerId(), type, marketplaceIds, now, start, end,
        rows(request, spec), new Processing());
    reports.put(report.reportId(), report);
    Seller seller = request.seller();
    vertx.setTimer(clock.scaledDelayMillis(options.reportQueueMillis()), t1 -> {
      if (report.processing().start(clock.now())) {
        vertx.setTimer(clock.scaledDelayMillis(options.reportProcessingMillis()), t2 -> complete(seller, report));
      }
    });
    request.reply(202, new JsonObject().put("reportId", report.reportId()));
  }

  private long rows(SpApiRequest request, JsonObject spec) {
    JsonObject reportOptions = spec.getJsonObject("reportOptions", new JsonObject());
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

  private void complete(Seller seller, Report report) {
    String documentId = "amzn1.spdoc.1.4.na." + java.util.UUID.randomUUID();
    Marketplace marketplace = Marketplace.byId(report.marketplaceIds().get(0)).orElseThrow();
    documents.put(new ReportDocument(documentId, seller.sellerId(), marketplace.documentCharset(), rowsOf(seller, report, marketplace)));
    if (report.processing().finish("DONE", documentId, clock.now())) {
      notifications.reportFinished(seller, report.reportId(), report.reportType(), "DONE", documentId);
    }
  }

  /** The rows are read from the seller's data as it is when the report completes, as Amazon's snapshot is. */
  private Supplier<ReportRows> rowsOf(Seller seller, Report report, Marketplace marketplace) {
    if (ORDER_REPORTS.contains(report.reportType())) {
      boolean byUpdate = report.reportType().contains("LAST_UPDATE");
      List<Order> orders = world.store(seller).orders().stream()
          .filter(o -> inRange(byUpdate ? o.lastUpdateDate() : o.purchaseDate(), report))
          .filter(o -> report.marketplaceIds().contains(o.marketplace().id()))
          .sorted(Comparator.comparing(Order::purchaseDate)).toList();
      return () -> new OrdersReportRows(orders);
    }
    List<Listing> listings = List.copyOf(world.store(seller).listings().values());
    return () -> new ListingsReportRows(listings, marketplace, report.rows(), seller.sellerId());
  }

  private static boolean inRange(Instant t, Report report) {
    return !t.isBefore(report.dataStartTime()) && !t.isAfter(report.dataEndTime());
  }

  private Report ownReport(SpApiRequest request, String reportId) {
    Report report = reports.get(reportId);
    return report != null && report.sellerId().equals(request.seller().sellerId()) ? report : null;
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
    JsonObject query = nextToken != null ? decode(nextToken) : new JsonObject()
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
    List<Report> matching = new ArrayList<>();
    for (Report r : reports.values()) {
      if (r.sellerId().equals(request.seller().sellerId()) && query.getJsonArray("types").contains(r.reportType())
          && (query.getJsonArray("statuses").isEmpty() || query.getJsonArray("statuses").contains(r.processing().status()))
          && (query.getJsonArray("marketplaces").isEmpty()
              || r.marketplaceIds().stream().anyMatch(query.getJsonArray("marketplaces")::contains))
          && !r.createdTime().isBefore(since) && !r.createdTime().isAfter(until)) {
        matching.add(r);
      }
    }
    matching.sort(Comparator.comparing(Report::createdTime).reversed().thenComparing(Report::reportId));
    int offset = query.getInteger("offset");
    JsonArray page = new JsonArray();
    matching.subList(Math.min(offset, matching.size()), Math.min(offset + size, matching.size())).forEach(r -> page.add(r.toJson()));
    JsonObject body = new JsonObject().put("reports", page);
    if (offset + size < matching.size()) {
      body.put("nextToken", encode(query.copy().put("offset", offset + size)));
    }
    request.ok(body);
  }

  private void getReportDocument(SpApiRequest request) {
    String id = request.pathParam("reportDocumentId");
    boolean own = documents.get(id).filter(d -> d.sellerId().equals(request.seller().sellerId()) && d.gzipCompressed()).isPresent();
    if (!own) {
      request.notFound("Report document " + id + " not found");
      return;
    }
    request.ok(new JsonObject().put("reportDocumentId", id).put("url", documents.url(request.context().request(), id))
        .put("compressionAlgorithm", "GZIP"));
  }

  private static String encode(JsonObject query) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(query.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decode(String token) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new InvalidInputException("Invalid nextToken");
    }
  }
}
