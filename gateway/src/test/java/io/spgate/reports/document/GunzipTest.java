package io.spgate.reports.document;

import static io.spgate.reports.document.Chunking.cuts;
import static io.spgate.reports.document.Chunking.gzip;
import static io.spgate.reports.document.Chunking.join;
import static io.spgate.reports.document.Chunking.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GunzipTest {

  private static final byte[] TEXT = "sku\tprice\nA-1\t9.99\nB-2\t12.50\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void should_gunzip_at_every_chunk_boundary() {
    byte[] gz = gzip(TEXT);
    for (List<Buffer> cut : cuts(gz)) {
      assertThat(run(Gunzip::new, cut)).as("cut %s", sizes(cut)).isEqualTo(TEXT);
    }
  }

  @Test
  void should_pass_plain_bytes_through_unchanged_at_every_chunk_boundary() {
    for (List<Buffer> cut : cuts(TEXT)) {
      assertThat(run(Gunzip::new, cut)).isEqualTo(TEXT);
    }
  }

  @Test
  void should_pass_through_a_body_shorter_than_the_magic_and_an_empty_one() {
    assertThat(run(Gunzip::new, List.of(Buffer.buffer(new byte[] {0x1f})))).containsExactly(0x1f);
    assertThat(run(Gunzip::new, List.of(Buffer.buffer("x")))).containsExactly('x');
    assertThat(run(Gunzip::new, List.of())).isEmpty();
    assertThat(run(Gunzip::new, List.of(Buffer.buffer(), Buffer.buffer()))).isEmpty();
  }

  @Test
  void should_inflate_concatenated_members_at_every_chunk_boundary() {
    byte[] gz = join(gzip("sku\tprice\n".getBytes(StandardCharsets.UTF_8)), gzip("A-1\t9.99\n".getBytes(StandardCharsets.UTF_8)),
        gzip(new byte[0]));
    for (List<Buffer> cut : cuts(gz)) {
      assertThat(run(Gunzip::new, cut)).isEqualTo("sku\tprice\nA-1\t9.99\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void should_read_headers_with_extra_field_name_comment_and_header_crc_at_every_chunk_boundary() {
    byte[] deflated = Arrays.copyOfRange(gzip(TEXT), 10, gzip(TEXT).length);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    // FHCRC | FEXTRA | FNAME | FCOMMENT
    gz.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3});
    gz.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
    gz.writeBytes("report.tsv\0".getBytes(StandardCharsets.ISO_8859_1));
    gz.writeBytes("made by a test\0".getBytes(StandardCharsets.ISO_8859_1));
    gz.writeBytes(new byte[] {0x12, 0x34});
    gz.writeBytes(deflated);
    for (List<Buffer> cut : cuts(gz.toByteArray())) {
      assertThat(run(Gunzip::new, cut)).isEqualTo(TEXT);
    }
  }

  @Test
  void should_inflate_a_double_labelled_document_exactly_once() {
    // Content-Encoding: gzip and compressionAlgorithm GZIP, body gzip once: the stage reads bytes, not labels.
    byte[] gz = gzip(TEXT);
    assertThat(run(Gunzip::new, List.of(Buffer.buffer(gz)))).isEqualTo(TEXT);
    // A document gzipped twice is inflated once: what comes out is still gzip, as stored inside.
    assertThat(run(Gunzip::new, List.of(Buffer.buffer(gzip(gz))))).isEqualTo(gz);
  }

  @Test
  void should_fail_a_truncated_gzip_at_every_cut_point() {
    byte[] gz = gzip(TEXT);
    for (int length = 2; length < gz.length; length++) {
      byte[] truncated = Arrays.copyOf(gz, length);
      TestSubscriber<Buffer> result = Flowable.just(Buffer.buffer(truncated)).compose(new Gunzip()).test();
      result.assertError(CorruptGzipException.class);
    }
  }

  @Test
  void should_fail_corrupt_data_and_a_wrong_checksum() {
    byte[] gz = gzip(TEXT);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 0x01;
    Flowable.just(Buffer.buffer(badCrc)).compose(new Gunzip()).test().assertError(CorruptGzipException.class);

    byte[] badData = gz.clone();
    Arrays.fill(badData, 10, gz.length - 8, (byte) 0xff);
    Flowable.just(Buffer.buffer(badData)).compose(new Gunzip()).test().assertError(CorruptGzipException.class);

    byte[] trailingGarbage = join(gz, "not gzip".getBytes(StandardCharsets.UTF_8));
    Flowable.just(Buffer.buffer(trailingGarbage)).compose(new Gunzip()).test().assertError(CorruptGzipException.class);
  }

  @Test
  void should_inflate_a_large_document_in_pieces_of_bounded_size() {
    byte[] big = new byte[3 * 1024 * 1024];
    new Random(7).nextBytes(big);
    Arrays.fill(big, 1024 * 1024, 3 * 1024 * 1024, (byte) 'x');
    byte[] gz = gzip(big);
    List<Buffer> pieces = Flowable.fromIterable(Chunking.random(gz, new Random(3), 40_000)).compose(new Gunzip()).toList().blockingGet();
    assertThat(Chunking.concat(pieces)).isEqualTo(big);
    assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(64 * 1024));
  }

  @Test
  void should_refuse_a_second_subscription() {
    Gunzip gunzip = new Gunzip();
    Flowable.just(Buffer.buffer(TEXT)).compose(gunzip).test().assertComplete();
    Flowable.just(Buffer.buffer(TEXT)).compose(gunzip).test().assertError(IllegalStateException.class);
  }

  static List<Integer> sizes(List<Buffer> cut) {
    return cut.stream().map(Buffer::length).toList();
  }
}
