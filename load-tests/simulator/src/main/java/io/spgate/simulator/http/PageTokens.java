package io.spgate.simulator.http;

import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** List operations' nextToken: the query and the offset of the next page, opaque to the client (base64url JSON). */
public final class PageTokens {

  private PageTokens() {}

  public static String encode(JsonObject query) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(query.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The query a token carries; one this simulator did not make is 400 InvalidInput, as on Amazon. */
  public static JsonObject decode(String token) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new InvalidInputException("Invalid nextToken");
    }
  }
}
