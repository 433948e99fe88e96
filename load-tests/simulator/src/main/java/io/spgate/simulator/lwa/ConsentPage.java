package io.spgate.simulator.lwa;

import io.spgate.simulator.SimClock;
import io.spgate.simulator.data.DemoWorld;
import io.spgate.simulator.data.LwaApplication;
import io.spgate.simulator.data.Seller;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Seller Central consent page of the OAuth website flow. The seller "clicks Confirm" at once: the browser is sent
 * back to {@code redirect_uri} with {@code spapi_oauth_code}, {@code state} and {@code selling_partner_id}. The
 * consenting seller is the one named by {@code selling_partner_id} in the query, else the first demo seller.
 */
public final class ConsentPage {
  public static final String PATH = "/apps/authorize/consent";

  private final DemoWorld world;
  private final AuthorizationCodes codes;
  private final SimClock clock;

  public ConsentPage(DemoWorld world, AuthorizationCodes codes, SimClock clock) {
    this.world = world;
    this.codes = codes;
    this.clock = clock;
  }

  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    String applicationId = ctx.request().getParam("application_id");
    String state = ctx.request().getParam("state");
    String redirectUri = ctx.request().getParam("redirect_uri");
    Optional<LwaApplication> app = applicationId == null ? Optional.empty() : world.applicationById(applicationId);
    if (app.isEmpty()) {
      page(response, 400, "We could not find the application you are trying to authorize.");
      return;
    }
    if (state == null || redirectUri == null || !(redirectUri.startsWith("https://") || redirectUri.startsWith("http://"))) {
      page(response, 400, "The authorization request is missing state or a valid redirect_uri.");
      return;
    }
    String requested = ctx.request().getParam("selling_partner_id");
    Optional<Seller> seller = requested == null ? world.sellers().stream().findFirst() : world.seller(requested);
    if (seller.isEmpty()) {
      page(response, 404, "Unknown selling partner " + requested);
      return;
    }
    String code = codes.issue(seller.get(), app.get(), redirectUri, clock.now());
    String location = redirectUri + (redirectUri.contains("?") ? "&" : "?")
        + "state=" + encode(state) + "&selling_partner_id=" + encode(seller.get().sellerId()) + "&spapi_oauth_code=" + encode(code);
    response.setStatusCode(302).putHeader("location", location).end();
  }

  private static void page(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("content-type", "text/html;charset=UTF-8")
        .end("<!doctype html><title>Authorization failed</title><p>" + message.replace("<", "&lt;") + "</p>");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
