package io.spgate.simulator.http;

import io.spgate.simulator.model.validation.InvalidInputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

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

  /**
   * One page of {@code sorted} from the query's offset, under {@code field}, with a nextToken for the rest (the same query,
   * the next offset) when there is more.
   */
  public static <T> JsonObject page(List<T> sorted, JsonObject query, int size, String field, Function<T, JsonObject> json) {
    int offset = query.getInteger("offset");
    JsonArray page = new JsonArray();
    sorted.subList(Math.min(offset, sorted.size()), Math.min(offset + size, sorted.size())).forEach(item -> page.add(json.apply(item)));
    JsonObject body = new JsonObject().put(field, page);
    if (offset + size < sorted.size()) {
      body.put("nextToken", encode(query.copy().put("offset", offset + size)));
    }
    return body;
  }
}
