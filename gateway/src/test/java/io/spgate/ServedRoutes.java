package io.spgate;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a Vert.x router serves, in OpenAPI's terms: "METHOD /path" operations, and the paths
 * of routes open to every method (the handler itself decides which it answers).
 *
 * <p>Sub-routers are followed from their mount point. Two kinds of route serve no operation of
 * their own and are left out, whatever their method: a route without a path applies to every
 * request (request ids, the body handler, authentication, failure handlers), and a wildcard at
 * the root of its router is the fallback for whatever nothing else served (the console's files).
 */
record ServedRoutes(Set<String> operations, Set<String> anyMethodPaths) {

  private static final Pattern PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9_]*)");

  static ServedRoutes of(Router router) {
    ServedRoutes served = new ServedRoutes(new TreeSet<>(), new TreeSet<>());
    served.walk(router, "");
    return served;
  }

  private void walk(Router router, String mountPoint) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (route.getSubRouter() != null) {
        walk(route.getSubRouter(), mountPoint + path.replaceAll("/$", ""));
        continue;
      }
      if (path == null) {
        if (route.isRegexPath()) {
          // A pathRegex route has no path to name in OpenAPI terms; refuse it rather than let it pass unchecked.
          throw new IllegalStateException("Regular-expression route " + route + " cannot be checked against openapi.json");
        }
        continue;
      }
      if (!route.isExactPath() && path.equals("/")) {
        continue;
      }
      String documented = mountPoint + openApiPath(path, route.isExactPath());
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        anyMethodPaths.add(documented);
      } else {
        methods.forEach(method -> operations.add(method.name() + " " + documented));
      }
    }
  }

  /** {@code /tenants/:tenantId} is {@code /tenants/{tenantId}}; a trailing wildcard is the rest of the path, {@code {path}}. */
  static String openApiPath(String vertxPath, boolean exact) {
    String templated = PARAM.matcher(vertxPath).replaceAll("{$1}");
    return exact ? templated : (templated.endsWith("/") ? templated : templated + "/") + "{path}";
  }
}
