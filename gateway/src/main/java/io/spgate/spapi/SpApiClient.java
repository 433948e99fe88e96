package io.spgate.spapi;

import io.spgate.lwa.SellerTokens;
import io.spgate.quota.Lane;
import io.spgate.quota.QuotaGate;
import io.spgate.quota.RateTable;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's own typed way to call SP-API for a seller: access token (or a Restricted Data
 * Token for restricted calls), optional SigV4, and one reactive refresh when Amazon says the
 * token expired, all inside the seller's quota for the operation (callers wait for their slot up
 * to their deadline). The pass-through API builds on this (a later issue).
 */
public final class SpApiClient {

  static final String TOKEN_HEADER = "x-amz-access-token";

  private final WebClient web;
  private final SellerTokens tokens;
  private final RestrictedDataTokens restricted;
  private final Applications applications;
  private final Optional<URI> endpointOverride;
  private final Map<String, SigV4Signer> signers = new ConcurrentHashMap<>();
  private final QuotaGate quota;
  private final CallOptions defaults;

  public SpApiClient(WebClient web, SellerTokens tokens, RestrictedDataTokens restricted, Applications applications,
      Optional<URI> endpointOverride, QuotaGate quota, CallOptions defaults) {
    this.web = web;
    this.quota = quota;
    this.defaults = defaults;
    this.tokens = tokens;
    this.restricted = restricted;
    this.applications = applications;
    this.endpointOverride = endpointOverride;
  }

  /** How long a call may wait for its quota slot, and its lane. */
  public record CallOptions(Duration maxWait, Lane lane) {}

  public Future<HttpResponse<Buffer>> send(Seller seller, SpApiRequest request) {
    return send(seller, request, defaults);
  }

  public Future<HttpResponse<Buffer>> send(Seller seller, SpApiRequest request, CallOptions options) {
    RateTable.Plan plan = quota.plan(request.method(), request.path());
    long deadline = System.nanoTime() + options.maxWait().toNanos();
    Optional<RestrictedOperations.Restricted> rdt = RestrictedOperations.match(request.method(), request.path(), request.dataElements());
    if (rdt.isPresent()) {
      return restricted.token(seller, request.method(), request.path(), request.dataElements(), (s, r) -> send(s, r, options))
          .compose(token -> withinQuota(seller, request, token, plan, options, deadline));
    }
    return tokens.accessToken(seller).compose(token -> withinQuota(seller, request, token, plan, options, deadline)
        .compose(response -> expired(response)
            ? tokens.afterRejection(seller, token).compose(fresh -> withinQuota(seller, request, fresh, plan, options, deadline))
            : Future.succeededFuture(response)));
  }

  /**
   * Waits for the call's slot, sends it, and learns from the answer: the rate Amazon announces,
   * or its 429, after which the bucket is empty and the call is tried again if its deadline allows.
   */
  private Future<HttpResponse<Buffer>> withinQuota(Seller seller, SpApiRequest request, String token, RateTable.Plan plan,
      CallOptions options, long deadline) {
    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    return quota.acquire(seller, plan, left, options.lane())
        .compose(waited -> attempt(seller, request, token))
        .compose(response -> {
          String announced = response.getHeader("x-amzn-RateLimit-Limit");
          Future<Void> learned = announced == null ? Future.succeededFuture() : quota.announced(seller, plan, parseRate(announced));
          if (response.statusCode() != 429) {
            return learned.map(response);
          }
          return learned.compose(v -> quota.throttledByAmazon(seller, plan))
              .compose(v -> withinQuota(seller, request, token, plan, options, deadline))
              .recover(e -> Future.succeededFuture(response));
        });
  }

  private static double parseRate(String header) {
    try {
      return Double.parseDouble(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
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
