package io.spgate.reports.document;

import io.spgate.reports.document.DocumentUrlException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which document URLs the gateway may fetch. A document URL comes from Amazon's answer, but the
 * gateway fetches it from inside its network, so it is checked like any outside input: https on
 * Amazon's storage hosts ({@code tortuga-prod-na.s3-external-1.amazonaws.com},
 * {@code <bucket>.s3.amazonaws.com}), plus exact origins a deployment allows (the simulator's
 * {@code http://127.0.0.1:9400} in tests).
 */
public final class DocumentHosts {

  /** Amazon's storage hosts: any host under amazonaws.com, over https on its default port. */
  public static final List<String> AMAZON_STORAGE = List.of(".amazonaws.com");

  private final List<String> suffixes = new ArrayList<>();
  private final List<String> origins = new ArrayList<>();

  /**
   * From entries that are either a host suffix starting with a dot ({@code .amazonaws.com}, https
   * only) or an exact origin ({@code http://127.0.0.1:9400}: scheme, host and port).
   */
  public DocumentHosts(List<String> allowed) {
    for (String entry : allowed) {
      String trimmed = entry.trim().toLowerCase(Locale.ROOT);
      if (trimmed.startsWith(".") && trimmed.length() > 1) {
        suffixes.add(trimmed);
      } else {
        origins.add(origin(parse(trimmed, "Allowed document origin")));
      }
    }
  }

  /** Amazon's storage hosts and the given exact origins. */
  public static DocumentHosts amazonStorageAnd(List<String> origins) {
    List<String> allowed = new ArrayList<>(AMAZON_STORAGE);
    allowed.addAll(origins);
    return new DocumentHosts(allowed);
  }

  /** The URL, parsed, if the gateway may fetch it; otherwise a {@link DocumentUrlException} saying why. */
  public URI check(String url) {
    URI uri = parse(url, "Document URL");
    if (uri.getRawUserInfo() != null) {
      throw new DocumentUrlException(Reason.USERINFO_PRESENT, "Document URL carries user info; S3 links never do.");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (origins.contains(origin(uri))) {
      return uri;
    }
    if (!scheme.equals("https")) {
      throw new DocumentUrlException(Reason.NOT_HTTPS, "Document URL is " + scheme + ", not https.");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean defaultPort = uri.getPort() == -1 || uri.getPort() == 443;
    if (defaultPort && suffixes.stream().anyMatch(host::endsWith)) {
      return uri;
    }
    throw new DocumentUrlException(Reason.HOST_NOT_ALLOWED, "Document host " + host + (defaultPort ? "" : ":" + uri.getPort())
        + " is not one the gateway fetches documents from.");
  }

  private static URI parse(String url, String what) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw new DocumentUrlException(Reason.MALFORMED, what + " is not a URL.");
    }
    if (uri.getScheme() == null || uri.getHost() == null || uri.isOpaque()) {
      throw new DocumentUrlException(Reason.MALFORMED, what + " is not an absolute http(s) URL with a host.");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new DocumentUrlException(Reason.NOT_HTTPS, what + " is " + scheme + ", not https.");
    }
    return uri;
  }

  /** scheme://host:port, the port spelled out. */
  static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
  }

  static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
