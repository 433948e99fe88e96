package io.spgate.simulator.http;

import io.spgate.simulator.data.Marketplace;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.lwa.TokenGrant;
import io.spgate.simulator.model.ModelOperation;
import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** An SP-API call that passed authorisation, quota and validation, with helpers to read it and answer it. */
public final class SpApiRequest {
  private final RoutingContext ctx;
  private final ModelOperation operation;
  private final TokenGrant grant;
  private final Object body;

  SpApiRequest(RoutingContext ctx, ModelOperation operation, TokenGrant grant, Object body) {
    this.ctx = ctx;
    this.operation = operation;
    this.grant = grant;
    this.body = body;
  }

  public ModelOperation operation() {
    return operation;
  }

  public TokenGrant grant() {
    return grant;
  }

  /** The selling partner the token acts for; null for grantless calls. */
  public Seller seller() {
    return grant.seller();
  }

  public RoutingContext context() {
    return ctx;
  }

  public HttpServerResponse response() {
    return ctx.response();
  }

  public String pathParam(String name) {
    return ctx.pathParam(name);
  }

  public String query(String name) {
    String value = ctx.request().getParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  public String query(String name, String fallback) {
    String value = query(name);
    return value == null ? fallback : value;
  }

  public int queryInt(String name, int fallback) {
    String value = query(name);
    return value == null ? fallback : Integer.parseInt(value);
  }

  /** A list parameter, comma-separated and/or repeated. */
  public List<String> queryList(String name) {
    List<String> values = new ArrayList<>();
    for (String raw : ctx.request().params().getAll(name)) {
      for (String item : raw.split(",")) {
        if (!item.isBlank()) {
          values.add(item.trim());
        }
      }
    }
    return values;
  }

  public JsonObject body() {
    return (JsonObject) body;
  }

  /** Whether the token is an RDT that grants {@code dataElement} for this call. */
  public boolean grantsDataElement(String dataElement) {
    if (grant.kind() != TokenGrant.Kind.RESTRICTED_DATA) {
      return false;
    }
    String path = ctx.request().path();
    return grant.restrictedResources().stream()
        .filter(r -> r.covers(ctx.request().method().name(), path, operation.path()))
        .anyMatch(r -> r.dataElements() == null || r.dataElements().contains(dataElement));
  }

  /** Marketplaces the seller does not sell in are refused, as Amazon refuses them. */
  public void requireSellerMarketplaces(List<String> marketplaceIds) {
    for (String id : marketplaceIds) {
      if (Marketplace.byId(id).isEmpty()) {
        throw new InvalidInputException("Invalid marketplace identifier: " + id);
      }
      if (seller() != null && !seller().sellsIn(id)) {
        throw new InvalidInputException("The seller is not registered in marketplace " + id);
      }
    }
  }

  public void ok(JsonObject json) {
    reply(200, json);
  }

  public void reply(int status, JsonObject json) {
    if (!response().ended() && !response().closed()) {
      response().setStatusCode(status).putHeader("content-type", AmazonErrors.JSON).end(json.toBuffer());
    }
  }

  /** The v0 APIs wrap their result: {"payload": ...}. */
  public void okPayload(Object payload) {
    ok(new JsonObject().put("payload", payload));
  }

  public void noContent(int status) {
    if (!response().ended() && !response().closed()) {
      response().setStatusCode(status).end();
    }
  }

  public void notFound(String message) {
    AmazonErrors.notFound(response(), message);
  }

  public void invalidInput(String message) {
    AmazonErrors.invalidInput(response(), message);
  }
}
