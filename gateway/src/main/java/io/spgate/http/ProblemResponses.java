package io.spgate.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an answer: the gateway's own problems, Amazon's errors as Amazon gave
 * them, Vert.x Web's refusals (unknown route, wrong method, body too large, unmet expectation) as
 * problems, anything else as a bug. A connection that went away (the caller hung up, or Amazon's
 * answer broke off mid-body) is not an error: an answer under way is cut, and nothing is logged
 * above debug.
 */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  /** Postgres' SQLSTATE for a statement it cancelled, at statement_timeout among others. */
  private static final String QUERY_CANCELED = "57014";
  private static final Set<String> POOL_TIMEOUTS = Set.of("Timeout waiting for connection", "Timeout");

  private ProblemResponses() {}

  /** For every error status Vert.x Web may answer by itself (a handler's {@code fail(status)}). */
  public static void install(Router router) {
    for (int status = 400; status < 600; status++) {
      router.errorHandler(status, ProblemResponses::fromFailure);
    }
  }

  /**
   * Failure handler: {@link ApiException}s carry their problem and {@link UpstreamError}s their
   * answer; a status Vert.x Web failed with below 500 becomes the matching problem; anything else
   * is a bug ({@link #answer}).
   */
  public static void fromFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    boolean answered = failure instanceof ApiException || failure instanceof UpstreamError;
    if (!answered && status >= 400 && status < 500) {
      send(ctx.response(), RequestId.of(ctx), refusal(status, ctx.request()));
    } else {
      answer(ctx.request(), RequestId.of(ctx), failure);
    }
  }

  /** The problem for a status Vert.x refused a request with, before or while routing it. */
  public static Problem refusal(int status, HttpServerRequest request) {
    return switch (status) {
      case 400 -> Problem.badRequest("bad_request", "The request could not be read.");
      case 404 -> Problem.notFound("No route matches " + request.method() + " " + request.path() + ".");
      case 405 -> new Problem(405, "method_not_allowed", "Method not allowed",
          request.method() + " is not allowed on " + request.path() + ".");
      case 413 -> new Problem(413, "body_too_large", "Request body too large",
          "The request body exceeds the gateway's limit (SPGATE_BODY_LIMIT).");
      case 414 -> new Problem(414, "uri_too_long", "URI too long", "The request line is longer than the gateway reads (4096 bytes).");
      case 415 -> Json.UNSUPPORTED;
      case 417 -> new Problem(417, "expectation_failed", "Expectation failed",
          "The gateway meets no expectation but 'Expect: 100-continue'.");
      case 431 -> new Problem(431, "headers_too_large", "Request header fields too large",
          "The request's headers are larger than the gateway reads (8192 bytes).");
      default -> {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        yield new Problem(status, reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"), reason,
            "The gateway refused the request (" + status + " " + reason + ").");
      }
    };
  }

  /**
   * Answers a failure: an {@link ApiException} with its problem, a bound of the database
   * ({@link #databaseBound}) with its own, an {@link UpstreamError} with the service's own answer;
   * anything else is a bug, logged once here. A caller that hung up, or was answered already, gets
   * nothing more; an answer under way can only be cut.
   */
  public static void answer(HttpServerRequest request, String requestId, Throwable failure) {
    Optional<ApiException> bound = databaseBound(failure);
    if (bound.isPresent()) {
      LOG.warn("{} on {} {} (request {})", bound.get().getMessage(), request.method(), request.path(), requestId);
      answer(request, requestId, bound.get());
      return;
    }
    HttpServerResponse response = request.response();
    boolean lost = connectionLost(failure);
    if (response.closed() || response.ended() || (lost && (response.headWritten() || !request.isEnded()))) {
      // Gone or answered already; or a connection broke off mid-answer, or while the caller's body was read: the caller's.
      LOG.debug("{} {} (request {}) ended without its answer: {}", request.method(), request.path(), requestId, String.valueOf(failure));
      response.reset();
      return;
    }
    if (failure instanceof ApiException api) {
      api.headers().forEach(response::putHeader);
      send(response, requestId, api.problem());
    } else if (failure instanceof UpstreamError upstream) {
      passOn(response, upstream);
    } else if (response.headWritten()) {
      LOG.warn("{} {} (request {}) failed while its answer was under way; the answer is cut: {}", request.method(), request.path(),
          requestId, String.valueOf(failure));
      response.reset();
    } else if (lost) {
      LOG.warn("{} {} (request {}) lost a connection it depended on: {}", request.method(), request.path(), requestId,
          String.valueOf(failure));
      send(response, requestId, Problem.internal());
    } else {
      LOG.error("Unhandled failure on {} {} (request {})", request.method(), request.path(), requestId, failure);
      send(response, requestId, Problem.internal());
    }
  }

  /** Whether the failure is a connection that went away (a caller that hung up, mid-request or mid-answer): not an error. */
  static boolean connectionLost(Throwable failure) {
    return failure instanceof IOException || failure instanceof HttpClosedException
        || (failure instanceof VertxException && "Connection was closed".equals(failure.getMessage()));
  }

  /**
   * The Postgres pool's bounds, which fail as Vert.x's and Postgres' own exceptions: no room left to
   * wait for a connection, none came free in time (the SQL pool says so in one of two messages, for
   * a query and for a borrowed connection), or Postgres cancelled a statement at statement_timeout.
   * SP-API's and LWA's pools fail as their own problems where they are called, and Redis's commands
   * fall back, so a pool failure seen here is Postgres'.
   */
  static Optional<ApiException> databaseBound(Throwable failure) {
    if (failure instanceof ConnectionPoolTooBusyException
        || (failure instanceof VertxException && POOL_TIMEOUTS.contains(failure.getMessage()))) {
      return Optional.of(new ApiException(new Problem(503, "postgres_busy", "Service unavailable",
          "Every connection to the gateway's database is in use and none came free in time; try again shortly."),
          Map.of("Retry-After", "1")));
    }
    if (failure instanceof DatabaseException db && QUERY_CANCELED.equals(db.getSqlState())) {
      return Optional.of(new ApiException(new Problem(503, "postgres_timeout", "Service unavailable",
          "A database statement ran longer than the gateway allows (SPGATE_PG_STATEMENT_TIMEOUT) and was cancelled; "
              + "try again shortly.")));
    }
    return Optional.empty();
  }

  /** Ends the response with the problem; a response already under way can only be cut. */
  public static void send(HttpServerResponse response, String requestId, Problem problem) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"spgate\"");
    }
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .end(problem.toJson(requestId).encode());
  }

  private static void passOn(HttpServerResponse response, UpstreamError upstream) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.setStatusCode(upstream.status()).headers().addAll(upstream.headers());
    response.end(upstream.body());
  }
}
