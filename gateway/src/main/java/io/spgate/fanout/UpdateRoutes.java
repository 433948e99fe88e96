package io.spgate.fanout;

import io.spgate.http.ApiException;
import io.spgate.idempotency.IdempotencyKey;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/updates}: a list of price, quantity and handling-time updates, read as a stream,
 * answered 202 with the job once every item is checked and stored (or 200 with the plan, for a dry run).
 */
final class UpdateRoutes {

  private final UpdateIntake intake;
  private final int intakesAtOnce;
  /** Intakes under way on this instance (the route runs on several event loops). */
  private final AtomicInteger intakes = new AtomicInteger();

  UpdateRoutes(UpdateIntake intake, int intakesAtOnce) {
    this.intake = intake;
    this.intakesAtOnce = intakesAtOnce;
  }

  /** Mounted ahead of the body handler: the body is read here as it arrives. */
  void mount(Router v1) {
    v1.post("/updates").handler(this::updates);
  }

  private void updates(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_WRITE);
    boolean dryRun = Params.query(ctx, "dryRun").map(UpdateRoutes::flag).orElse(false);
    BodyFormat format = BodyFormat.of(ctx.request().getHeader("Content-Type"));
    if (dryRun) {
      Json.respond(ctx, 200, intake.dryRun(tenant, ctx.request(), format));
      return;
    }
    // The body streams past the idempotency handler: this route keeps its key with its job (UpdateJobStore#claim).
    String key = IdempotencyKey.required(ctx.request(), "batch of updates").value();
    // Each intake holds a connection in its transaction while its body arrives: a few slow uploads must not take the pool.
    if (intakes.incrementAndGet() > intakesAtOnce) {
      intakes.decrementAndGet();
      throw new ApiException(new Problem(503, "updates_busy", "Service unavailable", "This instance is taking " + intakesAtOnce
          + " requests of updates already; send this one again in a moment."), Map.of("Retry-After", "1"));
    }
    Json.respond(ctx, 202, intake.accept(tenant, key, ctx.request(), format).onComplete(done -> intakes.decrementAndGet()));
  }

  private static boolean flag(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ApiException(Problem.validation("'dryRun' must be true or false."));
    };
  }
}
