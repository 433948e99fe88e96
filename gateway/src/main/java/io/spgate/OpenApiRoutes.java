package io.spgate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code GET /openapi.json}: the OpenAPI description of spgate's own API, written by hand beside
 * the code (a test fails when a route is missing from it). No key needed.
 */
public final class OpenApiRoutes {

  public static final String PATH = "/openapi.json";
  static final String RESOURCE = "openapi.json";

  private OpenApiRoutes() {}

  /** Reads the document once, on a worker so start-up never blocks an event loop; requests wait for that read. */
  public static void mount(Router router, Vertx vertx) {
    Future<Buffer> document = vertx.executeBlocking(OpenApiRoutes::read);
    router.get(PATH).handler(ctx -> document.onComplete(read -> {
      if (read.failed()) {
        ctx.fail(read.cause());
        return;
      }
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(read.result());
    }));
  }

  static Buffer read() throws IOException {
    try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }
}
