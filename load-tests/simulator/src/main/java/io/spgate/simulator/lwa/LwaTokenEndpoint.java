package io.spgate.simulator.lwa;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.faults.FaultSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST /auth/o2/token: Login with Amazon's token endpoint, with its response and error shapes. Accepts the
 * form-encoded body of the documentation and the JSON body the official Java SDK sends.
 */
public final class LwaTokenEndpoint {
  public static final String PATH = "/auth/o2/token";
  static final Set<String> GRANTLESS_SCOPES = Set.of("sellingpartnerapi::notifications", "sellingpartnerapi::client_credential:rotation");

  private final Vertx vertx;
  private final DemoWorld world;
  private final AccessTokens tokens;
  private final AuthorizationCodes codes;
  private final Consents consents;
  private final LwaCounters counters;
  private final FaultSettings faults;
  private final SimClock clock;

  public LwaTokenEndpoint(
      Vertx vertx, DemoWorld world, AccessTokens tokens, AuthorizationCodes codes, Consents consents, LwaCounters counters,
      FaultSettings faults, SimClock clock) {
    this.vertx = vertx;
    this.world = world;
    this.tokens = tokens;
    this.codes = codes;
    this.consents = consents;
    this.counters = counters;
    this.faults = faults;
    this.clock = clock;
  }

  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    Instant now = clock.now();
    if (faults.lwaDownAt(now)) {
      answerDuringOutage(response, now);
      return;
    }
    Map<String, String> form;
    try {
      form = parse(ctx.body().buffer(), ctx.request().getHeader("content-type"));
    } catch (DecodeException e) {
      error(response, 400, "invalid_request", "Malformed request");
      return;
    }
    String grantType = form.get("grant_type");
    counters.record(grantType, form.get("refresh_token"));
    if (grantType == null) {
      error(response, 400, "invalid_request", "The request is missing a required parameter : grant_type");
      return;
    }
    Optional<LwaApplication> app = world.applicationByClientId(nonNull(form.get("client_id")))
        .filter(a -> a.clientSecret().equals(form.get("client_secret")));
    switch (grantType) {
      case "refresh_token" -> app.ifPresentOrElse(a -> refresh(response, a, form.get("refresh_token")), () -> invalidClient(response));
      case "authorization_code" -> app.ifPresentOrElse(a -> exchangeCode(response, a, form.get("code"), now),
          () -> invalidClient(response));
      case "client_credentials" -> app.ifPresentOrElse(a -> grantless(response, a, form.get("scope")), () -> invalidClient(response));
      default -> error(response, 400, "unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server");
    }
  }

  private void refresh(HttpServerResponse response, LwaApplication app, String refreshToken) {
    if (refreshToken == null) {
      error(response, 400, "invalid_request", "The request is missing a required parameter : refresh_token");
      return;
    }
    Optional<Seller> seller = consents.sellerOf(refreshToken).filter(s -> s.application().equals(app));
    if (seller.isEmpty()) {
      error(response, 400, "invalid_grant", "The request has an invalid grant parameter : refresh_token");
      return;
    }
    Instant now = clock.now();
    counters.recordRenewal(refreshToken, now, now.plusSeconds(tokens.lifetimeSeconds()));
    ok(response, tokenBody(tokens.issueForSeller(seller.get())).put("refresh_token", refreshToken));
  }

  private void exchangeCode(HttpServerResponse response, LwaApplication app, String code, Instant now) {
    if (code == null) {
      error(response, 400, "invalid_request", "The request is missing a required parameter : code");
      return;
    }
    Optional<AuthorizationCodes.Grant> grant = codes.redeem(code, now).filter(g -> g.application().equals(app));
    if (grant.isEmpty()) {
      error(response, 400, "invalid_grant", "The request has an invalid grant parameter : code");
      return;
    }
    Seller seller = grant.get().seller();
    ok(response, tokenBody(tokens.issueForSeller(seller)).put("refresh_token", consents.renew(seller)));
  }

  private void grantless(HttpServerResponse response, LwaApplication app, String scope) {
    if (scope == null) {
      error(response, 400, "invalid_request", "The request is missing a required parameter : scope");
      return;
    }
    List<String> scopes = List.of(scope.trim().split("\\s+"));
    if (!GRANTLESS_SCOPES.containsAll(scopes)) {
      error(response, 400, "invalid_scope", "The request has an invalid parameter : scope");
      return;
    }
    ok(response, tokenBody(tokens.issueGrantless(app, String.join(" ", scopes))).put("scope", String.join(" ", scopes)));
  }

  private JsonObject tokenBody(String accessToken) {
    return new JsonObject().put("access_token", accessToken).put("token_type", "bearer").put("expires_in", tokens.lifetimeSeconds());
  }

  private void answerDuringOutage(HttpServerResponse response, Instant now) {
    if (!faults.lwaOutageHangs()) {
      error(response, 503, "temporarily_unavailable", "The service is temporarily unavailable. Please try again later.");
      return;
    }
    // A hanging LWA holds the request until the outage ends; a client with a sane timeout gives up long before.
    long waitMillis = Math.max(1, Duration.between(now, faults.lwaOutageUntil()).toMillis());
    vertx.setTimer(waitMillis,
        id -> error(response, 503, "temporarily_unavailable", "The service is temporarily unavailable. Please try again later."));
  }

  private static void invalidClient(HttpServerResponse response) {
    error(response, 401, "invalid_client", "Client authentication failed");
  }

  private static void ok(HttpServerResponse response, JsonObject body) {
    send(response, 200, body);
  }

  private static void error(HttpServerResponse response, int status, String code, String description) {
    send(response, status, new JsonObject().put("error_description", description).put("error", code));
  }

  private static void send(HttpServerResponse response, int status, JsonObject body) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("content-type", "application/json;charset=UTF-8")
        .putHeader("cache-control", "no-store")
        .putHeader("pragma", "no-cache")
        .end(body.toBuffer());
  }

  static Map<String, String> parse(Buffer body, String contentType) {
    if (body == null || body.length() == 0) {
      return Map.of();
    }
    if (contentType != null && contentType.toLowerCase().contains("json")) {
      JsonObject json = new JsonObject(body);
      Map<String, String> map = new java.util.HashMap<>();
      json.forEach(e -> map.put(e.getKey(), e.getValue() == null ? null : e.getValue().toString()));
      return map;
    }
    Map<String, String> map = new java.util.HashMap<>();
    new QueryStringDecoder(body.toString(), false).parameters().forEach((k, v) -> map.put(k, v.isEmpty() ? "" : v.get(0)));
    return map;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
