package io.spgate.oauth;

import io.spgate.application.Application;
import io.spgate.application.Applications;
import io.spgate.crypto.SecretBox;
import io.spgate.http.ApiException;
import io.spgate.http.Feature;
import io.spgate.http.Json;
import io.spgate.http.Params;
import io.spgate.http.Problem;
import io.spgate.lwa.LwaClient;
import io.spgate.lwa.LwaException;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.spgate.seller.SellerStore;
import io.spgate.tenant.Caller;
import io.spgate.tenant.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SP-API OAuth website flow: a tenant asks for a consent URL, the seller consents in Seller
 * Central, and Amazon sends the seller's browser to {@value #CALLBACK_PATH} with a code that
 * spgate exchanges for the refresh token.
 */
public final class AuthorizationRoutes implements Feature {

  public static final String CALLBACK_PATH = "/oauth/callback";
  static final Duration STATE_TTL = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OAuthStates states;
  private final SellerStore sellers;
  private final Applications applications;
  private final SecretBox box;
  private final LwaClient lwa;
  private final Optional<URI> sellerCentralOverride;
  private final URI publicUrl;

  public AuthorizationRoutes(OAuthStates states, SellerStore sellers, Applications applications, SecretBox box, LwaClient lwa,
      Optional<URI> sellerCentralOverride, URI publicUrl) {
    this.states = states;
    this.sellers = sellers;
    this.applications = applications;
    this.box = box;
    this.lwa = lwa;
    this.sellerCentralOverride = sellerCentralOverride;
    this.publicUrl = publicUrl;
  }

  @Override
  public void mountApi(Router v1) {
    v1.post("/sellers/authorizations").handler(this::begin);
  }

  /** The callback carries no API key: the signed, single-use state is what authenticates it. */
  @Override
  public void mountPublic(Router router) {
    router.get(CALLBACK_PATH).handler(this::complete);
  }

  private void begin(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).actingTenant(Params.query(ctx, "tenantId"), Scope.TENANT_WRITE);
    JsonObject body = Json.body(ctx);
    Object rawMarketplace = body.getValue("marketplaceId");
    Marketplace marketplace = (rawMarketplace instanceof String s ? Marketplace.byId(s) : Optional.<Marketplace>empty())
        .orElseThrow(() -> new ApiException(Problem.validation("'marketplaceId' must be an Amazon marketplace id.")));
    Application app = applications.named(body.getValue("application"));
    String nonce = randomToken();
    String state = box.sign(nonce);
    String redirectUri = redirectUri(app);
    OAuthStates.Pending pending = new OAuthStates.Pending(tenant, app.id(), marketplace.region(), List.of(marketplace.id()));
    Json.respond(ctx, 201, states.create(nonce, pending, STATE_TTL).map(expiresAt -> {
      String consent = sellerCentralOverride.map(URI::toString).orElse("https://" + marketplace.sellerCentralHost())
          + "/apps/authorize/consent?application_id=" + encode(app.applicationId()) + "&state=" + encode(state)
          + "&redirect_uri=" + encode(redirectUri) + (app.draft() ? "&version=beta" : "");
      return new JsonObject().put("consentUrl", consent).put("state", state).put("expiresAt", expiresAt.toString())
          .put("redirectUri", redirectUri);
    }));
  }

  private void complete(RoutingContext ctx) {
    Optional<String> nonce = box.verify(ctx.queryParams().get("state"));
    String code = ctx.queryParams().get("spapi_oauth_code");
    String sellingPartnerId = ctx.queryParams().get("selling_partner_id");
    if (nonce.isEmpty()) {
      throw new ApiException(Problem.badRequest("oauth_state_invalid", "The state is missing or was not issued by this gateway."));
    }
    if (code == null || code.isBlank() || sellingPartnerId == null || !sellingPartnerId.matches("[A-Z0-9]{5,32}")) {
      throw new ApiException(Problem.badRequest("oauth_callback_invalid",
          "The callback needs 'spapi_oauth_code' and a valid 'selling_partner_id' from Amazon."));
    }
    Json.respond(ctx, 201, states.consume(nonce.get()).compose(consumed -> {
      if (consumed instanceof OAuthStates.Consumed.Refused refused) {
        return Future.failedFuture(new ApiException(Problem.badRequest(refused.code(), refused.detail())));
      }
      OAuthStates.Pending pending = ((OAuthStates.Consumed.Ok) consumed).pending();
      Application app = applications.byId(pending.application()).orElseThrow(() -> new ApiException(Problem.conflict(
          "application_unknown", "The application of this authorization is no longer configured.")));
      return lwa.exchangeCode(app.credentials(), code, redirectUri(app))
          .recover(e -> Future.failedFuture(codeRefused(e)))
          .compose(token -> sellers.authorize(pending.tenantId(), sellingPartnerId, app.id(), pending.region(),
              pending.marketplaces(), token.refreshToken().orElseThrow(() -> new ApiException(new Problem(502,
                  "lwa_unexpected_response", "Bad gateway", "Login with Amazon answered without a refresh token.")))));
    }).map(Seller::toJson));
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
    return app.redirectUri().orElse(publicUrl.toString().replaceAll("/$", "") + CALLBACK_PATH);
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
