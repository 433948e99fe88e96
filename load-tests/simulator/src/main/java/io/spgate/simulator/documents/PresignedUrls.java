package io.spgate.simulator.documents;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * S3-style presigned URLs for documents: they carry their signing time and a signature, and stop working five minutes
 * after they were handed out, as Amazon's do; a client that caches a document URL finds out here.
 */
public final class PresignedUrls {
  static final long EXPIRES_SECONDS = 300;
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final byte[] key = new byte[32];

  public PresignedUrls() {
    new SecureRandom().nextBytes(key);
  }

  public String query(String documentId, Instant now) {
    String date = AMZ_DATE.format(now);
    return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date + "&X-Amz-Expires=" + EXPIRES_SECONDS
        + "&X-Amz-Signature=" + sign(documentId, date);
  }

  /** Null when the URL is valid now, else the S3 error code to answer with. */
  public String refusal(String documentId, String date, String signature, Instant now) {
    if (date == null || signature == null || !sign(documentId, date).equals(signature)) {
      return "SignatureDoesNotMatch";
    }
    Instant signed = Instant.from(AMZ_DATE.parse(date));
    return now.isAfter(signed.plusSeconds(EXPIRES_SECONDS)) ? "AccessDenied" : null;
  }

  private String sign(String documentId, String date) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((documentId + "\n" + date).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
