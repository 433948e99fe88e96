package io.spgate.spapi;

import io.spgate.application.Application;
import io.spgate.application.Applications;
import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.spgate.logging.LogContext;
import io.spgate.lwa.GrantlessTokens;
import io.spgate.lwa.SellerTokens;
import io.spgate.overview.ActivityLog;
import io.spgate.quota.Plan;
import io.spgate.quota.QuotaGate;
import io.spgate.quota.QuotaOwner;
import io.spgate.seller.Seller;
import io.spgate.tracing.CallTrace;
import io.spgate.tracing.Tracing;
import io.spgate.vertx.PerEventLoop;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SP-API call the gateway makes, the pass-through API's and its own features', goes through
 * here, in this order: the access token or grantless token made ready → the seller's quota slot
 * for the operation (waited for on a timer, within the caller's deadline) → the token, now at hand,
 * or a Restricted Data Token → SigV4 when the application still has IAM credentials → send on the
 * pooled client of the seller's regional host, bodies streamed → adapt to what Amazon said (its
 * rate, a late arrival, a 429) and retry by class → the response, its body still streaming.
 *
 * <p>A call leaves in time after its slot or not at all ({@link QuotaGate.Slot#leaveWithinMillis()}:
 * half the refill Amazon's bucket keeps back, at most half the jitter allowance, for a call into a
 * full bucket; up to intervals more for one that waited for its token). It waits for a pooled
 * connection only until then, and one that could not asks for a new slot within its deadline (the
 * missed one stays spent, which only leaves Amazon's bucket fuller than ours). Sent later, it could
 * reach Amazon after its bucket, full meanwhile, had let refill go to waste that ours counted on.
 * One that left in time can still arrive late: an answer after {@link QuotaGate.Slot#arriveWithinMillis()}
 * makes our bucket give up what Amazon's may have lost ({@link QuotaGate#arrivedLate}).
 *
 * <p>Retries, each after a fresh quota slot and a backoff with full jitter, only while the
 * deadline allows and at most {@link #MAX_ATTEMPTS} sends: 429 (after draining the bucket); 500
 * and 503 and lost connections for idempotent operations; an expired token once, after a
 * refresh. A non-idempotent call whose connection failed after it was sent is never repeated.
 *
 * <p>Traced ({@link CallTrace}: a request came with a {@code traceparent}, or spans are exported), every send carries
 * the trace on to Amazon, and with export each stage above runs in a span of its own under the call's.
 */
public final class SpApiPipeline {

  static final String TOKEN_HEADER = "x-amz-access-token";
  static final String RATE_LIMIT_HEADER = "x-amzn-RateLimit-Limit";
  static final int MAX_ATTEMPTS = 4;
  static final long BACKOFF_BASE_MILLIS = 100;
  static final long BACKOFF_CAP_MILLIS = 2_000;
  /**
   * How long a call waits for a connection to its SP-API host when all are busy. Longer than a
   * connect may take (so a timeout means the pool is full, not Amazon unreachable); beyond it the
   * gateway is saturated toward Amazon and the caller gets 503 at once rather than a queue.
   */
  public static final long POOL_WAIT_MILLIS = 10_000;
  /** The problem code of a call that was sent and then failed without an answer: it may or may not have been carried out. */
  public static final String OUTCOME_UNKNOWN = "spapi_outcome_unknown";
  private static final Logger LOG = LoggerFactory.getLogger(SpApiPipeline.class);

  private final Vertx vertx;
  private final PerEventLoop<HttpClient> http;
  private final String userAgent;
  private final OperationPlans plans;
  private final QuotaGate quota;
  private final SellerTokens tokens;
  private final GrantlessTokens grantless;
  private final RestrictedDataTokens restricted;
  private final Applications applications;
  private final Optional<URI> endpointOverride;
  private final ActivityLog activity;
  private final Tracing tracing;
  private final Map<String, SigV4Signer> signers = new ConcurrentHashMap<>();
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Operation createRestrictedDataToken;

  public SpApiPipeline(Vertx vertx, PerEventLoop<HttpClient> http, String userAgent, Operations operations, OperationPlans plans,
      QuotaGate quota, SellerTokens tokens, GrantlessTokens grantless, RestrictedDataTokens restricted, Applications applications,
      Optional<URI> endpointOverride, ActivityLog activity, Tracing tracing) {
    this.vertx = vertx;
    this.activity = activity;
    this.tracing = tracing;
    this.http = http;
    this.userAgent = userAgent;
    this.plans = plans;
    this.quota = quota;
    this.tokens = tokens;
    this.grantless = grantless;
    this.restricted = restricted;
    this.applications = applications;
    this.endpointOverride = endpointOverride;
    this.createRestrictedDataToken = operations.byId("tokens_2021-03-01", "POST", "createRestrictedDataToken").orElseThrow();
  }

  /** A regional endpoint, parsed once. */
  private record Endpoint(String base, String host, int port, boolean ssl) {
    static Endpoint of(URI uri) {
      boolean ssl = "https".equals(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      return new Endpoint(uri.getScheme() + "://" + uri.getAuthority(), uri.getHost(), port, ssl);
    }
  }

  /** One call's progress through the pipeline. */
  private static final class Exchange {
    final SpApiCall call;
    final Plan plan;
    final QuotaOwner owner;
    final long deadline;
    final CallTrace trace;
    int sends;
    long waitedMillis;
    /** System.nanoTime() by which the current attempt must have its connection, or ask for a new slot. */
    long leaveBy;
    /** System.nanoTime() by which the current attempt had to reach Amazon; an answer after it may mean it arrived late. */
    long arriveBy;
    /** System.nanoTime() of the current attempt's slot, and when it left (had its connection): for the log of a 429. */
    long slotAt;
    long leftAt;
    boolean refreshedToken;

    Exchange(SpApiCall call, Plan plan, CallTrace trace) {
      this.call = call;
      this.plan = plan;
      this.trace = trace;
      Seller seller = call.seller();
      // Grantless operations act for the application, whose quota Amazon counts apart from any seller's.
      this.owner = call.operation().grantlessScope().isPresent()
          ? QuotaOwner.application(seller.application(), seller.region().code()) : seller.quotaOwner();
      this.deadline = System.nanoTime() + call.maxWait().toNanos();
    }

    Duration left() {
      return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    Operation operation() {
      return call.operation();
    }
  }

  /**
   * Call it on one of the gateway's event loops (HTTP handlers are; {@link SpApiClient} moves its callers there). The call's
   * log lines name its seller and operation, a background call's too (it gets a context of its own for them).
   */
  public Future<SpApiResponse> call(SpApiCall call) {
    return LogContext.ownContext(() -> {
      Seller seller = call.seller();
      LogContext.call(seller.tenantId(), seller.id(), call.operation().operationId());
      if (applications.byId(seller.application()).isPresent()) {
        return run(call);
      }
      // An application added on another instance a moment ago is loaded here first.
      return applications.find(seller.application()).compose(loaded -> run(call));
    });
  }

  /** The call through every attempt, counted for its tenant's overview when it ends. */
  private Future<SpApiResponse> run(SpApiCall call) {
    Exchange x = new Exchange(call, plans.plan(call.seller().application(), call.operation()),
        tracing.call(call.operation().operationId(), call.seller().id()));
    return attempt(x).andThen(done -> {
      activity.called(call.seller().tenantId(), x.waitedMillis);
      x.trace.end(done);
    });
  }

  private Future<SpApiResponse> attempt(Exchange x) {
    // The token is made ready before the slot is taken: getting one (LWA, or another instance's refresh) can take longer than a call
    // may leave after its slot, and the call would miss it. After the slot, it is then at hand.
    return x.trace.stage("spapi.token", () -> ready(x)).compose(v -> takeSlotAndSend(x));
  }

  /** The call's token in hand, except a Restricted Data Token (made for this one call, through a slot of its own). */
  private Future<Void> ready(Exchange x) {
    return RestrictedOperations.needsRdt(x.operation(), x.call.dataElements()) ? Future.succeededFuture() : credential(x).mapEmpty();
  }

  private Future<SpApiResponse> takeSlotAndSend(Exchange x) {
    // The slot lies at least its waits after the store was asked: counting from here charges the decision's round trip too.
    long asked = System.nanoTime();
    return x.trace.stage("spapi.quota_wait", () -> quota.acquire(x.owner, x.plan, x.left(), x.call.lane()))
        .compose(slot -> {
          x.waitedMillis += slot.waitedMillis();
          x.slotAt = asked + TimeUnit.MILLISECONDS.toNanos(slot.waitedMillis());
          x.leaveBy = bound(asked, slot.waitedMillis(), slot.leaveWithinMillis());
          x.arriveBy = bound(asked, slot.waitedMillis(), slot.arriveWithinMillis());
          return x.trace.stage("spapi.token", () -> credential(x));
        })
        .compose(token -> send(x, token).transform(sent -> sent.failed() && sent.cause() instanceof MissedDeparture
            ? missedDeparture(x) : answered(x, token, sent)));
  }

  /** System.nanoTime() {@code within} ms after a slot {@code waited} ms after {@code asked}; {@link Long#MAX_VALUE}: no bound. */
  private static long bound(long asked, long waited, long within) {
    return within == Long.MAX_VALUE ? Long.MAX_VALUE : asked + TimeUnit.MILLISECONDS.toNanos(waited + within);
  }

  /** Asks for a new slot while the deadline allows; nothing was sent. */
  private Future<SpApiResponse> missedDeparture(Exchange x) {
    quota.missedDeparture();
    if (x.left().isZero()) {
      return Future.failedFuture(new ApiException(new Problem(503, "spapi_departure_missed", "Service unavailable",
          "No connection to SP-API was free in time after this call's " + x.operation().operationId()
              + " quota slot, before its deadline; retry shortly."), Map.of("Retry-After", "1")));
    }
    return takeSlotAndSend(x);
  }

  /** The call could not leave in time after its slot; nothing was sent. */
  private static final class MissedDeparture extends Exception {
    MissedDeparture() {
      super(null, null, false, false);
    }
  }

  /** The token the call carries: the application's for grantless operations, an RDT for restricted ones, else the seller's. */
  private Future<String> credential(Exchange x) {
    Seller seller = x.call.seller();
    Operation operation = x.operation();
    Optional<String> scope = operation.grantlessScope();
    if (scope.isPresent()) {
      return grantless.accessToken(application(seller), scope.get());
    }
    if (RestrictedOperations.needsRdt(operation, x.call.dataElements())) {
      return restricted.token(seller, operation.method(), x.call.path().value(), x.call.dataElements(),
          body -> createRestrictedDataToken(x, body));
    }
    return tokens.accessToken(seller);
  }

  private Future<SpApiResult> createRestrictedDataToken(Exchange x, Buffer body) {
    MultiMap json = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
    // Not through call(): the call it serves keeps its operation on the log lines they share (its application is loaded).
    return run(new SpApiCall(x.call.seller(), createRestrictedDataToken, RequestPath.parse(createRestrictedDataToken.pathTemplate()),
        Optional.empty(), json, RequestBody.of(body), List.of(), x.left(), x.call.lane()))
        .compose(SpApiResponse::whole);
  }

  private Future<HttpClientResponse> send(Exchange x, String token) {
    boolean bounded = x.leaveBy != Long.MAX_VALUE;
    long leaveWithin = bounded ? TimeUnit.NANOSECONDS.toMillis(x.leaveBy - System.nanoTime()) : 0;
    if (bounded && leaveWithin <= 0) {
      return Future.failedFuture(new MissedDeparture());
    }
    x.sends++;
    Seller seller = x.call.seller();
    Endpoint endpoint = endpoint(seller);
    String uri = x.call.path().value() + x.call.query().map(q -> "?" + q).orElse("");
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(x.call.headers())
        .set(TOKEN_HEADER, token)
        .set("user-agent", userAgent);
    if (x.call.body() instanceof RequestBody.Whole whole && whole.bytes().length() > 0 && !headers.contains("content-type")) {
      headers.set("content-type", "application/json");
    }
    application(seller).aws().ifPresent(aws -> x.trace.stage("spapi.sign",
        () -> sign(x, aws, seller, endpoint.base() + uri, headers)));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(x.operation().method()))
        .setHost(endpoint.host()).setPort(endpoint.port()).setSsl(endpoint.ssl()).setURI(uri)
        .setHeaders(headers)
        // Bounds the wait for a pooled (or new) connection, on a timeout nothing was sent: by the time the call may still leave
        // after its slot when that is shorter (a missed departure), else by the pool's own bound.
        .setConnectTimeout(bounded ? Math.min(leaveWithin, POOL_WAIT_MILLIS) : POOL_WAIT_MILLIS);
    // The send's traceparent is set in the headers (after signing: SigV4 leaves it unsigned) before the request is made.
    return x.trace.send("spapi.send", headers, () -> http.get().request(options)
        .recover(e -> {
          if (bounded && leaveWithin < POOL_WAIT_MILLIS && e instanceof TimeoutException) {
            x.sends--;
            return Future.failedFuture(new MissedDeparture());
          }
          return Future.failedFuture(e);
        })
        .compose(request -> {
          x.leftAt = System.nanoTime();
          // A failure reaches the call through the response's future (connectionFailed); unhandled, Vert.x would log it as an error.
          request.exceptionHandler(failure -> { });
          return x.call.body().sendWith(request);
        })
        .map(response -> {
          // Whoever takes the response reads its body; until then it must not flow.
          response.pause();
          return response;
        }));
  }

  private void sign(Exchange x, Application.AwsCredentials aws, Seller seller, String uri, MultiMap headers) {
    SigV4Signer signer = signers.computeIfAbsent(aws.accessKeyId() + "/" + seller.region().awsRegion(),
        k -> SigV4Signer.forSpApi(aws.accessKeyId(), aws.secretAccessKey(), seller.region().awsRegion()));
    URI target = URI.create(uri);
    Map<String, List<String>> unsigned = new LinkedHashMap<>();
    headers.forEach(h -> unsigned.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
    unsigned.put("host", List.of(target.getAuthority()));
    Optional<byte[]> payload = x.call.body() instanceof RequestBody.Whole whole ? Optional.of(whole.bytes().getBytes()) : Optional.empty();
    signer.sign(x.operation().method(), target, unsigned, payload).forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host")) {
        headers.set(name, values);
      }
    });
  }

  /** What Amazon's answer (or its absence) means for the call. */
  private Future<SpApiResponse> answered(Exchange x, String token, AsyncResult<HttpClientResponse> sent) {
    if (sent.failed()) {
      return connectionFailed(x, sent.cause());
    }
    HttpClientResponse response = sent.result();
    int status = response.statusCode();
    String announced = response.getHeader(RATE_LIMIT_HEADER);
    Future<Void> learned = announced == null ? Future.succeededFuture()
        : quota.announced(x.owner, x.plan, parseRate(announced));
    // The answer bounds when the call reached Amazon; coming after the call had to arrive, ours gives up what Amazon may have lost.
    long late = x.arriveBy == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - x.arriveBy);
    if (late > 0) {
      learned = learned.compose(v -> quota.arrivedLate(x.owner, x.plan, late));
    }
    boolean mayRetry = status == 429 || status == 401 || status == 403
        || ((status == 500 || status == 503) && x.operation().idempotent());
    if (!mayRetry) {
      return learned.map(v -> SpApiResponse.streaming(x.operation(), response, x.waitedMillis));
    }
    return learned.compose(v -> SpApiResponse.readWhole(response)).compose(body -> {
      SpApiResponse answer = SpApiResponse.read(x.operation(), response, body, x.waitedMillis);
      if (status == 429) {
        // Our bucket let the call go, so Amazon's disagreed: when it left and how long its answer took say whether it came late.
        LOG.info("SP-API {} for seller {} answered 429: it left {} ms after its slot, its answer came {} ms after it left",
            x.operation().operationId(), x.call.seller().id(), TimeUnit.NANOSECONDS.toMillis(x.leftAt - x.slotAt),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - x.leftAt));
        activity.throttled(x.call.seller().tenantId());
        return quota.throttledByAmazon(x.owner, x.plan).compose(v -> retry(x, answer));
      }
      if (status == 500 || status == 503) {
        return retry(x, answer);
      }
      if (expired(body) && !x.refreshedToken && x.call.body().replayable() && x.operation().grantlessScope().isEmpty()
          && !RestrictedOperations.needsRdt(x.operation(), x.call.dataElements())) {
        x.refreshedToken = true;
        return tokens.afterRejection(x.call.seller(), token).compose(fresh -> attempt(x));
      }
      return Future.succeededFuture(answer);
    });
  }

  /** Tries again after a backoff, if the body can be sent again, sends are left and the deadline allows; else Amazon's answer stands. */
  private Future<SpApiResponse> retry(Exchange x, SpApiResponse answer) {
    long backoff = backoffMillis(x.sends);
    if (!x.call.body().replayable() || x.sends >= MAX_ATTEMPTS || backoff * 1_000_000 >= x.left().toNanos()) {
      logAmazonError(x, answer);
      return Future.succeededFuture(answer);
    }
    return delay(backoff).compose(v -> attempt(x))
        .recover(e -> beyondDeadline(e) ? Future.succeededFuture(answer) : Future.failedFuture(e));
  }

  private Future<SpApiResponse> connectionFailed(Exchange x, Throwable cause) {
    Endpoint endpoint = endpoint(x.call.seller());
    String host = endpoint.host() + ":" + endpoint.port();
    if (cause instanceof ConnectionPoolTooBusyException || cause instanceof TimeoutException) {
      // No room to wait for a connection, or none came free in time: not sent, and a retry would only add to the load.
      return Future.failedFuture(new ApiException(new Problem(503, "spapi_pool_exhausted", "Service unavailable",
          "Every connection to SP-API at " + host + " is in use and none came free within " + POOL_WAIT_MILLIS / 1000 + " s for "
              + x.operation().operationId() + "; try again shortly."), Map.of("Retry-After", "1")));
    }
    boolean neverSent = cause instanceof ConnectException;
    boolean repeatable = (neverSent || x.operation().idempotent()) && x.call.body().replayable();
    long backoff = backoffMillis(x.sends);
    ApiException unreachable = new ApiException(new Problem(502, "spapi_unreachable", "Bad gateway",
        "SP-API at " + host + " could not be reached for " + x.operation().operationId() + " after " + x.sends + " attempt(s): "
            + describe(cause) + "."));
    if (repeatable && x.sends < MAX_ATTEMPTS && backoff * 1_000_000 < x.left().toNanos()) {
      return delay(backoff).compose(v -> attempt(x))
          .recover(e -> beyondDeadline(e) ? Future.failedFuture(unreachable) : Future.failedFuture(e));
    }
    LOG.warn("SP-API {} for seller {} failed without an answer after {} attempt(s): {}", x.operation().operationId(),
        x.call.seller().id(), x.sends, describe(cause));
    if (neverSent || x.operation().idempotent()) {
      return Future.failedFuture(unreachable);
    }
    return Future.failedFuture(new ApiException(new Problem(504, OUTCOME_UNKNOWN, "Gateway timeout",
        "The connection to SP-API failed after " + x.operation().operationId() + " was sent (" + describe(cause)
            + "); Amazon may or may not have carried it out. It is not idempotent, so it was not repeated: check its outcome "
            + "before sending it again.")));
  }

  private Endpoint endpoint(Seller seller) {
    return endpoints.computeIfAbsent(seller.region().code(),
        region -> Endpoint.of(endpointOverride.orElse(seller.region().amazonEndpoint())));
  }

  /** Full jitter: uniformly up to an exponentially growing, capped ceiling. */
  static long backoffMillis(int sends) {
    long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(sends - 1, 10));
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  private Future<Void> delay(long millis) {
    return millis == 0 ? Future.succeededFuture() : vertx.timer(millis, TimeUnit.MILLISECONDS);
  }

  private static boolean beyondDeadline(Throwable e) {
    return e instanceof ApiException api && "quota_wait_exceeds_deadline".equals(api.problem().code());
  }

  private Application application(Seller seller) {
    return applications.byId(seller.application()).orElseThrow(() -> new ApiException(new Problem(500, "application_unknown",
        "Internal error", "Seller " + seller.id() + "'s application '" + seller.application() + "' is not configured.")));
  }

  /** Amazon's answer to an expired token: 403 (or 401) Unauthorized saying it expired. */
  static boolean expired(Buffer body) {
    String text = body.toString();
    return text.contains("Unauthorized") && text.contains("expired");
  }

  private static double parseRate(String header) {
    try {
      return Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void logAmazonError(Exchange x, SpApiResponse answer) {
    if (answer.status() >= 500 || answer.status() == 429) {
      LOG.warn("SP-API {} for seller {} answered {} after {} attempt(s) (x-amzn-RequestId {})", x.operation().operationId(),
          x.call.seller().id(), answer.status(), x.sends, answer.headers().get("x-amzn-RequestId"));
    }
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }
}
