package io.spgate.reports.document;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Gunzips a document exactly once when its first two bytes are gzip's magic ({@code 1f 8b}), and
 * passes any other body through unchanged, whatever its headers or {@code compressionAlgorithm}
 * claim: Amazon's gzip documents come with or without {@code Content-Encoding: gzip}, sometimes
 * without {@code compressionAlgorithm}, and decompressing by the labels inflated some twice.
 * Concatenated gzip members inflate one after another; each member's CRC and size are checked.
 */
public final class Gunzip extends BufferStage {

  private static final int OUTPUT_SIZE = 64 * 1024;
  private static final int FTEXT_MASK = 0x01;
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int RESERVED_FLAGS = 0xe0;

  private enum State { SNIFFING, PASSING, HEADER, INFLATING, TRAILER, BETWEEN_MEMBERS }

  /** Where a member's header parse stands: the parts of RFC 1952's header, some optional. */
  private enum HeaderPart { FIXED, EXTRA_LENGTH, EXTRA, NAME, COMMENT, HEADER_CRC, DONE }

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private final byte[] scratch = new byte[OUTPUT_SIZE];
  private State state = State.SNIFFING;
  private Buffer sniffed = Buffer.buffer();
  private Buffer passing;
  private byte[] input = new byte[0];
  private int position;
  private int limit;

  private HeaderPart headerPart;
  private int partRead;
  private int flags;
  private int extraLeft;
  private final byte[] trailer = new byte[8];
  private long memberSize;
  private int members;

  /** Whether the document turned out to be gzip (known once its first two bytes came). */
  public boolean gzipped() {
    return state != State.SNIFFING && state != State.PASSING;
  }

  /** How many gzip members were inflated whole. */
  public int members() {
    return members;
  }

  @Override
  protected void accept(Buffer chunk) {
    if (state == State.SNIFFING) {
      sniffed.appendBuffer(chunk);
      if (sniffed.length() < 2) {
        return;
      }
      if (sniffed.getUnsignedByte(0) == 0x1f && sniffed.getUnsignedByte(1) == 0x8b) {
        startMember();
        setInput(sniffed);
      } else {
        state = State.PASSING;
        passing = sniffed;
      }
      sniffed = null;
    } else if (state == State.PASSING) {
      passing = chunk;
    } else {
      setInput(chunk);
    }
  }

  @Override
  protected Buffer poll() {
    while (true) {
      switch (state) {
        case SNIFFING:
          return null;
        case PASSING: {
          Buffer out = passing;
          passing = null;
          return out;
        }
        case HEADER:
          if (!readHeader()) {
            return null;
          }
          state = State.INFLATING;
          break;
        case INFLATING: {
          Buffer out = inflate();
          if (out != null || state == State.INFLATING) {
            return out;
          }
          break;
        }
        case TRAILER:
          if (!readTrailer()) {
            return null;
          }
          state = State.BETWEEN_MEMBERS;
          break;
        case BETWEEN_MEMBERS:
          if (position == limit) {
            return null;
          }
          startMember();
          break;
        default:
          throw new IllegalStateException(state.name());
      }
    }
  }

  @Override
  protected void end() {
    switch (state) {
      case SNIFFING -> {
        // Fewer than two bytes in all: not gzip.
        state = State.PASSING;
        passing = sniffed;
      }
      case PASSING, BETWEEN_MEMBERS -> { }
      default -> throw new CorruptGzipException("The gzip document ends in the middle of a member (" + state.name().toLowerCase()
          + "): it was cut short.");
    }
  }

  @Override
  protected void release() {
    inflater.end();
  }

  private void setInput(Buffer chunk) {
    input = chunk.getBytes();
    position = 0;
    limit = input.length;
  }

  private void startMember() {
    state = State.HEADER;
    headerPart = HeaderPart.FIXED;
    partRead = 0;
    inflater.reset();
    crc.reset();
    memberSize = 0;
  }

