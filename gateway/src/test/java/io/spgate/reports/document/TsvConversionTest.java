package io.spgate.reports.document;

import static io.spgate.reports.document.Chunking.cuts;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TsvConversionTest {

  private static final String TSV = String.join("",
      "sku\ttitle\tprice\n",
      "A-1\t12\" mug\t9.99\n",
      "A-2\t\"Deluxe\" mug\t5,00\n",
      "A-3\t\"tab\there\nand newline\"\t1\r\n",
      "A-4\t\"say \"\"hi\"\"\"\t2\n",
      "A-5\tshort\n",
      "A-6\tlong\t3\textra1\textra2\n",
      "\n",
      "A-7\t\t\r\n",
      "A-8\tlast without newline\t4");

  private static final String NDJSON = String.join("",
      "{\"sku\":\"A-1\",\"title\":\"12\\\" mug\",\"price\":\"9.99\"}\n",
      "{\"sku\":\"A-2\",\"title\":\"\\\"Deluxe\\\" mug\",\"price\":\"5,00\"}\n",
      "{\"sku\":\"A-3\",\"title\":\"tab\\there\\nand newline\",\"price\":\"1\"}\n",
      "{\"sku\":\"A-4\",\"title\":\"say \\\"hi\\\"\",\"price\":\"2\"}\n",
      "{\"sku\":\"A-5\",\"title\":\"short\",\"price\":\"\"}\n",
      "{\"sku\":\"A-6\",\"title\":\"long\",\"price\":\"3\",\"column_4\":\"extra1\",\"column_5\":\"extra2\"}\n",
      "{\"sku\":\"A-7\",\"title\":\"\",\"price\":\"\"}\n",
      "{\"sku\":\"A-8\",\"title\":\"last without newline\",\"price\":\"4\"}\n");

  private static final String CSV = String.join("",
      "sku,title,price\r\n",
      "A-1,\"12\"\" mug\",9.99\r\n",
      "A-2,\"\"\"Deluxe\"\" mug\",\"5,00\"\r\n",
      "A-3,\"tab\there\nand newline\",1\r\n",
      "A-4,\"say \"\"hi\"\"\",2\r\n",
      "A-5,short,\r\n",
      "A-6,long,3,extra1,extra2\r\n",
      "A-7,,\r\n",
      "A-8,last without newline,4\r\n");

  private static String convert(Supplier<? extends TsvConversion> conversion, List<Buffer> chunks) {
    return new String(Chunking.run(conversion, chunks), StandardCharsets.UTF_8);
  }

  private static String convert(Supplier<? extends TsvConversion> conversion, String tsv) {
    return convert(conversion, List.of(Buffer.buffer(tsv)));
  }

  @Test
  void should_convert_tsv_to_ndjson_at_every_chunk_boundary() {
    for (List<Buffer> cut : cuts(TSV.getBytes(StandardCharsets.UTF_8))) {
      assertThat(convert(TsvToNdjson::new, cut)).as("cut %s", GunzipTest.sizes(cut)).isEqualTo(NDJSON);
    }
  }

  @Test
  void should_convert_tsv_to_rfc4180_csv_at_every_chunk_boundary() {
    for (List<Buffer> cut : cuts(TSV.getBytes(StandardCharsets.UTF_8))) {
      assertThat(convert(TsvToCsv::new, cut)).as("cut %s", GunzipTest.sizes(cut)).isEqualTo(CSV);
    }
  }

  @Test
  void should_count_data_rows() {
    TsvToNdjson ndjson = new TsvToNdjson();
    Flowable.just(Buffer.buffer(TSV)).compose(ndjson).test().assertComplete();
    assertThat(ndjson.rows()).isEqualTo(8);
    TsvToCsv csv = new TsvToCsv();
    Flowable.just(Buffer.buffer(TSV)).compose(csv).test().assertComplete();
    assertThat(csv.rows()).isEqualTo(8);
  }

  @Test
  void should_read_a_field_that_only_looks_quoted_literally_up_to_its_tab() {
    String tsv = "a\tb\tc\n\"abc\tdef\" x\tnext\n\"x\"y\tz\n";
    assertThat(convert(TsvToNdjson::new, tsv)).isEqualTo(
        "{\"a\":\"\\\"abc\",\"b\":\"def\\\" x\",\"c\":\"next\"}\n"
        + "{\"a\":\"\\\"x\\\"y\",\"b\":\"z\",\"c\":\"\"}\n");
  }

  @Test
  void should_read_an_unclosed_quote_literally() {
    String tsv = "sku\ttitle\tqty\nA-9\t\"open title\t5\nB-1\tfine\t6\n";
    for (List<Buffer> cut : cuts(tsv.getBytes(StandardCharsets.UTF_8))) {
      assertThat(convert(TsvToNdjson::new, cut)).isEqualTo(
          "{\"sku\":\"A-9\",\"title\":\"\\\"open title\",\"qty\":\"5\"}\n"
          + "{\"sku\":\"B-1\",\"title\":\"fine\",\"qty\":\"6\"}\n");
    }
  }

  @Test
  void should_take_a_quoted_field_beyond_the_row_limit_as_an_unclosed_quote() {
    String tsv = "a\tb\tc\td\te\n\"ab\tcd\tef\tgh\tij\n";
    assertThat(new String(Chunking.run(() -> new TsvToNdjson(12), List.of(Buffer.buffer(tsv))), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":\"\\\"ab\",\"b\":\"cd\",\"c\":\"ef\",\"d\":\"gh\",\"e\":\"ij\"}\n");
  }

  @Test
  void should_fail_a_row_beyond_the_limit() {
    Flowable.just(Buffer.buffer("a\tb\n0123456789\t0123456789\n")).compose(new TsvToNdjson(16)).test()
        .assertError(RowTooLongException.class);
  }

  @Test
  void should_key_empty_and_repeated_header_names_by_column_and_drop_a_bom() {
    String tsv = "\uFEFFsku\t\tsku\tqty\nA\tB\tC\tD\n";
    assertThat(convert(TsvToNdjson::new, tsv))
        .isEqualTo("{\"sku\":\"A\",\"column_2\":\"B\",\"column_3\":\"C\",\"qty\":\"D\"}\n");
    assertThat(convert(TsvToCsv::new, tsv)).isEqualTo("sku,,sku,qty\r\nA,B,C,D\r\n");
  }

  @Test
  void should_write_nothing_for_an_empty_document_and_the_header_alone_for_a_header_only_one() {
    assertThat(convert(TsvToNdjson::new, "")).isEmpty();
    assertThat(convert(TsvToNdjson::new, "sku\tqty\n")).isEmpty();
    assertThat(convert(TsvToCsv::new, "sku\tqty\r\n")).isEqualTo("sku,qty\r\n");
  }

  @Test
  void should_escape_what_json_needs_escaped() {
    String tsv = "k\tv\nback\\slash\tctrl\u0001 and ☃ 😀\n";
    String line = convert(TsvToNdjson::new, tsv);
    assertThat(new JsonObject(line.strip())).isEqualTo(new JsonObject().put("k", "back\\slash").put("v", "ctrl\u0001 and ☃ 😀"));
  }

  @Test
  void should_batch_output_in_pieces_of_about_64_kb() {
    StringBuilder tsv = new StringBuilder("sku\ttitle\n");
    for (int i = 0; i < 20_000; i++) {
      tsv.append("SKU-").append(i).append("\tA title of row ").append(i).append('\n');
    }
    byte[] input = tsv.toString().getBytes(StandardCharsets.UTF_8);
    TsvToNdjson ndjson = new TsvToNdjson();
    List<Buffer> pieces = Flowable.fromIterable(Chunking.random(input, new java.util.Random(5), 3000)).compose(ndjson)
        .toList().blockingGet();
    assertThat(ndjson.rows()).isEqualTo(20_000);
    assertThat(pieces.size()).isLessThan(30);
    assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(piece ->
        assertThat(piece.length()).isBetween(TsvConversion.BATCH_BYTES, TsvConversion.BATCH_BYTES + 1024));
  }
}
