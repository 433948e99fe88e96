package io.spgate.lwa;

import io.spgate.application.ClientCredentials;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The three LWA grants spgate uses, form-encoded as Amazon documents them. */
public final class LwaClient {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebClient client;
  private final URI tokenUrl;
  private final Clock clock;

  public LwaClient(WebClient client, URI tokenUrl, Clock clock) {
    this.client = client;
    this.tokenUrl = tokenUrl;
    this.clock = clock;
  }

  public Future<LwaToken> refresh(ClientCredentials app, String refreshToken) {
    return grant(app, MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token").add("refresh_token", refreshToken));
  }

  public Future<LwaToken> exchangeCode(ClientCredentials app, String code, String redirectUri) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code);
    if (redirectUri != null) {
      form.add("redirect_uri", redirectUri);
    }
    return grant(app, form);
  }

  public Future<LwaToken> clientCredentials(ClientCredentials app, String scope) {
    return grant(app, MultiMap.caseInsensitiveMultiMap().add("grant_type", "client_credentials").add("scope", scope));
  }

  private Future<LwaToken> grant(ClientCredentials app, MultiMap form) {
    form.add("client_id", app.clientId()).add("client_secret", app.clientSecret());
    return client.postAbs(tokenUrl.toString())
        .timeout(TIMEOUT.toMillis())
        .putHeader("Accept", "application/json")
        .sendForm(form, "UTF-8")
        .recover(e -> Future.failedFuture(new LwaException(0, "unavailable", e.getClass().getSimpleName())))
        .compose(this::token);
  }

  private Future<LwaToken> token(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null || body.getString("access_token") == null) {
      String error = body == null ? "unreadable_response" : body.getString("error", "unexpected_response");
      String description = body == null ? null : body.getString("error_description");
      return Future.failedFuture(new LwaException(response.statusCode(), error, description));
    }
    long expiresIn = body.getLong("expires_in", 3600L);
    Instant now = clock.instant();
    return Future.succeededFuture(new LwaToken(body.getString("access_token"), now, now.plusSeconds(expiresIn),
        Optional.ofNullable(body.getString("refresh_token"))));
  }
}
