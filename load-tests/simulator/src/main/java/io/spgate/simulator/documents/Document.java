package io.spgate.simulator.documents;

import io.vertx.core.buffer.Buffer;

/** A document behind a presigned URL: feed input uploaded by a client, a feed's result, or a generated report. */
public interface Document {
  String id();

  /** The seller the document belongs to. */
  String sellerId();

  /** Whether the bytes are gzip-compressed (compressionAlgorithm GZIP). */
  default boolean gzipCompressed() {
    return false;
  }

  /** The Content-Type S3 serves the document with. */
  String contentType();

  /** The size in bytes when it is known without producing the document, else -1. */
  long knownLength();

  /** The document's bytes from the start, a chunk at a time: the same bytes, in the same order, on every call. */
  Chunks open();

  /** The bytes of one reading of a document. */
  interface Chunks {
    /** The next chunk, or null after the last. */
    Buffer next();
  }

  /** A document held in memory: feed inputs, processing reports and FATAL reports' explanations, which are small. */
  record Stored(String id, String sellerId, String contentType, Buffer content, boolean gzipCompressed) implements Document {
    public Stored(String id, String sellerId, String contentType, Buffer content) {
      this(id, sellerId, contentType, content, false);
    }

    @Override
    public long knownLength() {
      return content.length();
    }

    @Override
    public Chunks open() {
      boolean[] taken = {false};
      return () -> {
        if (taken[0]) {
          return null;
        }
        taken[0] = true;
        return content;
      };
    }
  }
}
