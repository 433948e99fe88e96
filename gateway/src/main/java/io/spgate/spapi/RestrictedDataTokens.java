package io.spgate.spapi;

import io.spgate.lwa.LwaToken;
import io.spgate.lwa.SharedTokens;
import io.spgate.lwa.TokenPolicy;
import io.spgate.seller.Seller;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Restricted Data Tokens from the Tokens API, one per (seller, method, path, dataElements), cached
 * and single-flighted across instances until shortly before they expire.
 */
public final class RestrictedDataTokens {

  private final SharedTokens shared;
  private final Clock clock;
  private final TokenPolicy policy;

  public RestrictedDataTokens(SharedTokens shared, Clock clock, TokenPolicy policy) {
    this.shared = shared;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * The RDT for this call; {@code create} sends createRestrictedDataToken with this body for the
   * seller (through the same pipeline, so quotas and retries apply to it too).
   */
  public Future<String> token(Seller seller, String method, String path, List<String> dataElements,
      Function<Buffer, Future<SpApiResult>> create) {
    List<String> elements = dataElements.stream().sorted().toList();
    String key = "rdt:" + seller.id() + ":" + digest(method + " " + path + " " + String.join(",", elements));
    return shared.obtain(key, cached -> policy.usable(cached, clock.instant()), () -> {
      JsonObject resource = new JsonObject().put("method", method).put("path", path);
      if (!elements.isEmpty()) {
        resource.put("dataElements", new JsonArray(elements));
      }
      Buffer body = new JsonObject().put("restrictedResources", new JsonArray().add(resource)).toBuffer();
      return create.apply(body).compose(response -> {
        if (response.status() != 200) {
          return Future.failedFuture(new SpApiException(response));
        }
        JsonObject answer = response.json();
        Instant now = clock.instant();
        return Future.succeededFuture(new LwaToken(answer.getString("restrictedDataToken"), now,
            now.plusSeconds(answer.getLong("expiresIn", 3600L)), Optional.empty()));
      });
    }).map(LwaToken::accessToken);
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
