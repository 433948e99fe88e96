package io.spgate.simulator.documents;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A document behind a presigned URL: feed input uploaded by a client, a feed's result, or a generated report. */
public interface Document {
  String id();

  /** The seller the document belongs to. */
  String sellerId();

  /** Whether the bytes are gzip-compressed (compressionAlgorithm GZIP). */
  default boolean gzipCompressed() {
    return false;
  }

  /** Writes the document's bytes (already compressed where the document says GZIP) to the response and ends it. */
  void writeTo(HttpServerResponse response);

  /** A document held in memory: feed inputs and processing reports, which are small. */
  record Stored(String id, String sellerId, String contentType, Buffer content) implements Document {
    @Override
    public void writeTo(HttpServerResponse response) {
      response.putHeader("content-type", contentType).end(content);
    }
  }
}