  /** Reads what there is of the member's header; true once it is complete. */
  private boolean readHeader() {
    while (headerPart != HeaderPart.DONE && position < limit) {
      int b = input[position++] & 0xff;
      switch (headerPart) {
        case FIXED -> readFixed(b);
        case EXTRA_LENGTH -> {
          extraLeft |= b << (8 * partRead);
          if (++partRead == 2) {
            partRead = 0;
            headerPart = extraLeft > 0 ? HeaderPart.EXTRA : afterExtra();
          }
        }
        case EXTRA -> {
          if (--extraLeft == 0) {
            headerPart = afterExtra();
          }
        }
        case NAME -> {
          if (b == 0) {
            headerPart = afterName();
          }
        }
        case COMMENT -> {
          if (b == 0) {
            headerPart = afterComment();
          }
        }
        case HEADER_CRC -> {
          if (++partRead == 2) {
            headerPart = HeaderPart.DONE;
          }
        }
        default -> throw new IllegalStateException(headerPart.name());
      }
    }
    return headerPart == HeaderPart.DONE;
  }

  private void readFixed(int b) {
    if (partRead == 0 && b != 0x1f || partRead == 1 && b != 0x8b) {
      throw new CorruptGzipException("Bytes follow gzip member " + members + " that are not another gzip member.");
    }
    if (partRead == 2 && b != 8) {
      throw new CorruptGzipException("The gzip member uses compression method " + b + "; only deflate (8) exists.");
    }
    if (partRead == 3) {
      if ((b & RESERVED_FLAGS) != 0) {
        throw new CorruptGzipException("The gzip header sets reserved flags.");
      }
      flags = b & ~FTEXT_MASK;
    }
    if (++partRead == 10) {
      partRead = 0;
      extraLeft = 0;
      headerPart = (flags & FEXTRA) != 0 ? HeaderPart.EXTRA_LENGTH : afterExtra();
    }
  }

  private HeaderPart afterExtra() {
    return (flags & FNAME) != 0 ? HeaderPart.NAME : afterName();
  }

  private HeaderPart afterName() {
    return (flags & FCOMMENT) != 0 ? HeaderPart.COMMENT : afterComment();
  }

  private HeaderPart afterComment() {
    partRead = 0;
    return (flags & FHCRC) != 0 ? HeaderPart.HEADER_CRC : HeaderPart.DONE;
  }

  /** The next inflated piece; null with the state still INFLATING when more input is needed, or moved on to TRAILER. */
  private Buffer inflate() {
    if (inflater.needsInput() && position < limit) {
      inflater.setInput(input, position, limit - position);
      position = limit;
    }
    int n;
    try {
      n = inflater.inflate(scratch);
    } catch (DataFormatException e) {
      throw new CorruptGzipException("The gzip document's compressed data is corrupt: " + e.getMessage(), e);
    }
    if (n > 0) {
      crc.update(scratch, 0, n);
      memberSize += n;
      return Buffer.buffer(Arrays.copyOf(scratch, n));
    }
    if (inflater.finished()) {
      position = limit - inflater.getRemaining();
      state = State.TRAILER;
      partRead = 0;
      return null;
    }
    if (inflater.needsDictionary()) {
      throw new CorruptGzipException("The gzip document's compressed data asks for a preset dictionary, which gzip never uses.");
    }
    return null;
  }

  /** Reads what there is of the member's CRC32 and size; true once both came and match. */
  private boolean readTrailer() {
    int n = Math.min(trailer.length - partRead, limit - position);
    System.arraycopy(input, position, trailer, partRead, n);
    position += n;
    partRead += n;
    if (partRead < trailer.length) {
      return false;
    }
    Buffer read = Buffer.buffer(trailer);
    if (read.getUnsignedIntLE(0) != crc.getValue()) {
      throw new CorruptGzipException("Gzip member " + (members + 1) + " fails its CRC32 check: the data is corrupt.");
    }
    if (read.getUnsignedIntLE(4) != (memberSize & 0xffffffffL)) {
      throw new CorruptGzipException("Gzip member " + (members + 1) + " inflated to another size than its trailer says.");
    }
    members++;
    return true;
  }
}
