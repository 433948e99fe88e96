package io.spgate.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** Serves the web console (web-ui's build, bundled on the class path under {@code console/}) at {@code /}. */
public final class ConsoleRoutes {

  /** The console's page that tells a seller back from Seller Central how its authorization ended. */
  public static final String CONNECTED_PAGE = "/connected";
  private static final String ROOT = "console";

  private ConsoleRoutes() {}

  public static void mount(Router router) {
    // A page of the console is its index.html, whose script shows what the path names.
    router.get(CONNECTED_PAGE).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .sendFile(ROOT + "/index.html")
        .onFailure(missing -> ctx.fail(404)));
    router.get("/*").handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(true));
  }
}
