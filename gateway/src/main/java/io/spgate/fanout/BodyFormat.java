package io.spgate.fanout;

import io.spgate.http.ApiException;
import io.spgate.http.Problem;
import java.util.Locale;

/** How a list of updates is written in a request body, by its Content-Type. */
enum BodyFormat {
  JSON, NDJSON, CSV;

  static BodyFormat of(String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/json" -> JSON;
      case "application/x-ndjson", "application/ndjson", "application/jsonl" -> NDJSON;
      case "text/csv" -> CSV;
      default -> throw new ApiException(new Problem(415, "unsupported_media_type", "Unsupported media type",
          "Send the updates as application/json (an array, or {\"items\": [...]}), application/x-ndjson or text/csv."));
    };
  }
}
