package io.spgate.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * One feature's entry into the gateway: its routes and its background work. The gateway's wiring
 * builds each feature with what it needs and composes them, so a new feature is a package of its
 * own and one line there.
 */
public interface Feature {

  /** Routes under {@code /v1}, behind API-key authentication; paths relative to {@code /v1}. */
  default void mountApi(Router v1) {}

  /**
   * Routes under {@code /v1} that read their request body as a stream (an import): behind API-key
   * authentication but ahead of the body handler, which would hold the whole body. The request
   * comes paused; the route resumes it when it reads, and enforces its own limits on what it reads.
   */
  default void mountStreaming(Router v1) {}

  /** Routes outside {@code /v1} that carry no API key (a browser's OAuth callback). */
  default void mountPublic(Router root) {}

  /** Starts background work once the schema is in place. */
  default Future<Void> startWorkers() {
    return Future.succeededFuture();
  }

  /**
   * The instance shuts down: takes no new background work, and completes once the work in hand is recorded and its
   * leases let go, so that another instance takes what is left at once. Frequent periodic work stops too, before the pool
   * closes under it; purges, minutes apart, just end with Vert.x.
   */
  default Future<Void> stopWorkers() {
    return Future.succeededFuture();
  }
}
