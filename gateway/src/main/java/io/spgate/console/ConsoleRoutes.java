package io.spgate.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** Serves the web console (web-ui's build, bundled on the class path under {@code console/}) at {@code /}. */
public final class ConsoleRoutes {

  private static final String ROOT = "console";

  private ConsoleRoutes() {}

  public static void mount(Router router) {
    router.get("/*").handler(StaticHandler.create(ROOT).setIndexPage("index.html").setCachingEnabled(true));
  }
}
