package io.spgate.simulator.tokens;

import io.spgate.simulator.faults.FaultSettings;
import io.spgate.simulator.http.AmazonErrors;
import io.spgate.simulator.http.SpApiRequest;
import io.spgate.simulator.http.SpApiRoutes;
import io.spgate.simulator.lwa.AccessTokens;
import io.spgate.simulator.lwa.TokenGrant;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Tokens API 2021-03-01: createRestrictedDataToken for the restricted operations the simulator serves. */
public final class TokensApi {
  private static final String API = "tokens_2021-03-01";
  static final int RDT_LIFETIME_SECONDS = 3600;
  private static final int MAX_RESOURCES = 50;

  /** Restricted operations' paths; a resource may name a concrete order or keep the {orderId} placeholder. */
  private static final List<Pattern> RESTRICTED_PATHS = List.of(
      Pattern.compile("/orders/v0/orders"),
      Pattern.compile("/orders/v0/orders/[^/]+"),
      Pattern.compile("/orders/v0/orders/[^/]+/(address|buyerInfo|orderItems|orderItems/buyerInfo|regulatedInfo)"),
      Pattern.compile("/reports/2021-06-30/documents/[^/]+"));
  private static final Pattern WITH_DATA_ELEMENTS = Pattern.compile("/orders/v0/orders(/[^/]+(/orderItems)?)?");
  private static final Set<String> DATA_ELEMENTS = Set.of("buyerInfo", "shippingAddress", "buyerTaxInformation");

  private final AccessTokens tokens;
  private final FaultSettings faults;

  public TokensApi(AccessTokens tokens, FaultSettings faults) {
    this.tokens = tokens;
    this.faults = faults;
  }

  public void register(SpApiRoutes routes) {
    routes.serve(API, "createRestrictedDataToken", this::createRestrictedDataToken);
  }

  private void createRestrictedDataToken(SpApiRequest request) {
    if (faults.restrictedDataTokensRefused()) {
      // What Amazon answers an application without the role for the restricted data.
      AmazonErrors.unauthorized(request.response(), "");
      return;
    }
    JsonArray requested = request.body().getJsonArray("restrictedResources");
    if (requested.isEmpty() || requested.size() > MAX_RESOURCES) {
      throw new InvalidInputException("restrictedResources must list 1 to " + MAX_RESOURCES + " resources");
    }
    List<TokenGrant.RestrictedResource> resources = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      resources.add(resource(requested.getJsonObject(i)));
    }
    String token = tokens.issueRestrictedDataToken(request.seller(), resources, RDT_LIFETIME_SECONDS);
    request.ok(new JsonObject().put("restrictedDataToken", token).put("expiresIn", RDT_LIFETIME_SECONDS));
  }

  private static TokenGrant.RestrictedResource resource(JsonObject json) {
    String path = json.getString("path");
    if (RESTRICTED_PATHS.stream().noneMatch(p -> p.matcher(path).matches())) {
      throw new InvalidInputException("Invalid restricted resource path: " + path);
    }
    JsonArray elements = json.getJsonArray("dataElements");
    List<String> dataElements = elements == null ? null : elements.stream().map(Object::toString).toList();
    if (dataElements != null && (!WITH_DATA_ELEMENTS.matcher(path).matches() || !DATA_ELEMENTS.containsAll(dataElements))) {
      throw new InvalidInputException("Invalid dataElements for path " + path);
    }
    return new TokenGrant.RestrictedResource(json.getString("method"), path, dataElements);
  }
}
