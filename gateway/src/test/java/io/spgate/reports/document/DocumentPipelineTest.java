package io.spgate.reports.document;

import static io.spgate.reports.document.Chunking.cuts;
import static io.spgate.reports.document.Chunking.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentPipelineTest {

  private static final String CP1252 = "text/plain;charset=Cp1252";
  private static final String TEXT = "sku\ttitle\nA-1\tCafé “12\" mug” €5\nA-2\tß\n";
  private static final byte[] DOCUMENT = gzip(TEXT.getBytes(Charset.forName("windows-1252")));

  private static byte[] through(DocumentPipeline pipeline, List<Buffer> chunks) {
    return Chunking.concat(Flowable.fromIterable(chunks).compose(pipeline).toList().blockingGet());
  }

  @Test
  void should_deliver_amazons_bytes_untouched_as_raw() {
    DocumentPipeline raw = DocumentPipeline.of(DocumentFormat.RAW, CP1252);
    assertThat(through(raw, List.of(Buffer.buffer(DOCUMENT)))).isEqualTo(DOCUMENT);
    assertThat(raw.gunzipped()).isFalse();
    assertThat(raw.charset()).isEmpty();
    // RAW never decodes, so a charset unknown to the JVM does not stop it.
    assertThat(through(DocumentPipeline.of(DocumentFormat.RAW, "text/plain; charset=x-unknown"), List.of(Buffer.buffer(DOCUMENT))))
        .isEqualTo(DOCUMENT);
  }

  @Test
  void should_deliver_tsv_gunzipped_in_utf8_at_every_chunk_boundary() {
    for (List<Buffer> cut : cuts(DOCUMENT)) {
      DocumentPipeline tsv = DocumentPipeline.of(DocumentFormat.TSV, CP1252);
      assertThat(new String(through(tsv, cut), StandardCharsets.UTF_8)).isEqualTo(TEXT);
      assertThat(tsv.gunzipped()).isTrue();
      assertThat(tsv.rows()).isZero();
    }
  }

  @Test
  void should_convert_to_ndjson_and_csv_at_every_chunk_boundary() {
    for (List<Buffer> cut : cuts(DOCUMENT)) {
      DocumentPipeline ndjson = DocumentPipeline.of(DocumentFormat.NDJSON, CP1252);
      assertThat(new String(through(ndjson, cut), StandardCharsets.UTF_8))
          .isEqualTo("{\"sku\":\"A-1\",\"title\":\"Café “12\\\" mug” €5\"}\n{\"sku\":\"A-2\",\"title\":\"ß\"}\n");
      assertThat(ndjson.rows()).isEqualTo(2);

      DocumentPipeline csv = DocumentPipeline.of(DocumentFormat.CSV, CP1252);
      assertThat(new String(through(csv, cut), StandardCharsets.UTF_8))
          .isEqualTo("sku,title\r\nA-1,\"Café “12\"\" mug” €5\"\r\nA-2,ß\r\n");
      assertThat(csv.rows()).isEqualTo(2);
    }
  }

  @Test
  void should_convert_a_plain_document_labelled_gzip_by_its_bytes() {
    // compressionAlgorithm GZIP and Content-Encoding: gzip claimed, the body plain: nothing to inflate.
    DocumentPipeline ndjson = DocumentPipeline.of(DocumentFormat.NDJSON, "text/plain; charset=UTF-8");
    assertThat(new String(through(ndjson, List.of(Buffer.buffer("a\tb\n1\t2\n"))), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"1\",\"b\":\"2\"}\n");
    assertThat(ndjson.gunzipped()).isFalse();
  }

  @Test
  void should_count_replaced_characters() {
    DocumentPipeline tsv = DocumentPipeline.of(DocumentFormat.TSV, "text/plain; charset=windows-1252");
    byte[] document = gzip(new byte[] {'a', (byte) 0x81, 'b', (byte) 0x8d});
    assertThat(new String(through(tsv, List.of(Buffer.buffer(document))), StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(tsv.replacedCharacters()).isEqualTo(2);
  }

  @Test
  void should_refuse_a_charset_the_jvm_does_not_know_for_decoding_formats() {
    assertThatThrownBy(() -> DocumentPipeline.of(DocumentFormat.NDJSON, "text/plain; charset=x-unknown"))
        .isInstanceOf(UnsupportedCharsetException.class);
  }

  @Test
  void should_end_with_corrupt_gzip_for_a_truncated_document() {
    byte[] truncated = java.util.Arrays.copyOf(DOCUMENT, DOCUMENT.length - 3);
    Flowable.just(Buffer.buffer(truncated)).compose(DocumentPipeline.of(DocumentFormat.CSV, CP1252)).test()
        .assertError(CorruptGzipException.class);
  }

  @Test
  void should_name_formats_with_content_type_and_extension() {
    assertThat(DocumentFormat.parse("ndjson")).contains(DocumentFormat.NDJSON);
    assertThat(DocumentFormat.parse("CSV")).contains(DocumentFormat.CSV);
    assertThat(DocumentFormat.parse("xlsx")).isEmpty();
    assertThat(DocumentFormat.NDJSON.contentType()).isEqualTo("application/x-ndjson");
    assertThat(DocumentFormat.CSV.extension()).isEqualTo("csv");
    assertThat(DocumentFormat.TSV.contentType()).startsWith("text/tab-separated-values");
  }
}
