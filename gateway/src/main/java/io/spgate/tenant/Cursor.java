package io.spgate.tenant;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: callers pass back what they were given and never build one themselves. */
public final class Cursor {

  private Cursor() {}

  public static String encode(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  public static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(Problem.validation("'cursor' is not a cursor this API returned."));
    }
  }
}
