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
 * consenting seller is the one named by {@code selling_partner_id} in the query; without it, the page stands in for
 * Seller Central's sign-in: a form to pick the selling account and Confirm, which comes back here naming it.
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
    if (requested == null) {
      chooser(response, app.get(), state, redirectUri, ctx.request().getParam("version"));
      return;
    }
    Optional<Seller> seller = world.seller(requested);
    if (seller.isEmpty()) {
      page(response, 404, "Unknown selling partner " + requested);
      return;
    }
    String code = codes.issue(seller.get(), app.get(), redirectUri, clock.now());
    String location = redirectUri + (redirectUri.contains("?") ? "&" : "?")
        + "state=" + encode(state) + "&selling_partner_id=" + encode(seller.get().sellerId()) + "&spapi_oauth_code=" + encode(code);
    response.setStatusCode(302).putHeader("location", location).end();
  }

  /** Which selling account consents: Seller Central knows it from the sign-in, the simulator asks. */
  private void chooser(HttpServerResponse response, LwaApplication app, String state, String redirectUri, String version) {
    StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width\"><title>Authorize application</title></head><body><main>"
        + "<h1>Authorize an application (SP-API simulator)</h1>"
        + "<form method=\"get\" action=\"" + PATH + "\">")
        .append(hidden("application_id", app.applicationId())).append(hidden("state", state))
        .append(hidden("redirect_uri", redirectUri));
    if (version != null) {
      html.append(hidden("version", version));
    }
    html.append("<label for=\"account\">Selling account</label> <select id=\"account\" name=\"selling_partner_id\">");
    for (Seller seller : world.sellers()) {
      html.append("<option value=\"").append(escape(seller.sellerId())).append("\">").append(escape(seller.sellerId()))
          .append(" (").append(escape(seller.homeMarketplace().countryCode())).append(")</option>");
    }
    html.append("</select> <button type=\"submit\">Confirm</button></form></main></body></html>");
    response.setStatusCode(200).putHeader("content-type", "text/html;charset=UTF-8").end(html.toString());
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static void page(HttpServerResponse response, int status, String message) {
    response.setStatusCode(status).putHeader("content-type", "text/html;charset=UTF-8")
        .end("<!doctype html><title>Authorization failed</title><p>" + message.replace("<", "&lt;") + "</p>");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
