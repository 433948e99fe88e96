package io.spgate.config;

import java.net.URI;
import java.net.URISyntaxException;

/** URLs as errors and logs may show them: a password travels in a URL's user-info or its query, so neither is shown. */
public final class Urls {

  static final String HIDDEN = "<redacted>";

  private Urls() {}

  /** {@code scheme://user@host:port/path}, without the password, the query and the fragment. */
  public static String withoutCredentials(URI url) {
    if (url.getHost() == null) {
      return (url.getScheme() == null ? "" : url.getScheme() + "://") + HIDDEN;
    }
    String user = url.getRawUserInfo() == null ? "" : url.getRawUserInfo().replaceFirst(":.*", "");
    return url.getScheme() + "://" + (user.isEmpty() ? "" : user + "@") + url.getHost()
        + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** A value meant as a URL: shown without credentials, or hidden whole when it may hold some but cannot be read as a URL. */
  static String shown(String raw) {
    if (raw.indexOf('@') < 0 && raw.indexOf('?') < 0) {
      return raw;
    }
    try {
      URI url = new URI(raw);
      if (url.getHost() != null) {
        return withoutCredentials(url);
      }
    } catch (URISyntaxException e) {
      // hidden below: the password may be anywhere in it
    }
    return HIDDEN;
  }
}
