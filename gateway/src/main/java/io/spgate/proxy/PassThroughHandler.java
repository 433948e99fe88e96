package io.spgate.proxy;

import io.spgate.fairness.TenantAdmission;
import io.spgate.http.ApiException;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.http.ProblemResponses;
import io.spgate.http.RequestId;
import io.spgate.http.RequestMetrics;
import io.spgate.logging.LogContext;
import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.ForwardedHeaders;
import io.spgate.spapi.Operation;
import io.spgate.spapi.Operations;
import io.spgate.spapi.RequestBody;
import io.spgate.spapi.RequestPath;
import io.spgate.spapi.RequestQuery;
import io.spgate.spapi.SpApiCall;
import io.spgate.spapi.SpApiPipeline;
import io.spgate.spapi.SpApiResponse;
import io.spgate.tenant.Authenticator;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code /v1/sellers/{sellerId}/sp-api/{path}}: any operation of the official models, for one of
 * the caller's sellers, forwarded to the same path on the seller's regional endpoint through the
 * {@link SpApiPipeline}, Amazon's answer streamed back. Nothing else is relayed: the path must be
 * a modelled operation's, and the host is always the seller's region's.
 *
 * <p>It is most of the gateway's traffic and needs nothing of Vert.x Web, so the HTTP server hands
 * every request to it first ({@link #ahead}), and it passes all others on to the Router; the body
 * is never collected, it streams.
 */
public final class PassThroughHandler {

  /** The route in OpenAPI's terms, for any method. */
  public static final String PATH = "/v1/sellers/{sellerId}/sp-api/{path}";
  public static final String MAX_WAIT_HEADER = "X-Spgate-Max-Wait";
  public static final String LANE_HEADER = "X-Spgate-Lane";
  public static final String DATA_ELEMENTS_HEADER = "X-Spgate-Data-Elements";
  public static final String OPERATION_HEADER = RequestMetrics.OPERATION_HEADER;
  public static final String QUOTA_WAIT_HEADER = "X-Spgate-Quota-Wait-Ms";
  static final Duration MAX_WAIT_LIMIT = Duration.ofMinutes(5);
  /** A body refused unread is read and dropped up to this size, so the connection serves the next request; beyond it, it closes. */
  static final long DRAIN_LIMIT = 1024 * 1024;
  /** The query parameter an admin key names the tenant it acts for with; the gateway's, not Amazon's. */
  static final String ACTING_TENANT = "tenantId";
  private static final String SELLERS_PREFIX = "/v1/sellers/";
  private static final String SP_API_SEGMENT = "/sp-api";

  private final Authenticator authenticator;
  private final TenantAdmission admission;
  private final SellerStore sellers;
  private final Operations operations;
  private final SpApiPipeline pipeline;
  private final Duration defaultMaxWait;
  private final RequestMetrics metrics;

  public PassThroughHandler(Authenticator authenticator, TenantAdmission admission, SellerStore sellers, Operations operations,
      SpApiPipeline pipeline, Duration defaultMaxWait, RequestMetrics metrics) {
    this.authenticator = authenticator;
    this.admission = admission;
    this.sellers = sellers;
    this.operations = operations;
    this.pipeline = pipeline;
    this.defaultMaxWait = defaultMaxWait;
    this.metrics = metrics;
  }

  /** A server's request handler: the pass-through's requests are served here, every other one by {@code others} (the Router). */
  public Handler<HttpServerRequest> ahead(Handler<HttpServerRequest> others) {
    return request -> {
      int spApiPath = spApiPathStart(request.path());
      if (spApiPath < 0) {
        others.handle(request);
      } else {
        handle(request, spApiPath);
      }
    };
  }

  private void handle(HttpServerRequest request, int spApiPath) {
    String rawPath = request.path();
    metrics.time(request);
    // Nothing of the body may flow before the call is ready to send it.
    request.pause();
    String requestId = RequestId.assign(request);
    // Its tenant, seller and operation join the request's log lines in the pipeline (SpApiPipeline#call).
    LogContext.beginRequest(requestId);
    // Admitted within the tenant's own limits (or refused at once, before anything else is looked up), the call holds its
    // permit until the gateway is done with it: answered, streamed to the end, or cut.
    authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION))
        .compose(caller -> admission.admit(caller, TenantAdmission.Route.SP_API).compose(permit -> Future.<Void>succeededFuture()
            // Composed rather than called, so that a refusal thrown before the call's future exists releases the permit too.
            .compose(v -> forward(request, caller, rawPath.substring(SELLERS_PREFIX.length(), spApiPath - SP_API_SEGMENT.length()),
                rawPath.substring(spApiPath)))
            .andThen(done -> permit.release())))
        .onFailure(failure -> answerUnsent(request, requestId, failure));
  }

  /**
   * Answers a failure; a body still unread (the call was refused before it was sent: a key, a
   * seller, an operation or a quota) would block the connection, so a small one is read and
   * dropped and a larger one closes the connection after the answer.
   */
  private static void answerUnsent(HttpServerRequest request, String requestId, Throwable failure) {
    if (request.isEnded()) {
      ProblemResponses.answer(request, requestId, failure);
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && !isAtMost(length, DRAIN_LIMIT)) {
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
      ProblemResponses.answer(request, requestId, failure);
      request.connection().close();
      return;
    }
    ProblemResponses.answer(request, requestId, failure);
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > DRAIN_LIMIT) {
        request.connection().close();
      }
    });
    request.resume();
  }

  private static boolean isAtMost(String length, long limit) {
    try {
      return Long.parseLong(length.trim()) <= limit;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Where the SP-API path starts in {@code /v1/sellers/{sellerId}/sp-api/{path}}, or -1 for any
   * other path. Matched as sent: a path that reaches this prefix only once dot segments are
   * resolved is not the pass-through's.
   */
  static int spApiPathStart(String path) {
    if (!path.startsWith(SELLERS_PREFIX)) {
      return -1;
    }
    int sellerEnd = path.indexOf('/', SELLERS_PREFIX.length());
    if (sellerEnd <= SELLERS_PREFIX.length() || !path.startsWith(SP_API_SEGMENT, sellerEnd)) {
      return -1;
    }
    int end = sellerEnd + SP_API_SEGMENT.length();
    return end == path.length() || path.charAt(end) == '/' ? end : -1;
  }

  /** Fails with a problem for the caller until Amazon's answer is under way; a failure after that cuts the stream. */
  private Future<Void> forward(HttpServerRequest request, Caller caller, String rawSellerId, String rawSpApiPath) {
    UUID sellerId = Params.id(rawSellerId, "Seller");
    String method = request.method().name();
    RequestPath path = RequestPath.parse(rawSpApiPath);
    Operation operation = operations.resolve(method, path);
    if (operation.grantlessScope().isPresent() && !caller.isAdmin()) {
      throw reserved(operation);
    }
    Optional<String> query = Optional.ofNullable(request.query()).map(RequestQuery::check)
        .flatMap(q -> caller.isAdmin() ? withoutFirst(q, ACTING_TENANT) : Optional.of(q));
    Duration maxWait = maxWait(request.getHeader(MAX_WAIT_HEADER));
    Lane lane = lane(request.getHeader(LANE_HEADER)).orElse(operation.defaultLane());
    List<String> dataElements = dataElements(request.getHeader(DATA_ELEMENTS_HEADER));
    return sellers.forCall(sellerId)
        .compose(found -> {
          Seller seller = found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
          caller.requireTenant(seller.tenantId(), method.equals("GET") ? Scope.TENANT_READ : Scope.TENANT_WRITE, "Seller " + sellerId);
          return body(request).compose(body -> pipeline.call(new SpApiCall(seller, operation, path, query,
              ForwardedHeaders.toAmazon(request.headers()), body, dataElements, maxWait, lane)));
        })
        .compose(answer -> respond(request, answer));
  }

  /**
   * The application's own operations (grantless: its notification destinations and subscriptions,
   * its client secret) act for every seller of every tenant on it, so only admin keys (and the
   * gateway's own features, which do not come through here) may call them.
   */
  private static ApiException reserved(Operation operation) {
    return new ApiException(new Problem(403, "operation_reserved", "Forbidden", operation.operationId() + " acts for the whole "
        + "application, every seller of every tenant on it: only admin keys may call it."));
  }

  /** The query without the first parameter named {@code name}, if anything is left. */
  static Optional<String> withoutFirst(String query, String name) {
    List<String> parameters = new ArrayList<>(Arrays.asList(query.split("&", -1)));
    for (int i = 0; i < parameters.size(); i++) {
      String parameter = parameters.get(i);
      if (parameter.equals(name) || parameter.startsWith(name + "=")) {
        parameters.remove(i);
        break;
      }
    }
    return parameters.isEmpty() ? Optional.empty() : Optional.of(String.join("&", parameters));
  }

  /** A small body with a length is held whole, so the call can be retried; anything else streams through once. */
  private static Future<RequestBody> body(HttpServerRequest request) {
    String length = request.getHeader("content-length");
    OptionalLong declared = OptionalLong.empty();
    if (length != null) {
      try {
        declared = OptionalLong.of(Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        return Future.failedFuture(new ApiException(Problem.badRequest("invalid_content_length", "Content-Length is not a number.")));
      }
    }
    if (declared.isPresent() && declared.getAsLong() == 0) {
      return Future.succeededFuture(RequestBody.NONE);
    }
    if (declared.isPresent() && declared.getAsLong() <= RequestBody.REPLAYABLE_LIMIT) {
      Future<Buffer> whole = request.body();
      request.resume();
      return whole.map(RequestBody::of);
    }
    if (declared.isEmpty() && !request.headers().contains("transfer-encoding")) {
      return Future.succeededFuture(RequestBody.NONE);
    }
    return Future.succeededFuture(new RequestBody.Streamed(request, declared));
  }

  private static Future<Void> respond(HttpServerRequest request, SpApiResponse answer) {
    // The answer is Amazon's from here: a body that breaks off now (a bad chunk) only ends the connection, nothing answers it.
    request.connection().exceptionHandler(failure -> request.connection().close());
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.status());
    ForwardedHeaders.toCaller(answer.headers(), response.headers());
    response.putHeader(OPERATION_HEADER, answer.operation().operationId());
    response.putHeader(QUOTA_WAIT_HEADER, Long.toString(answer.quotaWaitMillis()));
    if (!response.headers().contains("content-length")) {
      response.setChunked(true);
    }
    return answer.pipeTo(response);
  }

  private Duration maxWait(String header) {
    if (header == null) {
      return defaultMaxWait;
    }
    try {
      long millis = Long.parseLong(header.trim());
      if (millis >= 0 && millis <= MAX_WAIT_LIMIT.toMillis()) {
        return Duration.ofMillis(millis);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(Problem.validation(MAX_WAIT_HEADER + " must be a whole number of milliseconds from 0 to "
        + MAX_WAIT_LIMIT.toMillis() + "."));
  }

  private static Optional<Lane> lane(String header) {
    if (header == null) {
      return Optional.empty();
    }
    return Optional.of(Lane.parse(header.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new ApiException(
        Problem.validation(LANE_HEADER + " must be one of urgent, normal, bulk."))));
  }

  private static List<String> dataElements(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    List<String> elements = Arrays.stream(header.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    if (elements.stream().anyMatch(e -> !e.matches("[A-Za-z]{1,64}"))) {
      throw new ApiException(Problem.validation(DATA_ELEMENTS_HEADER + " must list data elements such as buyerInfo,shippingAddress."));
    }
    return elements;
  }
}
