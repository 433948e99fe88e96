package io.spgate.fanout;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The tenant's update jobs: list, one job, its items, its progress as server-sent events, cancel. */
final class JobRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 1_000;
  private static final long EVENTS_EVERY_MS = 1_000;
  /** A comment line this often keeps proxies from closing a quiet event stream. */
  private static final long KEEP_ALIVE_MS = 15_000;
  private static final List<String> JOB_STATUSES = List.of("queued", "running", "done", "cancelled");

  private final Vertx vertx;
  private final UpdateJobStore jobs;

  JobRoutes(Vertx vertx, UpdateJobStore jobs) {
    this.vertx = vertx;
    this.jobs = jobs;
  }

  void mount(Router v1) {
    v1.get("/jobs").handler(this::list);
    v1.get("/jobs/:jobId").handler(this::get);
    v1.get("/jobs/:jobId/items").handler(this::items);
    v1.get("/jobs/:jobId/events").handler(this::events);
    v1.post("/jobs/:jobId/cancel").handler(this::cancel);
  }

  private void list(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Optional<String> status = Params.query(ctx, "status").map(s -> oneOf(s, JOB_STATUSES, "status"));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    Optional<UUID> after = Params.query(ctx, "cursor").map(c -> cursor(c));
    Json.respond(ctx, 200, jobs.list(tenant, status, after, limit + 1).map(page -> {
      List<UpdateJob> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(UpdateJob::toJson).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", shown.get(shown.size() - 1).id().toString());
      }
      return json;
    }));
  }

  private void get(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Json.respond(ctx, 200, job(tenant, ctx).map(UpdateJob::toJson));
  }

  private void items(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    Optional<String> status = Params.query(ctx, "status").map(s -> oneOf(s, ItemStatus.ALL, "status"));
    int limit = Params.limit(ctx, DEFAULT_PAGE, MAX_PAGE);
    long after = Params.query(ctx, "cursor").map(JobRoutes::seqCursor).orElse(0L);
    Json.respond(ctx, 200, job(tenant, ctx).compose(job -> jobs.items(job.id(), status, after, limit + 1)).map(page -> {
      List<Map.Entry<Long, JsonObject>> shown = page.subList(0, Math.min(limit, page.size()));
      JsonObject json = new JsonObject().put("items", new JsonArray(shown.stream().map(Map.Entry::getValue).toList()));
      if (page.size() > limit) {
        json.put("nextCursor", String.valueOf(shown.get(shown.size() - 1).getKey()));
      }
      return json;
    }));
  }

  private void cancel(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_WRITE);
    Json.respond(ctx, 200, job(tenant, ctx).compose(job -> jobs.cancel(tenant, job.id()))
        .compose(v -> job(tenant, ctx)).map(UpdateJob::toJson));
  }

  /** Progress as server-sent events: the job whenever it changed (looked at every second), "done" at its end. */
  private void events(RoutingContext ctx) {
    UUID tenant = tenant(ctx, Scope.TENANT_READ);
    job(tenant, ctx).onFailure(ctx::fail).onSuccess(first -> {
      HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
      EventStream stream = new EventStream(response, tenant, first.id());
      stream.send(first);
      if (!first.finished()) {
        long timer = vertx.setPeriodic(EVENTS_EVERY_MS, id -> stream.tick());
        response.closeHandler(v -> vertx.cancelTimer(timer));
        response.endHandler(v -> vertx.cancelTimer(timer));
        // The instance shuts down: the stream ends now rather than hold the shutdown; an EventSource reconnects elsewhere.
        ctx.request().connection().shutdownHandler(v -> {
          if (!response.ended()) {
            response.end();
          }
        });
      }
    });
  }

  /** One client's stream of a job's progress. */
  private final class EventStream {
    private final HttpServerResponse response;
    private final UUID tenant;
    private final UUID jobId;
    private String last;
    private long lastWrite = System.currentTimeMillis();
    private boolean reading;

    EventStream(HttpServerResponse response, UUID tenant, UUID jobId) {
      this.response = response;
      this.tenant = tenant;
      this.jobId = jobId;
    }

    void tick() {
      if (reading || response.ended() || response.closed()) {
        return;
      }
      reading = true;
      jobs.get(tenant, jobId).onComplete(read -> {
        reading = false;
        if (read.failed() || read.result().isEmpty()) {
          response.end();
        } else {
          send(read.result().get());
        }
      });
    }

    void send(UpdateJob job) {
      if (response.ended() || response.closed()) {
        return;
      }
      String data = job.toJson().encode();
      if (!data.equals(last)) {
        last = data;
        lastWrite = System.currentTimeMillis();
        response.write("event: progress\ndata: " + data + "\n\n");
      } else if (System.currentTimeMillis() - lastWrite > KEEP_ALIVE_MS) {
        lastWrite = System.currentTimeMillis();
        response.write(": still working\n\n");
      }
      if (job.finished()) {
        response.end("event: done\ndata: " + data + "\n\n");
      }
    }
  }

  private Future<UpdateJob> job(UUID tenant, RoutingContext ctx) {
    UUID jobId = Params.pathId(ctx, "jobId", "Job");
    return jobs.get(tenant, jobId).map(found -> found.orElseThrow(() -> new ApiException(Problem.notFound("Job " + jobId
        + " does not exist."))));
  }

  private static UUID tenant(RoutingContext ctx, Scope scope) {
    return Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), scope);
  }

  private static String oneOf(String value, List<String> allowed, String name) {
    if (!allowed.contains(value)) {
      throw new ApiException(Problem.validation("'" + name + "' must be one of " + allowed + "."));
    }
    return value;
  }

  private static UUID cursor(String raw) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
    }
  }

  /** An item's place in storage (its seq): the order a job's items were stored in, which is the body's. */
  private static long seqCursor(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
    }
  }
}
