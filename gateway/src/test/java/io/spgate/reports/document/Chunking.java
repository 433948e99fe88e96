package io.spgate.reports.document;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/** Inputs cut every way a network might cut them, and stages run over each cut. */
final class Chunking {

  private Chunking() {
  }

  /** The input whole, cut in two at every offset, byte by byte, and in random pieces (fixed seeds). */
  static List<List<Buffer>> cuts(byte[] input) {
    List<List<Buffer>> cuts = new ArrayList<>();
    cuts.add(List.of(Buffer.buffer(input)));
    for (int at = 1; at < input.length; at++) {
      cuts.add(List.of(Buffer.buffer(Arrays.copyOfRange(input, 0, at)), Buffer.buffer(Arrays.copyOfRange(input, at, input.length))));
    }
    List<Buffer> bytes = new ArrayList<>();
    for (byte b : input) {
      bytes.add(Buffer.buffer(new byte[] {b}));
    }
    cuts.add(bytes);
    for (long seed = 1; seed <= 20; seed++) {
      cuts.add(random(input, new Random(seed), 7));
    }
    return cuts;
  }

  /** Random pieces of 0 to maxPiece bytes (empty chunks too: a stage must not mind them). */
  static List<Buffer> random(byte[] input, Random random, int maxPiece) {
    List<Buffer> pieces = new ArrayList<>();
    int at = 0;
    while (at < input.length) {
      int n = Math.min(random.nextInt(maxPiece + 1), input.length - at);
      pieces.add(Buffer.buffer(Arrays.copyOfRange(input, at, at + n)));
      at += n;
    }
    return pieces;
  }

  /** What a fresh stage makes of the chunks. */
  static byte[] run(Supplier<? extends BufferStage> stage, List<Buffer> chunks) {
    return concat(Flowable.fromIterable(chunks).compose(stage.get()).toList().blockingGet());
  }

  static byte[] concat(List<Buffer> pieces) {
    Buffer all = Buffer.buffer();
    pieces.forEach(all::appendBuffer);
    return all.getBytes();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
