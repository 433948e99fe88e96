package io.spgate.oauth;

import io.spgate.application.Application;
import io.spgate.application.Applications;
import io.spgate.console.ConsoleRoutes;
import io.spgate.crypto.SecretBox;
import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.http.WebUrl;
import io.spgate.lwa.LwaClient;
import io.spgate.lwa.LwaException;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.spapi.SpApiClient;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SP-API OAuth website flow: a tenant asks for a consent URL, to connect a new seller or to
 * re-authorize one of its sellers; the seller consents in Seller Central, and Amazon sends the
 * seller's browser to {@value #CALLBACK_PATH} with a code that spgate exchanges for the refresh
 * token. The callback does only what its state was issued for, and sends the browser on to a page:
 * the tenant's {@code returnUrl}, or the console's {@value ConsoleRoutes#CONNECTED_PAGE}.
 */
public final class AuthorizationRoutes implements Feature {

  public static final String CALLBACK_PATH = "/oauth/callback";
  static final Duration STATE_TTL = Duration.ofMinutes(15);
  /** How long an expired state is kept, so a late callback still hears why it failed. */
  static final Duration EXPIRED_STATES_KEPT = Duration.ofDays(1);
  private static final long PURGE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationRoutes.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final OAuthStates states;
  private final SellerStore sellers;
  private final Applications applications;
  private final SecretBox box;
  private final LwaClient lwa;
  private final Optional<URI> sellerCentralOverride;
  private final String publicBase;
  private final ParticipatingMarketplaces participating;

  public AuthorizationRoutes(Vertx vertx, OAuthStates states, SellerStore sellers, Applications applications, SecretBox box,
      LwaClient lwa, SpApiClient spApi, Optional<URI> sellerCentralOverride, URI publicUrl) {
    this.vertx = vertx;
    this.states = states;
    this.participating = new ParticipatingMarketplaces(spApi, sellers);
    this.sellers = sellers;
    this.applications = applications;
    this.box = box;
    this.lwa = lwa;
    this.sellerCentralOverride = sellerCentralOverride;
    this.publicBase = publicUrl.toString().replaceAll("/$", "");
  }

  @Override
  public Future<Void> startWorkers() {
    vertx.setPeriodic(PURGE_EVERY_MILLIS, id -> states.purgeExpired(EXPIRED_STATES_KEPT)
        .onFailure(e -> LOG.warn("Could not purge expired OAuth states: {}", e.getMessage())));
    return Future.succeededFuture();
  }

  @Override
  public void mountApi(Router v1) {
    v1.post("/sellers/authorizations").handler(this::connect);
    v1.post("/sellers/:sellerId/authorizations").handler(this::reauthorize);
  }

  /** The callback carries no API key: the signed, single-use state is what authenticates it. */
  @Override
  public void mountPublic(Router router) {
    router.get(CALLBACK_PATH).handler(this::complete);
  }

  private void connect(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_WRITE);
    JsonObject body = Json.body(ctx);
    Json.onlyFields(body, Set.of("marketplaceId", "application", "returnUrl"));
    Object rawMarketplace = body.getValue("marketplaceId");
    Marketplace marketplace = (rawMarketplace instanceof String s ? Marketplace.byId(s) : Optional.<Marketplace>empty())
        .orElseThrow(() -> new ApiException(Problem.validation("'marketplaceId' must be an Amazon marketplace id.")));
    Optional<URI> returnUrl = returnUrl(body);
    Json.respond(ctx, 201, applications.usable(tenant, body.getValue("application")).compose(app -> issue(app, marketplace,
        new OAuthStates.Pending(tenant, app.id(), marketplace.region(), List.of(marketplace.id()), new OAuthStates.Intent.Connect(),
            returnUrl))));
  }

  /** A consent URL for one of the tenant's sellers, under its application, that can only renew that seller's credentials. */
  private void reauthorize(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_WRITE);
    UUID sellerId = Params.pathId(ctx, "sellerId", "Seller");
    JsonObject body = ctx.body().isEmpty() ? new JsonObject() : Json.body(ctx);
    Json.onlyFields(body, Set.of("marketplaceId", "returnUrl"));
    Optional<URI> returnUrl = returnUrl(body);
    Json.respond(ctx, 201, sellers.get(tenant, sellerId).compose(found -> {
      Seller seller = found.orElseThrow(() -> new ApiException(Problem.notFound("Seller " + sellerId + " does not exist.")));
      Object rawMarketplace = body.getValue("marketplaceId");
      String marketplaceId = rawMarketplace == null ? seller.marketplaces().get(0) : rawMarketplace instanceof String s
          && seller.marketplaces().contains(s) ? s : null;
      if (marketplaceId == null) {
        throw new ApiException(Problem.validation("'marketplaceId' must be one of the seller's marketplaces: "
            + String.join(", ", seller.marketplaces()) + "."));
      }
      return usableApplication(tenant, seller.application()).compose(app -> issue(app, Marketplace.byId(marketplaceId).orElseThrow(),
          new OAuthStates.Pending(tenant, app.id(), seller.region(), seller.marketplaces(),
              new OAuthStates.Intent.Reauthorize(seller.id(), seller.sellingPartnerId()), returnUrl)));
    }));
  }

  private Future<JsonObject> issue(Application app, Marketplace marketplace, OAuthStates.Pending pending) {
    String nonce = randomToken();
    String state = box.sign(nonce);
    String redirectUri = redirectUri(app);
    return states.create(nonce, pending, STATE_TTL).map(expiresAt -> {
      String consent = sellerCentralOverride.map(URI::toString).orElse("https://" + marketplace.sellerCentralHost())
          + "/apps/authorize/consent?application_id=" + encode(app.applicationId()) + "&state=" + encode(state)
          + "&redirect_uri=" + encode(redirectUri) + (app.draft() ? "&version=beta" : "");
      JsonObject json = new JsonObject().put("consentUrl", consent).put("state", state).put("expiresAt", expiresAt.toString())
          .put("redirectUri", redirectUri).put("application", app.id());
      if (pending.intent() instanceof OAuthStates.Intent.Reauthorize reauthorize) {
        json.put("intent", "reauthorize").put("sellerId", reauthorize.sellerId().toString());
      } else {
        json.put("intent", "connect");
      }
      pending.returnUrl().ifPresent(url -> json.put("returnUrl", url.toString()));
      return json;
    });
  }

  private void complete(RoutingContext ctx) {
    Optional<String> nonce = box.verify(ctx.queryParams().get("state"));
    if (nonce.isEmpty()) {
      land(ctx, Optional.empty(), null, Future.failedFuture(new ApiException(Problem.badRequest("oauth_state_invalid",
          "The state is missing or was not issued by this gateway."))));
      return;
    }
    states.consume(nonce.get()).onComplete(consumed -> {
      if (consumed.failed()) {
        land(ctx, Optional.empty(), null, Future.failedFuture(consumed.cause()));
      } else if (consumed.result() instanceof OAuthStates.Consumed.Refused refused) {
        land(ctx, refused.returnUrl(), null, Future.failedFuture(new ApiException(Problem.badRequest(refused.code(), refused.detail()))));
      } else {
        OAuthStates.Pending pending = ((OAuthStates.Consumed.Ok) consumed.result()).pending();
        land(ctx, pending.returnUrl(), pending.intent(), authorize(pending, ctx.queryParams().get("spapi_oauth_code"),
            ctx.queryParams().get("selling_partner_id")));
      }
    });
  }

  /** Does what the state was issued for, and nothing else: a new seller, or new credentials for the one seller it names. */
  private Future<Seller> authorize(OAuthStates.Pending pending, String code, String sellingPartnerId) {
    if (code == null || code.isBlank() || sellingPartnerId == null || !Seller.SELLING_PARTNER_ID.matcher(sellingPartnerId).matches()) {
      return Future.failedFuture(new ApiException(Problem.badRequest("oauth_callback_invalid",
          "The callback needs 'spapi_oauth_code' and a valid 'selling_partner_id' from Amazon.")));
    }
    return usableApplication(pending.tenantId(), pending.application()).compose(app ->
        pending.intent() instanceof OAuthStates.Intent.Reauthorize reauthorize
            ? reauthorize(pending, reauthorize, app, code, sellingPartnerId) : connect(pending, app, code, sellingPartnerId));
  }

  private Future<Seller> connect(OAuthStates.Pending pending, Application app, String code, String sellingPartnerId) {
    SellerStore.Filter same = new SellerStore.Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(app.id()),
        Optional.of(sellingPartnerId), Optional.empty());
    return sellers.list(pending.tenantId(), same, Optional.empty(), 1).compose(existing -> {
      if (!existing.isEmpty()) {
        throw sellerExists(sellingPartnerId);
      }
      return refreshToken(app, code).compose(token -> sellers.create(pending.tenantId(), sellingPartnerId, app.id(), pending.region(),
              pending.marketplaces(), token))
          .map(created -> created.orElseThrow(() -> sellerExists(sellingPartnerId)))
          .compose(participating::learn);
    });
  }

  private Future<Seller> reauthorize(OAuthStates.Pending pending, OAuthStates.Intent.Reauthorize intent, Application app, String code,
      String sellingPartnerId) {
    if (!intent.sellingPartnerId().equals(sellingPartnerId)) {
      return Future.failedFuture(new ApiException(Problem.conflict("selling_partner_mismatch", "This re-authorization was issued for "
          + "another selling account than the one that consented; the seller's credentials were not changed.")));
    }
    ApiException deleted = new ApiException(Problem.conflict("seller_deleted",
        "The seller this re-authorization was issued for was deleted meanwhile."));
    return sellers.get(pending.tenantId(), intent.sellerId()).compose(found -> {
      if (found.isEmpty()) {
        throw deleted;
      }
      return refreshToken(app, code)
          .compose(token -> sellers.reauthorize(pending.tenantId(), intent.sellerId(), sellingPartnerId, token))
          .map(updated -> updated.orElseThrow(() -> deleted));
    });
  }

  /** The application a tenant names for a consent, which it must (still) be allowed to use. */
  private Future<Application> usableApplication(UUID tenantId, String id) {
    return applications.usableById(tenantId, id).map(found -> found
        .orElseThrow(() -> new ApiException(Problem.conflict("application_not_shared",
            "Application " + id + " is no longer available to this tenant for new authorizations."))));
  }

  private Future<String> refreshToken(Application app, String code) {
    return lwa.exchangeCode(app.credentials(), code, redirectUri(app))
        .recover(e -> Future.failedFuture(codeRefused(e)))
        .map(token -> token.refreshToken().orElseThrow(() -> new ApiException(new Problem(502, "lwa_unexpected_response",
            "Bad gateway", "Login with Amazon answered without a refresh token."))));
  }

  /**
   * Ends the callback: a client that asks for JSON only gets the seller or the problem with its status; a browser is
   * sent on (303) to the tenant's return URL or the console's landing page, with the outcome in the query and nothing
   * secret (no code, no state).
   */
  private void land(RoutingContext ctx, Optional<URI> returnUrl, OAuthStates.Intent intent, Future<Seller> result) {
    boolean reauthorized = intent instanceof OAuthStates.Intent.Reauthorize;
    result.onComplete(done -> {
      if (wantsJsonOnly(ctx.request().getHeader("Accept"))) {
        Json.respond(ctx, reauthorized ? 200 : 201, result.map(Seller::toJson));
        return;
      }
      Map<String, String> outcome = new LinkedHashMap<>();
      if (done.succeeded()) {
        outcome.put("outcome", reauthorized ? "reauthorized" : "connected");
        outcome.put("sellerId", done.result().id().toString());
      } else {
        outcome.put("outcome", "failed");
        outcome.put("code", done.cause() instanceof ApiException api ? api.problem().code() : "internal_error");
        if (!(done.cause() instanceof ApiException)) {
          LOG.error("OAuth callback failed", done.cause());
        }
      }
      URI base = returnUrl.orElseGet(() -> URI.create(publicBase + ConsoleRoutes.CONNECTED_PAGE));
      String query = outcome.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
      ctx.response().setStatusCode(303)
          .putHeader("Location", base + (base.getRawQuery() == null ? "?" : "&") + query)
          .putHeader("Cache-Control", "no-store")
          .putHeader("Referrer-Policy", "no-referrer")
          .end();
    });
  }

  /** {@code Accept: application/json} (or problem+json) without {@code text/html}: an API client, not a browser. */
  static boolean wantsJsonOnly(String accept) {
    String lower = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
    return lower.contains("json") && !lower.contains("text/html");
  }

  private static Optional<URI> returnUrl(JsonObject body) {
    return Optional.ofNullable(body.getValue("returnUrl")).map(raw -> WebUrl.parse(raw, "returnUrl"));
  }

  private static ApiException sellerExists(String sellingPartnerId) {
    return new ApiException(Problem.conflict("seller_exists", "Selling partner " + sellingPartnerId + " is already a seller of this "
        + "tenant under this application; renew its credentials with a re-authorization (POST /v1/sellers/{sellerId}/authorizations)."));
  }

  private static ApiException codeRefused(Throwable e) {
    if (e instanceof LwaException lwa && !lwa.transientFailure()) {
      return new ApiException(Problem.badRequest("oauth_code_invalid",
          "Amazon refused the authorization code (" + lwa.error() + "): it is wrong, expired or already used."));
    }
    return new ApiException(new Problem(503, "lwa_unavailable", "Service unavailable",
        "Login with Amazon did not answer; the seller can retry the authorization."));
  }

  private String redirectUri(Application app) {
    return app.redirectUri().orElse(publicBase + CALLBACK_PATH);
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
