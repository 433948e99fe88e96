package io.spgate.http;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.sqlclient.DatabaseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure, including Vert.x Web's own 404/405/413, into problem+json. */
public final class ProblemResponses {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  /** Postgres' SQLSTATE for a statement it cancelled, at statement_timeout among others. */
  private static final String QUERY_CANCELED = "57014";
  private static final Set<String> POOL_TIMEOUTS = Set.of("Timeout waiting for connection", "Timeout");

  private ProblemResponses() {}

  public static void install(Router router) {
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, ProblemResponses::fromFailure);
    }
  }

  /**
   * Failure handler: {@link ApiException}s carry their problem; Vert.x Web's own failures (unknown
   * route, wrong method, body too large) become theirs; anything else is a bug ({@link #answer}).
   */
  public static void fromFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    HttpServerRequest request = ctx.request();
    Problem problem = failure instanceof ApiException ? null : switch (status) {
      case 400 -> Problem.badRequest("bad_request", "The request could not be read.");
      case 404 -> Problem.notFound("No route matches " + request.method() + " " + request.path() + ".");
      case 405 -> new Problem(405, "method_not_allowed", "Method not allowed",
          request.method() + " is not allowed on " + request.path() + ".");
      case 413 -> new Problem(413, "body_too_large", "Request body too large",
          "The request body exceeds the gateway's limit (SPGATE_BODY_LIMIT).");
      case 415 -> new Problem(415, "unsupported_media_type", "Unsupported media type", "Send the body as application/json.");
      default -> null;
    };
    if (problem == null) {
      answer(request, RequestId.of(ctx), failure);
    } else {
      send(ctx.response(), RequestId.of(ctx), problem);
    }
  }

  /**
   * Answers a failure with its problem when it is an {@link ApiException} or a bound of the database
   * ({@link #databaseBound}); anything else is a bug, logged once here.
   */
  public static void answer(HttpServerRequest request, String requestId, Throwable failure) {
    Optional<ApiException> bound = databaseBound(failure);
    if (bound.isPresent()) {
      LOG.warn("{} on {} {} (request {})", bound.get().getMessage(), request.method(), request.path(), requestId);
      answer(request, requestId, bound.get());
      return;
    }
    if (failure instanceof ApiException api) {
      api.headers().forEach(request.response()::putHeader);
      send(request.response(), requestId, api.problem());
      return;
    }
    LOG.error("Unhandled failure on {} {} (request {})", request.method(), request.path(), requestId, failure);
    send(request.response(), requestId, Problem.internal());
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
}
