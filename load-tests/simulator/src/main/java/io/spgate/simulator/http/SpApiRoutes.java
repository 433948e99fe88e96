package io.spgate.simulator.http;

import io.spgate.simulator.model.ModelCatalog;
import io.spgate.simulator.model.ModelOperation;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Registers operations on the SP-API router by (api, operationId): method and path come from the official model, so
 * every route the simulator serves exists in the models by construction.
 */
public final class SpApiRoutes {
  private static final long BODY_LIMIT = 16L * 1024 * 1024;

  private final Router router;
  private final ModelCatalog catalog;
  private final SpApiPipeline pipeline;
  private final List<ModelOperation> served = new ArrayList<>();

  public SpApiRoutes(Router router, ModelCatalog catalog, SpApiPipeline pipeline) {
    this.router = router;
    this.catalog = catalog;
    this.pipeline = pipeline;
  }

  public void serve(String api, String operationId, OperationHandler handler) {
    serve(api, operationId, Access.SELLER, handler);
  }

  public void serve(String api, String operationId, Access access, OperationHandler handler) {
    ModelOperation operation = catalog.require(api, operationId);
    HttpMethod method = HttpMethod.valueOf(operation.method());
    if (operation.bodySchema() != null) {
      router.route(method, operation.routePath()).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    }
    router.route(method, operation.routePath()).handler(pipeline.handlerFor(operation, access, handler));
    served.add(operation);
  }

  public List<ModelOperation> served() {
    return Collections.unmodifiableList(served);
  }
}
