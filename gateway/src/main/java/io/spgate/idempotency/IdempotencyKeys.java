package io.spgate.idempotency;

import io.spgate.crypto.SecretBox;
import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.RequestId;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on every mutating /v1 call, by Stripe's rules. The first request with a key claims it for its
 * owner (the tenant, or an admin key acting for none) with its method, URI and body hash; its answer is kept before it
 * leaves; a retry of the same request gets that answer again with {@code Idempotent-Replayed: true}; another request
 * under the key is 409 {@code idempotency_key_reused}, and one while the first is in flight 409
 * {@code idempotency_key_in_use}. Error answers are not kept: the key is let go before they leave, so a retry runs again.
 * Routes that stream their body (POST /v1/updates) come ahead of this handler and keep their key themselves.
 */
public final class IdempotencyKeys implements Feature {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);
  private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
  private static final String HELD = "idempotency.held";
  private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

  private final Vertx vertx;
  private final KeptAnswers answers;

  public IdempotencyKeys(Vertx vertx, Pool pool, SecretBox box) {
    this.vertx = vertx;
    this.answers = new KeptAnswers(pool, box);
  }

  /** Mounts on /v1 after authentication and the body handler, ahead of the routes. */
  public void mount(Router v1) {
    v1.route().handler(this::claim).failureHandler(this::failed);
  }

  /**
   * A route's first handler where a retry must never act twice (a shipment confirmation): a request without a key is
   * refused, 400 {@code idempotency_key_required}; {@code why} names what one key stands for ("shipment").
   */
  public static Handler<RoutingContext> required(String why) {
    return ctx -> {
      IdempotencyKey.required(ctx.request(), why);
      ctx.next();
    };
  }

  /** Expired keys are deleted every 10 minutes; a claim takes over an expired key by itself, so this only keeps the table small. */
  @Override
  public Future<Void> startWorkers() {
    vertx.setPeriodic(PURGE_EVERY_MILLIS, id -> answers.purgeExpired()
        .onFailure(e -> LOG.warn("Could not purge expired idempotency keys: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  private void claim(RoutingContext ctx) {
    Optional<IdempotencyKey> key = MUTATING.contains(ctx.request().method()) ? IdempotencyKey.of(ctx.request()) : Optional.empty();
    Caller caller = Caller.of(ctx);
    // A key that may not write gets the route's own 403, never an answer another key's request left.
    if (key.isEmpty() || !caller.has(Scope.TENANT_WRITE)) {
      ctx.next();
      return;
    }
    Claim claim = new Claim(caller.tenantId().orElse(caller.keyId()), key.get(), UUID.randomUUID());
    // The URI, not the route's pattern: the same body sent for another seller is another request.
    String request = ctx.request().method().name() + " " + ctx.request().uri();
    byte[] sha256 = BodyDigest.of(ctx.body().buffer());
    answers.claim(claim, request, sha256).onComplete(claimed -> {
      if (claimed.failed()) {
        ctx.fail(claimed.cause());
      } else if (claimed.result().isEmpty()) {
        hold(ctx, claim);
        ctx.next();
      } else {
        KeptAnswers.Earlier earlier = claimed.result().get();
        if (!earlier.request().equals(request) || !BodyDigest.same(earlier.sha256(), sha256)) {
          ctx.fail(new ApiException(IdempotencyProblems.reused()));
        } else if (earlier.answer().isEmpty()) {
          ctx.fail(new ApiException(IdempotencyProblems.inUse()));
        } else {
          earlier.answer().get().replay(ctx.response());
        }
      }
    });
  }

  /**
   * The route runs holding the claim: its JSON answer is kept (below 400) or the key let go (an error) before the answer
   * leaves; a failure lets the key go before its problem leaves ({@link #failed}); an answer that took neither way (one
   * written by hand) lets it go once written.
   */
  private void hold(RoutingContext ctx, Claim claim) {
    Held held = new Held(claim);
    ctx.put(HELD, held);
    Json.gate(ctx, (response, body) -> held.settle() ? settle(ctx, held, response, body) : Future.succeededFuture());
    ctx.addBodyEndHandler(v -> {
      if (held.settle()) {
        release(ctx, claim);
      } else if (held.kept && ctx.response().headers().contains(HttpHeaders.SET_COOKIE)) {
        // A cookie (the console's sign-in) cannot be given again: the request runs again instead.
        release(ctx, claim);
      }
    });
  }

  private Future<Void> settle(RoutingContext ctx, Held held, HttpServerResponse response, Buffer body) {
    if (response.getStatusCode() >= 400) {
      return release(ctx, held.claim);
    }
    held.kept = true;
    return answers.keep(held.claim, KeptAnswer.of(response, body)).onFailure(e -> LOG.warn("Could not keep the answer of request {}"
        + " under its Idempotency-Key, which stays claimed for {}: {}", RequestId.of(ctx), KeptAnswers.IN_FLIGHT_FOR, e.getMessage()));
  }

  private void failed(RoutingContext ctx) {
    Held held = ctx.get(HELD);
    if (held == null || !held.settle()) {
      ctx.next();
      return;
    }
    release(ctx, held.claim).onComplete(released -> ctx.next());
  }

  private Future<Void> release(RoutingContext ctx, Claim claim) {
    return answers.release(claim).onFailure(e -> LOG.warn("Could not let go of the Idempotency-Key of request {}, which stays"
        + " claimed for {}: {}", RequestId.of(ctx), KeptAnswers.IN_FLIGHT_FOR, e.getMessage()));
  }

  /** A request's claim, settled once: its answer kept, or the key let go. */
  private static final class Held {
    private final Claim claim;
    private boolean settled;
    private boolean kept;

    Held(Claim claim) {
      this.claim = claim;
    }

    /** True the first time only: the caller settles the claim. */
    boolean settle() {
      boolean first = !settled;
      settled = true;
      return first;
    }
  }
}
