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
 * after they were handed out, as Amazon's do; a client that caches a document URL finds out here. A URL made for
 * getReportDocument's enableContentEncodingUrlHeader=true also carries (and signs) response-content-encoding=gzip.
 */
public final class PresignedUrls {
  static final long EXPIRES_SECONDS = 300;
  static final String CONTENT_ENCODING_PARAM = "response-content-encoding";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final byte[] key = new byte[32];

  public PresignedUrls() {
    new SecureRandom().nextBytes(key);
  }

  public String query(String documentId, Instant now, boolean gzipContentEncoding) {
    String date = AMZ_DATE.format(now);
    String encoding = gzipContentEncoding ? "gzip" : null;
    return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=" + date + "&X-Amz-Expires=" + EXPIRES_SECONDS
        + (encoding == null ? "" : "&" + CONTENT_ENCODING_PARAM + "=" + encoding)
        + "&X-Amz-Signature=" + sign(documentId, date, encoding);
  }

  /** Null when the URL is valid now, else the S3 error code to answer with; {@code encoding} is its response-content-encoding. */
  public String refusal(String documentId, String date, String encoding, String signature, Instant now) {
    if (date == null || signature == null || !sign(documentId, date, encoding).equals(signature)) {
      return "SignatureDoesNotMatch";
    }
    Instant signed = Instant.from(AMZ_DATE.parse(date));
    return now.isAfter(signed.plusSeconds(EXPIRES_SECONDS)) ? "AccessDenied" : null;
  }

  private String sign(String documentId, String date, String encoding) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = documentId + "\n" + date + (encoding == null ? "" : "\n" + encoding);
      return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
