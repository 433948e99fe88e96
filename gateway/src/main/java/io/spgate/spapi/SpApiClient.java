package io.spgate.spapi;

import io.spgate.lwa.SellerTokens;
import io.spgate.seller.Application;
import io.spgate.seller.Applications;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's own typed way to call SP-API for a seller: access token (or a Restricted Data
 * Token for restricted calls), optional SigV4, and one reactive refresh when Amazon says the
 * token expired. Quotas and the pass-through API build on this (later issues).
 */
public final class SpApiClient {

  static final String TOKEN_HEADER = "x-amz-access-token";

  private final WebClient web;
  private final SellerTokens tokens;
  private final RestrictedDataTokens restricted;
  private final Applications applications;
  private final Optional<URI> endpointOverride;
  private final Map<String, SigV4Signer> signers = new ConcurrentHashMap<>();

  public SpApiClient(WebClient web, SellerTokens tokens, RestrictedDataTokens restricted, Applications applications,
      Optional<URI> endpointOverride) {
    this.web = web;
    this.tokens = tokens;
    this.restricted = restricted;
    this.applications = applications;
    this.endpointOverride = endpointOverride;
  }

  public Future<HttpResponse<Buffer>> send(Seller seller, SpApiRequest request) {
    Optional<RestrictedOperations.Restricted> rdt = RestrictedOperations.match(request.method(), request.path(), request.dataElements());
    if (rdt.isPresent()) {
      return restricted.token(seller, request.method(), request.path(), request.dataElements(), this::send)
          .compose(token -> attempt(seller, request, token));
    }
    return tokens.accessToken(seller).compose(token -> attempt(seller, request, token).compose(response -> expired(response)
        ? tokens.afterRejection(seller, token).compose(fresh -> attempt(seller, request, fresh))
        : Future.succeededFuture(response)));
  }

  private Future<HttpResponse<Buffer>> attempt(Seller seller, SpApiRequest request, String token) {
    URI base = endpointOverride.orElse(seller.region().amazonEndpoint());
    URI uri = URI.create(base.toString().replaceAll("/$", "") + request.path() + query(request));
    HttpRequest<Buffer> http = web.requestAbs(HttpMethod.valueOf(request.method()), uri.toString())
        .putHeader(TOKEN_HEADER, token)
        .putHeader("accept", "application/json");
    request.body().ifPresent(b -> http.putHeader("content-type", "application/json"));
    applications.byId(seller.application()).flatMap(Application::aws).ifPresent(aws -> {
      SigV4Signer signer = signers.computeIfAbsent(aws.accessKeyId() + "/" + seller.region().awsRegion(),
          k -> SigV4Signer.forSpApi(aws.accessKeyId(), aws.secretAccessKey(), seller.region().awsRegion()));
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      http.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
      headers.put("host", List.of(uri.getAuthority()));
      signer.sign(request.method(), uri, headers, request.body().map(Buffer::getBytes).orElse(new byte[0]))
          .forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
              http.putHeader(name, values);
            }
          });
    });
    return request.body().map(http::sendBuffer).orElseGet(http::send);
  }

  /** Amazon's answer to an expired token: 403 (or 401) Unauthorized saying it expired. */
  static boolean expired(HttpResponse<Buffer> response) {
    if (response.statusCode() != 403 && response.statusCode() != 401) {
      return false;
    }
    String body = response.bodyAsString();
    return body != null && body.contains("Unauthorized") && body.contains("expired");
  }

  private static String query(SpApiRequest request) {
    if (request.query().isEmpty()) {
      return "";
    }
    StringBuilder query = new StringBuilder("?");
    request.query().forEach(e -> {
      if (query.length() > 1) {
        query.append('&');
      }
      query.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    });
    return query.toString();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
