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
 * through untouched. Single-byte charsets (windows-1252, most EU documents) go through a table of
 * each byte's UTF-8 bytes instead of a decoder and an encoder: half the CPU of a download was theirs.
 */
public final class Utf8Transcoder extends BufferStage {

  private static final int CHARS_PER_PIECE = 16 * 1024;
  private static final char REPLACEMENT = '\uFFFD';
  private static final byte[] REPLACEMENT_UTF8 = String.valueOf(REPLACEMENT).getBytes(StandardCharsets.UTF_8);

  private final boolean passThrough;
  /** For a single-byte charset, each byte's UTF-8 bytes (empty for none); null otherwise. */
  private final byte[][] singleBytes;
  private Buffer single;
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
    this.singleBytes = passThrough ? null : singleByteTable(from);
  }

  /** Each byte's UTF-8 bytes when every byte of {@code charset} is a character or undefined on its own; else null. */
  private static byte[][] singleByteTable(Charset charset) {
    if (charset.newEncoder().maxBytesPerChar() != 1.0f) {
      return null;
    }
    byte[][] table = new byte[256][];
    CharsetDecoder single = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int b = 0; b < 256; b++) {
      try {
        CharBuffer decoded = single.reset().decode(ByteBuffer.wrap(new byte[] {(byte) b}));
        table[b] = decoded.length() == 1 ? decoded.toString().getBytes(StandardCharsets.UTF_8) : null;
      } catch (java.nio.charset.CharacterCodingException e) {
        table[b] = null;
      }
    }
    return table;
  }

  /** How many bytes (or byte sequences) could not be decoded and became U+FFFD so far. */
  public long replaced() {
    return replaced;
  }

  @Override
  protected void accept(Buffer chunk) {
    if (passThrough) {
      passing = chunk;
    } else if (singleBytes != null) {
      single = chunk;
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
    if (singleBytes != null) {
      Buffer out = single == null ? null : fromSingleBytes(single.getBytes());
      single = null;
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

  /** One pass to size the output, one to fill it: ASCII runs are copied whole, other bytes from the table. */
  private Buffer fromSingleBytes(byte[] in) {
    int length = 0;
    for (byte b : in) {
      byte[] utf8 = singleBytes[b & 0xff];
      length += b >= 0 ? 1 : utf8 == null ? REPLACEMENT_UTF8.length : utf8.length;
    }
    byte[] out = new byte[length];
    int o = 0;
    int i = 0;
    while (i < in.length) {
      int run = i;
      while (i < in.length && in[i] >= 0) {
        i++;
      }
      System.arraycopy(in, run, out, o, i - run);
      o += i - run;
      if (i < in.length) {
        byte[] utf8 = utf8Of(in[i++]);
        System.arraycopy(utf8, 0, out, o, utf8.length);
        o += utf8.length;
      }
    }
    return Buffer.buffer(out);
  }

  private byte[] utf8Of(byte b) {
    byte[] utf8 = singleBytes[b & 0xff];
    if (utf8 == null) {
      replaced++;
      return REPLACEMENT_UTF8;
    }
    return utf8;
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
