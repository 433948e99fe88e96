package io.spgate.reports.document;

import static io.spgate.reports.document.Chunking.cuts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8TranscoderTest {

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Transcodes every cut of the input; answers the count of replaced bytes (the same for every cut). */
  private static long assertTranscodes(String contentType, byte[] input, byte[] expected) {
    Charset charset = DocumentCharset.fromContentType(contentType);
    long replaced = -1;
    for (List<Buffer> cut : cuts(input)) {
      Utf8Transcoder transcoder = new Utf8Transcoder(charset);
      byte[] out = Chunking.concat(Flowable.fromIterable(cut).compose(transcoder).toList().blockingGet());
      assertThat(out).as("cut %s", GunzipTest.sizes(cut)).isEqualTo(expected);
      assertThat(replaced == -1 || replaced == transcoder.replaced()).isTrue();
      replaced = transcoder.replaced();
    }
    return replaced;
  }

  @Test
  void should_transcode_cp1252() {
    byte[] cp1252 = bytes(0xe9, ' ', 0xdf, ' ', 0x80, ' ', 0x93, 'x', 0x94);
    assertThat(assertTranscodes("text/plain; charset=Cp1252", cp1252, utf8("é ß € “x”"))).isZero();
  }

  @Test
  void should_decode_a_document_labelled_shift_jis_as_windows_31j() {
    // ① ～ 髙 № as cp932 writes them; ① and № are NEC extensions, 髙 an IBM one: not Shift_JIS's.
    byte[] cp932 = bytes(0x87, 0x40, ' ', 0x81, 0x60, ' ', 0xfb, 0xfc, ' ', 0x87, 0x82);
    assertThat(cp932).isEqualTo("① ～ 髙 №".getBytes(Charset.forName("windows-31j")));
    assertThat(new String(cp932, Charset.forName("Shift_JIS"))).isNotEqualTo("① ～ 髙 №");

    assertThat(assertTranscodes("text/plain; charset=Shift_JIS", cp932, utf8("① ～ 髙 №"))).isZero();
    assertThat(assertTranscodes("text/plain;charset=windows-31j", cp932, utf8("① ～ 髙 №"))).isZero();
  }

  @Test
  void should_transcode_iso_8859_1_as_browsers_do() {
    assertThat(assertTranscodes("text/plain; charset=ISO-8859-1", bytes('c', 'a', 'f', 0xe9, ' ', 0xfc, 0xa0, 0xff), utf8("café ü\u00a0ÿ")))
        .isZero();
    // A € written by a Cp1252 writer under a Latin-1 label.
    assertThat(assertTranscodes("text/plain; charset=iso-8859-1", bytes(0x80), utf8("€"))).isZero();
  }

  @Test
  void should_pass_utf8_through_as_identical_bytes() {
    byte[] utf8 = join(utf8("sku\ttitle\nA-1\tCafé ① 😀\n"), bytes(0xff, 0xc3));
    for (String contentType : new String[] {null, "text/plain", "text/plain; charset=UTF-8", "text/plain; charset=utf8"}) {
      for (List<Buffer> cut : cuts(utf8)) {
        Utf8Transcoder transcoder = new Utf8Transcoder(DocumentCharset.fromContentType(contentType));
        List<Buffer> out = Flowable.fromIterable(cut).compose(transcoder).toList().blockingGet();
        assertThat(Chunking.concat(out)).isEqualTo(utf8);
      }
    }
  }

  @Test
  void should_replace_and_count_what_cannot_be_decoded() {
    // 0x81 is unassigned in windows-1252.
    assertThat(assertTranscodes("text/plain; charset=windows-1252", bytes('a', 0x81, 'b'), utf8("a\uFFFDb"))).isEqualTo(1);
    // A cp932 lead byte the document ends on, and one followed by a byte that cannot trail it.
    assertThat(assertTranscodes("text/plain; charset=Shift_JIS", bytes('a', 0x87, 0x40, 0x87), utf8("a①\uFFFD"))).isEqualTo(1);
    assertThat(assertTranscodes("text/plain; charset=Shift_JIS", bytes(0x87, 0x0a, 'x'), utf8("\uFFFD\nx"))).isEqualTo(1);
  }

  @Test
  void should_give_every_byte_of_a_single_byte_charset_the_character_its_decoder_gives() {
    byte[] all = new byte[256];
    for (int b = 0; b < 256; b++) {
      all[b] = (byte) b;
    }
    for (String label : List.of("windows-1252", "ISO-8859-2", "ISO-8859-15", "KOI8-R")) {
      Charset charset = Charset.forName(label);
      String decoded = charset.decode(java.nio.ByteBuffer.wrap(all)).toString();
      Utf8Transcoder transcoder = new Utf8Transcoder(charset);
      byte[] out = Chunking.concat(Flowable.just(Buffer.buffer(all)).compose(transcoder).toList().blockingGet());

      assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8)).as(label).isEqualTo(decoded);
      assertThat(transcoder.replaced()).as(label).isEqualTo(decoded.chars().filter(c -> c == '\uFFFD').count());
    }
  }

  @Test
  void should_transcode_characters_beyond_the_bmp_split_anywhere() {
    Charset utf16 = StandardCharsets.UTF_16LE;
    byte[] input = "a😀b😀".getBytes(utf16);
    assertThat(assertTranscodes("text/plain; charset=UTF-16LE", input, utf8("a😀b😀"))).isZero();
  }

  @Test
  void should_read_the_charset_of_a_content_type() {
    assertThat(DocumentCharset.fromContentType("text/plain; charset=Cp1252")).isEqualTo(Charset.forName("windows-1252"));
    assertThat(DocumentCharset.fromContentType("text/plain;charset=utf8")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.fromContentType("text/plain; charset=\"UTF-8\"")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.fromContentType("text/plain; Charset=windows-31j")).isEqualTo(DocumentCharset.WINDOWS_31J);
    assertThat(DocumentCharset.fromContentType("text/plain; charset=Shift_JIS")).isEqualTo(DocumentCharset.WINDOWS_31J);
    assertThat(DocumentCharset.fromContentType("text/plain; charset=ISO-8859-1")).isEqualTo(DocumentCharset.WINDOWS_1252);
    assertThat(DocumentCharset.fromContentType("text/tab-separated-values; header=present; charset=UTF-8"))
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.fromContentType("text/plain")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.fromContentType("text/plain; charset=")).isEqualTo(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.fromContentType(null)).isEqualTo(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DocumentCharset.fromContentType("text/plain; charset=no-such-charset"))
        .isInstanceOf(UnsupportedCharsetException.class);
    assertThatThrownBy(() -> DocumentCharset.fromContentType("text/plain; charset=bad name!"))
        .isInstanceOf(UnsupportedCharsetException.class);
  }

  private static byte[] join(byte[] a, byte[] b) {
    return Chunking.join(a, b);
  }
}
