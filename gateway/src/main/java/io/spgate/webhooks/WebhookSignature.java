package io.spgate.webhooks;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Spgate-Signature} header, as Stripe signs its webhooks: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>}. The time inside the signed text lets a receiver refuse an
 * old message replayed to it; the key is the endpoint's secret as text (UTF-8), as the tenant got it.
 */
public final class WebhookSignature {

  public static final String HEADER = "Spgate-Signature";
  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** A new endpoint secret: 32 random bytes, base64url, behind a prefix that says what it is. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String header(String secret, long unixSeconds, Buffer body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
  }

  /**
   * What a receiver does: true when some {@code v1} of the header is the HMAC of its {@code t} and the
   * body, compared in constant time. (The receiver also checks that {@code t} is recent.)
   */
  public static boolean verify(String secret, String header, Buffer body) {
    if (header == null) {
      return false;
    }
    Long t = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        try {
          t = Long.parseLong(part.substring(2));
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    if (t == null) {
      return false;
    }
    byte[] expected = hmac(secret, t, body).getBytes(StandardCharsets.US_ASCII);
    for (String part : header.split(",")) {
      if (part.startsWith("v1=") && MessageDigest.isEqual(expected, part.substring(3).getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private static String hmac(String secret, long unixSeconds, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
