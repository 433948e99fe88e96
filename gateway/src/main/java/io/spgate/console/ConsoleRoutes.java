package io.spgate.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.regex.Pattern;

/**
 * Serves the web console (web-ui's build, bundled on the class path under {@code console/}) at {@code /}.
 * A browser asking for any other path outside the API that names no asset gets one of the console's pages
 * ({@code /sellers}, {@code /sellers/<id>}, {@code /channels/<sellerId>.<marketplaceId>}, {@code /connected}...):
 * its index.html, whose router shows
 * what the path names, so deep links and reloads work and a feature adds a page without touching the
 * server. Other clients (no {@code text/html} in Accept) get the API's 404 for a path nothing serves.
 */
public final class ConsoleRoutes {

  /** The console's page that tells a seller back from Seller Central how its authorization ended. */
  public static final String CONNECTED_PAGE = "/connected";
  private static final String ROOT = "console";
  /** What the console's build serves as files; a path ending so that nothing serves is a missing asset, not a page. */
  private static final Pattern ASSET = Pattern.compile(
      "(?i).*\\.(js|mjs|css|map|json|txt|html|svg|png|ico|jpe?g|gif|webp|webmanifest|woff2?|ttf|eot)$");

  private ConsoleRoutes() {}

  public static void mount(Router router) {
    // Named apart: the OAuth callback sends browsers there, so it is part of the documented API.
    router.get(CONNECTED_PAGE).handler(ConsoleRoutes::index);
    router.get("/*").handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(true));
    router.get("/*").handler(ConsoleRoutes::page);
  }

  /**
   * No file by that name: a console page for a browser, unless the path is the API's or names an asset that is not
   * there. Ids with a dot in them ({@code <sellerId>.<marketplaceId>}) are pages.
   */
  private static void page(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    if (accept == null || !accept.contains("text/html") || path.startsWith("/v1/") || path.startsWith("/health/")
        || path.startsWith("/assets/") || ASSET.matcher(path).matches()) {
      ctx.next();
      return;
    }
    index(ctx);
  }

  private static void index(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .sendFile(ROOT + "/index.html")
        .onFailure(missing -> ctx.fail(404));
  }
}
