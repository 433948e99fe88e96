package io.spgate.proxy;

import io.spgate.api.ApiException;
import io.spgate.api.Params;
import io.spgate.api.Problem;
import io.spgate.api.ProblemResponses;
import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.ForwardedHeaders;
import io.spgate.spapi.Operation;
import io.spgate.spapi.Operations;
import io.spgate.spapi.RequestBody;
import io.spgate.spapi.RequestPath;
import io.spgate.spapi.SpApiCall;
import io.spgate.spapi.SpApiPipeline;
import io.spgate.spapi.SpApiResponse;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code /v1/sellers/{sellerId}/sp-api/{path}}: any operation of the official models, for one of
 * the caller's sellers, forwarded to the same path on the seller's regional endpoint through the
 * {@link SpApiPipeline}, Amazon's answer streamed back. Nothing else is relayed: the path must be
 * a modelled operation's, and the host is always the seller's region's.
 */
public final class PassThroughRoutes {

  public static final String ROUTE = "/v1/sellers/:sellerId/sp-api/*";
  public static final String MAX_WAIT_HEADER = "X-Spgate-Max-Wait";
  public static final String LANE_HEADER = "X-Spgate-Lane";
  public static final String DATA_ELEMENTS_HEADER = "X-Spgate-Data-Elements";
  public static final String OPERATION_HEADER = "X-Spgate-Operation";
  public static final String QUOTA_WAIT_HEADER = "X-Spgate-Quota-Wait-Ms";
  static final Duration MAX_WAIT_LIMIT = Duration.ofMinutes(5);

  private final SellerStore sellers;
  private final Operations operations;
  private final SpApiPipeline pipeline;
  private final Duration defaultMaxWait;

  public PassThroughRoutes(SellerStore sellers, Operations operations, SpApiPipeline pipeline, Duration defaultMaxWait) {
    this.sellers = sellers;
    this.operations = operations;
    this.pipeline = pipeline;
    this.defaultMaxWait = defaultMaxWait;
  }

  /** Mounted before the /v1 body handler: the body streams, it is never collected. */
  public void mount(Router router, Handler<RoutingContext> authenticator) {
    router.route(ROUTE)
        .handler(ctx -> {
          // Nothing of the body may flow before the call is ready to send it.
          ctx.request().pause();
          ctx.next();
        })
        .handler(authenticator)
        .handler(this::forward)
        .failureHandler(ProblemResponses::fromFailure);
  }

  private void forward(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Caller caller = Caller.of(ctx);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    String method = request.method().name();
    RequestPath path = RequestPath.parse(pathAfterPrefix(request.path()));
    Operation operation = operations.resolve(method, path);
    Duration maxWait = maxWait(request.getHeader(MAX_WAIT_HEADER));
    Lane lane = lane(request.getHeader(LANE_HEADER)).orElse(operation.defaultLane());
    List<String> dataElements = dataElements(request.getHeader(DATA_ELEMENTS_HEADER));
    sellers.forCall(sellerId)
        .map(found -> {
          Seller seller = found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
          caller.requireTenant(seller.tenantId(), method.equals("GET") ? Scope.TENANT_READ : Scope.TENANT_WRITE, "Seller " + sellerId);
          return seller;
        })
        .compose(seller -> body(request).compose(body -> pipeline.call(new SpApiCall(seller, operation, path,
            Optional.ofNullable(request.query()), ForwardedHeaders.toAmazon(request.headers()), body, dataElements, maxWait, lane))))
        .compose(answer -> respond(ctx.response(), answer))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(failure);
          } else {
            // The caller already has Amazon's status and part of the body; all that is left is to cut the stream.
            ctx.response().reset();
          }
        });
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
      Future<io.vertx.core.buffer.Buffer> whole = request.body();
      request.resume();
      return whole.map(RequestBody::of);
    }
    if (declared.isEmpty() && !request.headers().contains("transfer-encoding")) {
      return Future.succeededFuture(RequestBody.NONE);
    }
    return Future.succeededFuture(new RequestBody.Streamed(request, declared));
  }

  private static Future<Void> respond(HttpServerResponse response, SpApiResponse answer) {
    response.setStatusCode(answer.status());
    ForwardedHeaders.toCaller(answer.headers(), response.headers());
    response.putHeader(OPERATION_HEADER, answer.operation().operationId());
    response.putHeader(QUOTA_WAIT_HEADER, Long.toString(answer.quotaWaitMillis()));
    if (!response.headers().contains("content-length")) {
      response.setChunked(true);
    }
    return answer.pipeTo(response);
  }

  /** The path after {@code /v1/sellers/{id}/sp-api}, as sent (still encoded). */
  private static String pathAfterPrefix(String raw) {
    int sellers = "/v1/sellers/".length();
    int marker = raw.indexOf("/sp-api", sellers);
    return marker < 0 ? "" : raw.substring(marker + "/sp-api".length());
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
    return Optional.of(Lane.parse(header.trim().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> new ApiException(
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
