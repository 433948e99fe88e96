package io.spgate.spapi;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The gateway's own typed way to call SP-API for a seller, over the same {@link SpApiPipeline} as
 * the pass-through API: a method per operation the gateway calls itself, typed answer out; Amazon's
 * error answers fail with {@link SpApiException}, which keeps Amazon's status, code and request id.
 * A feature's own operations are methods of its typed client, built on {@link #call}: the request
 * names a modelled operation by method and path, and the answer comes back whole (the gateway's own
 * calls exchange small JSON; documents stream elsewhere).
 */
public final class SpApiClient {

  private final Vertx vertx;
  private final SpApiPipeline pipeline;
  private final Operations operations;
  private final Duration defaultMaxWait;

  public SpApiClient(Vertx vertx, SpApiPipeline pipeline, Operations operations, Duration defaultMaxWait) {
    this.vertx = vertx;
    this.pipeline = pipeline;
    this.operations = operations;
    this.defaultMaxWait = defaultMaxWait;
  }

  /** How long a call may wait for its quota slot, and its lane (the operation's default when empty). */
  public record CallOptions(Duration maxWait, Optional<Lane> lane) {}

  /** The options of a call that takes the gateway's default deadline and the operation's lane. */
  public CallOptions defaults() {
    return new CallOptions(defaultMaxWait, Optional.empty());
  }

  /** Sellers API: the marketplaces the seller participates in (also a cheap check that its authorization works). */
  public Future<List<MarketplaceParticipation>> getMarketplaceParticipations(Seller seller, CallOptions options) {
    return call(seller, SpApiRequest.get("/sellers/v1/marketplaceParticipations"), options,
        result -> MarketplaceParticipation.fromPayload(result.json()));
  }

  /**
   * One call of a modelled operation, its successful answer read by {@code answer}; a non-2xx answer
   * fails with {@link SpApiException}, a refusal of the gateway's own (quota deadline, seller state)
   * with its {@code ApiException}.
   */
  public <T> Future<T> call(Seller seller, SpApiRequest request, CallOptions options, Function<SpApiResult, T> answer) {
    return send(seller, request, options).compose(result -> result.successful() ? Future.succeededFuture(answer.apply(result))
        : Future.failedFuture(new SpApiException(result)));
  }

  private Future<SpApiResult> send(Seller seller, SpApiRequest request, CallOptions options) {
    RequestPath path;
    Operation operation;
    try {
      path = RequestPath.parse(request.path());
      operation = operations.resolve(request.method(), path);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("accept", "application/json");
    RequestBody body = request.body().map(RequestBody::of).orElse(RequestBody.NONE);
    SpApiCall call = new SpApiCall(seller, operation, path, query(request.query()), headers, body, request.dataElements(),
        options.maxWait(), options.lane().orElse(operation.defaultLane()));
    return onGatewayLoop(() -> pipeline.call(call).compose(SpApiResponse::whole));
  }

  /**
   * Runs the call on one of the gateway's event loops. A response paused on one context and read
   * from another thread could lose its first bytes, so callers from elsewhere (a worker, a test, a
   * benchmark's own Vert.x) are moved onto the gateway's.
   */
  private <T> Future<T> onGatewayLoop(Supplier<Future<T>> work) {
    Context current = Vertx.currentContext();
    if (current != null && current.owner() == vertx && current.isEventLoopContext()) {
      return work.get();
    }
    Promise<T> done = Promise.promise();
    ((VertxInternal) vertx).createEventLoopContext().runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static Optional<String> query(MultiMap query) {
    if (query.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    query.forEach(e -> {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    });
    return Optional.of(out.toString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
