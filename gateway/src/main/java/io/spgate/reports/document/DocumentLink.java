package io.spgate.reports.document;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A document's presigned URL and the compression Amazon says it has (often wrong or missing: the bytes decide). */
public record DocumentLink(String url, Optional<String> compressionAlgorithm) {

  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  /**
   * When S3 stops honouring the link, from its presigned query ({@code X-Amz-Date} plus
   * {@code X-Amz-Expires}, 300 s for report documents); empty when the URL does not say.
   */
  public Optional<Instant> expiresAt() {
    int start = url.indexOf('?');
    if (start < 0) {
      return Optional.empty();
    }
    String date = null;
    String expires = null;
    for (String parameter : url.substring(start + 1).split("[&#]")) {
      if (parameter.startsWith("X-Amz-Date=")) {
        date = parameter.substring("X-Amz-Date=".length());
      } else if (parameter.startsWith("X-Amz-Expires=")) {
        expires = parameter.substring("X-Amz-Expires=".length());
      }
    }
    if (date == null || expires == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC).plusSeconds(Long.parseLong(expires)));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
