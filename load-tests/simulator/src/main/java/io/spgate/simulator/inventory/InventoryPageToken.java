package io.spgate.simulator.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * getInventorySummaries' nextToken: where the next page starts (the last SKU served), the query it belongs to, and when
 * it was issued. It is standard base64 with a prefix that always encodes as {@code +/+/} and a length that always ends
 * in {@code ==}, so a client that sends it without URL-encoding it (a '+' read as a space) fails at once, as Amazon's
 * tokens fail (amzn/selling-partner-api-models#4946).
 */
record InventoryPageToken(Instant issuedAt, Optional<Instant> startDateTime, String granularityId, String lastSku) {
  /** The model: "The string token will expire 30 seconds after being created." */
  static final Duration LIFETIME = Duration.ofSeconds(30);
  /** Three bytes whose base64 is "+/+/". */
  private static final byte[] PREFIX = {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF};

  String encode() {
    String fields = issuedAt.toEpochMilli() + "|" + startDateTime.map(Instant::toString).orElse("-") + "|"
        + granularityId + "|" + lastSku;
    byte[] text = fields.getBytes(StandardCharsets.UTF_8);
    // '#' after the prefix (skipped when read) brings the length to 3n + 1 bytes, which base64 ends with "==".
    int pad = Math.floorMod(1 - (PREFIX.length + text.length), 3);
    ByteBuffer bytes = ByteBuffer.allocate(PREFIX.length + pad + text.length).put(PREFIX);
    for (int i = 0; i < pad; i++) {
      bytes.put((byte) '#');
    }
    return Base64.getEncoder().encodeToString(bytes.put(text).array());
  }

  /** Empty when the token is not one of ours, or was mangled on the way (e.g. not URL-encoded). */
  static Optional<InventoryPageToken> decode(String token) {
    try {
      byte[] bytes = Base64.getDecoder().decode(token);
      if (bytes.length <= PREFIX.length || bytes[0] != PREFIX[0] || bytes[1] != PREFIX[1] || bytes[2] != PREFIX[2]) {
        return Optional.empty();
      }
      int start = PREFIX.length;
      while (start < bytes.length && bytes[start] == '#') {
        start++;
      }
      String[] fields = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).split("\\|", 4);
      if (fields.length != 4) {
        return Optional.empty();
      }
      Optional<Instant> since = fields[1].equals("-") ? Optional.empty() : Optional.of(Instant.parse(fields[1]));
      return Optional.of(new InventoryPageToken(Instant.ofEpochMilli(Long.parseLong(fields[0])), since, fields[2], fields[3]));
    } catch (IllegalArgumentException | DateTimeException e) {
      return Optional.empty();
    }
  }

  boolean expiredAt(Instant now) {
    return now.isAfter(issuedAt.plus(LIFETIME));
  }
}
