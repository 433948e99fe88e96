package io.spgate.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http(s) address a caller gives for browsers to go to (an OAuth redirect, a page to
 * return to): parsed, without credentials or a fragment, and of bounded length.
 */
public final class WebUrl {

  public static final int MAX_LENGTH = 2048;

  private WebUrl() {}

  /** The URL in a body's {@code field}, or a 400 problem saying what it must be. */
  public static URI parse(Object raw, String field) {
    ApiException invalid = new ApiException(Problem.validation("'" + field + "' must be an absolute http or https URL of at most "
        + MAX_LENGTH + " printable ASCII characters (percent-encode others), without user name, password or fragment."));
    // Printable ASCII only: it goes out in a Location header as given.
    if (!(raw instanceof String text) || text.length() > MAX_LENGTH || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw invalid;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null) {
      throw invalid;
    }
    return uri;
  }
}
