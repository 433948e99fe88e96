package io.spgate.webhooks;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs webhooks may go to. A webhook makes the gateway send requests where a tenant says, so
 * unless the operator allows private targets (SPGATE_WEBHOOKS_ALLOW_PRIVATE) only https and only
 * hosts whose every address is public: no loopback, private, link-local (cloud metadata at
 * 169.254.169.254), unique-local, shared or multicast address. Checked at registration and again
 * before every attempt, since a name may resolve elsewhere by then; the attempt connects to the
 * address checked, not to a second lookup.
 */
final class WebhookTargets {

  static final int MAX_URL_LENGTH = 2048;

  /** Why an attempt was not made: safe to show the tenant (it names their own URL's host only). */
  static final class RefusedTarget extends RuntimeException {
    RefusedTarget(String message) {
      super(message, null, false, false);
    }
  }

  private final Vertx vertx;
  private final boolean allowPrivate;

  WebhookTargets(Vertx vertx, boolean allowPrivate) {
    this.vertx = vertx;
    this.allowPrivate = allowPrivate;
  }

  /** The URL when its form is acceptable, or a 400 problem saying what is wrong. */
  URI parse(String raw) {
    if (raw.length() > MAX_URL_LENGTH) {
      throw invalid("'url' may be at most " + MAX_URL_LENGTH + " characters.");
    }
    URI url;
    try {
      url = new URI(raw);
    } catch (URISyntaxException e) {
      throw invalid("'url' is not a URL.");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      throw invalid(allowPrivate ? "'url' must be an http or https URL." : "'url' must be an https URL.");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw invalid("'url' must name a host.");
    }
    if (url.getRawUserInfo() != null) {
      throw invalid("'url' may not hold a user name or password; put a token in the path or query instead.");
    }
    if (url.getRawFragment() != null) {
      throw invalid("'url' may not have a fragment (#...).");
    }
    return url;
  }

  /** Resolves the URL's host (on a worker: the JDK's resolver blocks) to the address to connect to, or fails with {@link RefusedTarget}. */
  Future<InetAddress> resolve(URI url) {
    String host = bare(url.getHost());
    return vertx.executeBlocking(() -> {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new RefusedTarget("The host " + host + " does not resolve.");
      }
      if (!allowPrivate) {
        for (InetAddress address : addresses) {
          Optional<String> kind = nonPublic(address);
          if (kind.isPresent()) {
            throw new RefusedTarget("The host " + host + " resolves to a " + kind.get()
                + " address; webhooks go to public addresses only.");
          }
        }
      }
      return addresses[0];
    }, false);
  }

  /** What kind of address that is not on the public internet this is, or empty for a public one. */
  static Optional<String> nonPublic(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    // ::a.b.c.d (but :: and ::1, seen above) reaches the IPv4 address in it.
    if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
      try {
        return nonPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 0) {
        return Optional.of("unspecified");
      }
      if (first == 100 && second >= 64 && second < 128) {
        return Optional.of("shared (carrier-grade NAT)");
      }
      if (first >= 240) {
        return Optional.of("reserved");
      }
      return Optional.empty();
    }
    if ((bytes[0] & 0xfe) == 0xfc) {
      return Optional.of("unique-local");
    }
    return Optional.empty();
  }

  /** An IPv6 literal's host comes in brackets from URI. */
  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problem.validation(detail));
  }
}
