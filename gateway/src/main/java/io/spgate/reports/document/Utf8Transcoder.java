package io.spgate.reports.document;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Re-encodes a document from its charset to UTF-8, a chunk at a time: a multi-byte character split
 * between two chunks waits for its other half. Bytes the charset cannot decode become U+FFFD and
 * are counted, so a garbled document shows rather than failing the download. UTF-8 documents pass
 * through untouched.
 */
public final class Utf8Transcoder extends BufferStage {

  private static final int CHARS_PER_PIECE = 16 * 1024;
  private static final char REPLACEMENT = '\uFFFD';

  private final boolean passThrough;
  private final CharsetDecoder decoder;
  private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE)
      .replaceWith(String.valueOf(REPLACEMENT).getBytes(StandardCharsets.UTF_8));
  private final CharBuffer chars = CharBuffer.allocate(CHARS_PER_PIECE);
  private ByteBuffer in = ByteBuffer.allocate(0);
  private Buffer passing;
  private boolean ended;
  private boolean flushed;
  private boolean done;
  private long replaced;

  public Utf8Transcoder(Charset from) {
    this.passThrough = from.equals(StandardCharsets.UTF_8);
    this.decoder = from.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** How many bytes (or byte sequences) could not be decoded and became U+FFFD so far. */
  public long replaced() {
    return replaced;
  }

  @Override
  protected void accept(Buffer chunk) {
    if (passThrough) {
      passing = chunk;
    } else if (in.hasRemaining()) {
      // The start of a character cut by the chunk's end.
      ByteBuffer joined = ByteBuffer.allocate(in.remaining() + chunk.length());
      joined.put(in).put(chunk.getBytes()).flip();
      in = joined;
    } else {
      in = ByteBuffer.wrap(chunk.getBytes());
    }
  }

  @Override
  protected Buffer poll() {
    if (passThrough) {
      Buffer out = passing;
      passing = null;
      return out;
    }
    if (done) {
      return null;
    }
    if (!flushed) {
      decode();
    }
    boolean last = ended && !in.hasRemaining();
    if (last && !flushed) {
      if (decoder.flush(chars).isOverflow()) {
        last = false;
      } else {
        flushed = true;
      }
    }
    chars.flip();
    ByteBuffer out = ByteBuffer.allocate(chars.remaining() * 3 + 4);
    encoder.encode(chars, out, last);
    if (last && !chars.hasRemaining()) {
      encoder.flush(out);
      done = true;
    }
    // A high surrogate whose low half has not been decoded yet stays for the next piece.
    chars.compact();
    return out.position() == 0 ? null : Buffer.buffer(Arrays.copyOf(out.array(), out.position()));
  }

  @Override
  protected void end() {
    ended = true;
  }

  /** Decodes what fits into {@link #chars}, replacing what cannot be decoded. */
  private void decode() {
    while (chars.hasRemaining()) {
      CoderResult result = decoder.decode(in, chars, ended);
      if (!result.isError()) {
        return;
      }
      in.position(in.position() + result.length());
      chars.put(REPLACEMENT);
      replaced++;
    }
  }
}
