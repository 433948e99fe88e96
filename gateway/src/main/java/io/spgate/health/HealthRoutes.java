package io.spgate.health;

import io.spgate.http.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /health/live} answers while the process serves; {@code /health/ready} while it should get traffic. */
public final class HealthRoutes {

  private HealthRoutes() {}

  public static void mount(Router router, Readiness readiness) {
    router.get("/health/live").handler(ctx -> Json.send(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> readiness.check().onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      JsonObject body = result.result();
      ctx.response().putHeader("Cache-Control", "no-store");
      Json.send(ctx, "DOWN".equals(body.getString("status")) ? 503 : 200, body);
    }));
  }
}
