package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** {@code /v1/sellers/{id}/report-schedules} and {@code /v1/report-schedules}: reports requested every period ({@link ReportScheduler}). */
final class ReportScheduleRoutes {

  private static final Duration MIN_PERIOD = Duration.ofMinutes(15);
  private static final Duration MAX_PERIOD = Duration.ofDays(31);

  private final ReportScheduleStore schedules;
  private final ReportJobStore jobs;
  private final ReportRoutes reports;
  private final ReportTypes types;

  ReportScheduleRoutes(ReportScheduleStore schedules, ReportJobStore jobs, ReportRoutes reports, ReportTypes types) {
    this.schedules = schedules;
    this.jobs = jobs;
    this.reports = reports;
    this.types = types;
  }

  void mount(Router v1) {
    v1.post("/sellers/:sellerId/report-schedules").handler(this::create);
    v1.get("/report-schedules").handler(this::list);
    v1.get("/report-schedules/:scheduleId").handler(this::get);
    v1.delete("/report-schedules/:scheduleId").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    JsonObject body = Json.body(ctx);
    Json.onlyFields(body, Set.of("reportType", "marketplaceIds", "reportOptions", "period"));
    Json.respond(ctx, 201, reports.seller(tenant, sellerId).compose(seller -> {
      ReportSpec spec = ReportRequest.spec(body, seller, types, false);
      Duration period = period(body.getValue("period"), types.window(spec.reportType()));
      return schedules.create(tenant, seller.id(), spec, period);
    }).map(created -> created.toJson(Optional.empty())));
  }

  private void list(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_READ);
    Optional<UUID> sellerId = Params.query(ctx, "sellerId").map(id -> Params.id(id, "Seller"));
    int limit = Params.limit(ctx, 50, 200);
    Optional<UUID> after = Params.query(ctx, "cursor").map(c -> Params.id(c, "Schedule"));
    Json.respond(ctx, 200, schedules.list(tenant, sellerId, after, limit + 1).compose(page -> {
      List<ReportSchedule> shown = page.subList(0, Math.min(limit, page.size()));
      return Future.all(shown.stream().map(s -> withLatestDone(tenant, s)).toList()).map(all -> {
        JsonObject json = new JsonObject().put("items", new JsonArray(all.list()));
        if (page.size() > limit) {
          json.put("nextCursor", shown.get(shown.size() - 1).id().toString());
        }
        return json;
      });
    }));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_READ);
    UUID id = Params.pathId(ctx, "scheduleId", "Report schedule");
    Json.respond(ctx, 200, schedules.get(tenant, id)
        .map(found -> found.orElseThrow(() -> notFound(id)))
        .compose(schedule -> withLatestDone(tenant, schedule)));
  }

  private void delete(RoutingContext ctx) {
    UUID tenant = ReportRoutes.tenant(ctx, Scope.TENANT_WRITE);
    UUID id = Params.pathId(ctx, "scheduleId", "Report schedule");
    Json.noContent(ctx, schedules.delete(tenant, id).map(deleted -> {
      if (!deleted) {
        throw notFound(id);
      }
      return null;
    }));
  }

  /** The schedule with its newest DONE report, the one a caller wants at hand. */
  private Future<JsonObject> withLatestDone(UUID tenant, ReportSchedule schedule) {
    return jobs.list(tenant, new ReportJobStore.Filter(Optional.empty(), Optional.empty(), Optional.of(ReportJob.DONE),
            Optional.of(schedule.id())), Optional.empty(), 1)
        .map(done -> schedule.toJson(done.stream().findFirst()));
  }

  private static Duration period(Object raw, Duration window) {
    Duration least = window.compareTo(MIN_PERIOD) > 0 ? window : MIN_PERIOD;
    try {
      Duration period = Duration.parse((String) raw);
      if (period.compareTo(least) >= 0 && period.compareTo(MAX_PERIOD) <= 0) {
        return period;
      }
    } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
      // reported below
    }
    throw ReportRequest.invalid("'period' must be an ISO 8601 duration from " + least + " (Amazon's least time between two "
        + "requests of the type, at least 15 minutes) to P31D, such as PT24H.");
  }

  private static ApiException notFound(UUID id) {
    return new ApiException(Problem.notFound("Report schedule " + id + " does not exist."));
  }
}
