package io.spgate.tenant;

import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/session}: the console signs in by sending an API key once ({@code POST} with {@code
 * Authorization: Bearer}), and from then on calls the API with the session cookie ({@link
 * ConsoleSessions}). {@code GET} answers the session's caller and its CSRF token (a reloaded page
 * keeps none); {@code DELETE} signs out.
 */
public final class SessionRoutes implements Feature {

  private static final long PURGE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);
  private static final Logger LOG = LoggerFactory.getLogger(SessionRoutes.class);

  private final Vertx vertx;
  private final ConsoleSessions sessions;

  public SessionRoutes(Vertx vertx, ConsoleSessions sessions) {
    this.vertx = vertx;
    this.sessions = sessions;
  }

  @Override
  public void mountApi(Router v1) {
    v1.post("/session").handler(this::signIn);
    v1.get("/session").handler(this::current);
    v1.delete("/session").handler(this::signOut);
  }

  @Override
  public Future<Void> startWorkers() {
    vertx.setPeriodic(PURGE_EVERY_MILLIS, id -> sessions.purgeExpired()
        .onFailure(e -> LOG.warn("Could not purge ended console sessions: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  private void signIn(RoutingContext ctx) {
    if (Authenticator.bySession(ctx)) {
      throw new ApiException(Problem.badRequest("api_key_required", "Sign in with an API key: 'Authorization: Bearer <key>'."));
    }
    Caller caller = Caller.of(ctx);
    Json.respond(ctx, 201, sessions.create(caller).map(signedIn -> {
      ctx.response().addCookie(sessions.cookie(signedIn.sessionId()));
      return describe(caller, signedIn.csrfToken(), signedIn.expiresAt());
    }));
  }

  private void current(RoutingContext ctx) {
    if (!Authenticator.bySession(ctx)) {
      throw new ApiException(Problem.badRequest("no_session", "This request carries an API key, not a console session."));
    }
    Json.respond(ctx, 200, sessions.session(ctx).map(session -> describe(session.caller(), session.csrfToken(),
        session.expiresAt())));
  }

  private void signOut(RoutingContext ctx) {
    Json.noContent(ctx, sessions.end(ctx).onSuccess(v -> ctx.response().addCookie(sessions.cookie(""))));
  }

  /** What the console needs to know of who signed in: never the key or the session id. */
  private static JsonObject describe(Caller caller, String csrfToken, Instant expiresAt) {
    return new JsonObject()
        .put("tenantId", caller.tenantId().map(Object::toString).orElse(null))
        .put("admin", caller.isAdmin())
        .put("scopes", new JsonArray(caller.scopes().stream().map(Scope::value).sorted().toList()))
        .put("csrfToken", csrfToken)
        .put("expiresAt", expiresAt.toString());
  }
}
