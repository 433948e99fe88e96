package io.spgate.spapi;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;

/**
 * A query string as Amazon and the SigV4 signer read it: RFC 3986 query characters, and '%' only
 * as the start of a percent-escape. Anything else (a raw '|', space, quote or brace, a broken
 * escape) is refused with 400 before the call goes anywhere, rather than being sent for Amazon to
 * refuse or failing the signer.
 */
public final class RequestQuery {

  /** RFC 3986 query characters besides letters and digits: unreserved, sub-delims, ':', '@', '/' and '?'. */
  private static final String QUERY_PUNCTUATION = "-._~!$&'()*+,;=:@/?";

  private RequestQuery() {}

  /** The query as it came, or a 400 {@code invalid_query} saying what in it cannot be sent. */
  public static String check(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
          throw invalid("a '%' that is not followed by two hex digits");
        }
        i += 2;
      } else if (!(c < 0x80 && Character.isLetterOrDigit(c)) && QUERY_PUNCTUATION.indexOf(c) < 0) {
        throw invalid("a character that must be percent-encoded: '" + RequestPath.printable(c) + "'");
      }
    }
    return raw;
  }

  private static ApiException invalid(String what) {
    return new ApiException(Problem.badRequest("invalid_query", "The query has " + what + "; Amazon reads only RFC 3986 queries."));
  }
}
