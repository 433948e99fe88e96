package io.spgate.simulator.http;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.Region;
import io.spgate.simulator.faults.Fault;
import io.spgate.simulator.faults.FaultInjector;
import io.spgate.simulator.faults.FaultSettings;
import io.spgate.simulator.lwa.AccessTokens;
import io.spgate.simulator.lwa.TokenGrant;
import io.spgate.simulator.model.ModelOperation;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.spgate.simulator.model.validation.RequestValidator;
import io.spgate.simulator.quota.QuotaGate;
import io.spgate.simulator.quota.RateLimit;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SP-API call, in the order Amazon handles it: request id, injected faults, the access token (LWA token, RDT or
 * grantless token), the caller's quota, the model's request checks, then the operation itself.
 */
public final class SpApiPipeline {
  private static final Logger log = LoggerFactory.getLogger(SpApiPipeline.class);
  private static final String TOKEN_HEADER = "x-amz-access-token";
  private static final String RATE_LIMIT_HEADER = "x-amzn-RateLimit-Limit";

  private final Vertx vertx;
  private final AccessTokens tokens;
  private final QuotaGate quotas;
  private final FaultInjector faultInjector;
  private final FaultSettings faults;
  private final RequestStats stats;
  private final SimClock clock;

  public SpApiPipeline(Vertx vertx, AccessTokens tokens, QuotaGate quotas, FaultInjector faultInjector, FaultSettings faults,
      RequestStats stats, SimClock clock) {
    this.vertx = vertx;
    this.tokens = tokens;
    this.quotas = quotas;
    this.faultInjector = faultInjector;
    this.faults = faults;
    this.stats = stats;
    this.clock = clock;
  }

  public Handler<RoutingContext> handlerFor(ModelOperation operation, Access access, OperationHandler work) {
    RateLimit limit = quotas.limitOf(operation);
    String rateHeader = BigDecimal.valueOf(quotas.effectiveRate(limit)).stripTrailingZeros().toPlainString();
    RequestValidator validator = new RequestValidator(operation);
    return ctx -> new Call(ctx, operation, access, work, limit, rateHeader, validator).start();
  }

  /** The state of one call as it moves through the steps. */
  private final class Call {
    private final RoutingContext ctx;
    private final HttpServerResponse response;
    private final ModelOperation operation;
    private final Access access;
    private final OperationHandler work;
    private final RateLimit limit;
    private final String rateHeader;
    private final RequestValidator validator;
    private String caller = RequestStats.ANONYMOUS;

    Call(RoutingContext ctx, ModelOperation operation, Access access, OperationHandler work, RateLimit limit, String rateHeader,
        RequestValidator validator) {
      this.ctx = ctx;
      this.response = ctx.response();
      this.operation = operation;
      this.access = access;
      this.work = work;
      this.limit = limit;
      this.rateHeader = rateHeader;
      this.validator = validator;
    }

    void start() {
      stats.begin();
      ctx.addEndHandler(done -> stats.end(caller, operation.operationId(), response.getStatusCode()));
      Fault fault = faultInjector.next();
      switch (fault) {
        case INTERNAL_FAILURE -> AmazonErrors.internalFailure(response);
        case SERVICE_UNAVAILABLE -> AmazonErrors.serviceUnavailable(response);
        case CONNECTION_RESET -> ctx.request().connection().close();
        case SLOW_RESPONSE -> later(clock.scaledDelayMillis(faultInjector.slowResponseMillis()), this::authorise);
        case NONE -> later(faults.addedLatencyMillis(), this::authorise);
      }
    }

    private void later(long millis, Runnable step) {
      if (millis <= 0) {
        step.run();
      } else {
        ctx.request().pause();
        vertx.setTimer(millis, id -> {
          ctx.request().resume();
          step.run();
        });
      }
    }

    private void authorise() {
      Instant now = clock.now();
      TokenGrant grant = tokens.lookup(ctx.request().getHeader(TOKEN_HEADER));
      if (grant == null) {
        AmazonErrors.unauthorized(response, "The access token you provided is revoked, malformed or invalid.");
        return;
      }
      caller = grant.callerId();
      if (grant.expiredAt(now)) {
        tokens.recordExpiredUse(grant);
        AmazonErrors.unauthorized(response, "The access token you provided has expired.");
        return;
      }
      String refusal = refusal(grant);
      if (refusal != null) {
        AmazonErrors.unauthorized(response, refusal);
        return;
      }
      if (faults.throttleStormAt(now) || !quotas.tryAcquire(caller, limit)) {
        AmazonErrors.quotaExceeded(response);
        return;
      }
      // Amazon sends the rate on answers that drew on the quota, except throttled and unauthorised ones
      // (and with quotas lifted there is no rate to announce).
      response.headersEndHandler(v -> {
        int status = response.getStatusCode();
        if (quotas.enabled() && ((status >= 200 && status < 300) || status == 400 || status == 404)) {
          response.putHeader(RATE_LIMIT_HEADER, rateHeader);
        }
      });
      run(grant);
    }

    /** Why this token may not make this call, or null when it may. */
    private String refusal(TokenGrant grant) {
      if (access == Access.GRANTLESS_NOTIFICATIONS) {
        return grant.kind() == TokenGrant.Kind.GRANTLESS && grant.scope().contains("sellingpartnerapi::notifications")
            ? null : "This operation needs a grantless token with the sellingpartnerapi::notifications scope.";
      }
      if (grant.kind() == TokenGrant.Kind.GRANTLESS) {
        return "A grantless token cannot be used for this operation.";
      }
      String mount = ctx.mountPoint();
      if (mount != null && mount.length() > 1) {
        Region region = Region.fromCode(mount.replace("/", ""));
        if (grant.seller().region() != region) {
          return "The selling partner is not registered in the " + region.name() + " region.";
        }
      }
      boolean coveredByRdt = grant.kind() == TokenGrant.Kind.RESTRICTED_DATA && grant.restrictedResources().stream()
          .anyMatch(r -> r.covers(ctx.request().method().name(), ctx.request().path(), operation.path()));
      if (grant.kind() == TokenGrant.Kind.RESTRICTED_DATA && !coveredByRdt) {
        return "The Restricted Data Token does not cover this resource.";
      }
      if (access == Access.RESTRICTED && !coveredByRdt) {
        return "This operation requires a Restricted Data Token.";
      }
      return null;
    }

    private void run(TokenGrant grant) {
      MultiMap query;
      try {
        query = ctx.request().params();
      } catch (IllegalArgumentException e) {
        AmazonErrors.invalidInput(response, "The query string is not correctly percent-encoded");
        return;
      }
      try {
        Object body = validator.validate(query, ctx.pathParams(), ctx.body() == null ? null : ctx.body().buffer());
        if (faults.takeLostAnswer(operation.operationId())) {
          // Carried out, and then the answer never leaves: the connection closes just before its headers would.
          response.headersEndHandler(v -> ctx.request().connection().close());
        }
        work.handle(new SpApiRequest(ctx, operation, grant, body));
      } catch (InvalidInputException e) {
        AmazonErrors.invalidInput(response, e.getMessage());
      } catch (RuntimeException e) {
        log.error("{} failed", operation.operationId(), e);
        AmazonErrors.internalFailure(response);
      }
    }
  }
}
