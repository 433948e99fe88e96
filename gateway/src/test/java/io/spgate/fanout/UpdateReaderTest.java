package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpdateReaderTest {

  private final List<List<RawUpdate>> chunks = new ArrayList<>();

  private Future<UpdateReader.Outcome> read(String body, BodyFormat format, int maxItems, int chunk) {
    return new UpdateReader(BufferSource.of(body, 7), format, maxItems, chunk, updates -> {
      chunks.add(updates);
      return Future.succeededFuture();
    }).read();
  }

  private List<RawUpdate> all() {
    return chunks.stream().flatMap(List::stream).toList();
  }

  @Test
  void should_read_a_json_array_or_an_items_object_in_chunks_with_indexes() {
    String items = IntStream.range(0, 25).mapToObj(i -> "{\"sku\":\"S" + i + "\",\"quantity\":" + i + "}").collect(Collectors.joining(","));

    UpdateReader.Outcome array = read("[" + items + "]", BodyFormat.JSON, 100, 10).result();
    assertThat(array.count()).isEqualTo(25);
    assertThat(chunks).extracting(List::size).containsExactly(10, 10, 5);
    assertThat(all().get(24).index()).isEqualTo(24);
    assertThat(all().get(24).fields().getInteger("quantity")).isEqualTo(24);

    chunks.clear();
    UpdateReader.Outcome wrapped = read("{\"note\":{\"a\":[1]},\"items\":[" + items + "]}", BodyFormat.JSON, 100, 10).result();
    assertThat(wrapped.count()).isEqualTo(25);
    assertThat(all().get(3).fields().getString("sku")).isEqualTo("S3");
  }

  @Test
  void should_read_ndjson_and_csv_lines_across_pieces_and_hash_the_bytes() throws Exception {
    String ndjson = "{\"sku\":\"A\",\"quantity\":1}\r\n\n{\"sku\":\"B\",\"price\":{\"amount\":2.5,\"currency\":\"USD\"}}";
    UpdateReader.Outcome read = read(ndjson, BodyFormat.NDJSON, 100, 1).result();
    assertThat(read.count()).isEqualTo(2);
    assertThat(read.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(ndjson.getBytes()));
    assertThat(all().get(1).fields().getJsonObject("price").getValue("amount")).as("as written, as in a JSON body")
        .isEqualTo(new java.math.BigDecimal("2.5"));

    chunks.clear();
    String csv = "sku,price,currency,quantity\n\"A,1\",12.50,EUR,\nB,,,4\n";
    assertThat(read(csv, BodyFormat.CSV, 100, 10).result().count()).isEqualTo(2);
    assertThat(all().get(0).fields().getString("sku")).isEqualTo("A,1");
    assertThat(all().get(0).fields().getJsonObject("price").getString("amount")).isEqualTo("12.50");
    assertThat(all().get(0).fields().containsKey("quantity")).isFalse();
    assertThat(all().get(1).fields().getString("quantity")).isEqualTo("4");
  }

  @Test
  void should_refuse_bodies_it_cannot_read_with_where_and_why() {
    assertThat(problem(read("[{\"sku\":\"A\"},3]", BodyFormat.JSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("{\"sku\":\"A\"}", BodyFormat.JSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("[{\"sku\":", BodyFormat.JSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("{\"sku\":\"A\"}\nnot json\n", BodyFormat.NDJSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("[1]\n", BodyFormat.NDJSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("null\n", BodyFormat.NDJSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("{\"sku\":\"A\"} {\"sku\":\"B\"}\n", BodyFormat.NDJSON, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("sku,colour\nA,red\n", BodyFormat.CSV, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("sku,quantity\nA,1,2\n", BodyFormat.CSV, 10, 10))).isEqualTo("malformed_body");
    assertThat(problem(read("[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"}]", BodyFormat.JSON, 2, 10))).isEqualTo("too_many_items");
  }

  @Test
  void should_pause_the_body_while_as_many_chunks_as_allowed_are_with_the_sink() {
    int chunks = UpdateReader.OUTSTANDING + 1;
    BufferSource body = BufferSource.of("{\"sku\":\"A\"}\n".repeat(2 * chunks), 12);
    List<Promise<Void>> waiting = new ArrayList<>();
    Future<UpdateReader.Outcome> read = new UpdateReader(body, BodyFormat.NDJSON, 100, 2, updates -> {
      Promise<Void> busy = Promise.promise();
      waiting.add(busy);
      return busy.future();
    }).read();

    assertThat(body.pauses).isPositive();
    assertThat(read.isComplete()).isFalse();
    assertThat(waiting).hasSize(UpdateReader.OUTSTANDING);
    for (int round = 0; round < 10 && !read.isComplete(); round++) {
      List.copyOf(waiting).forEach(Promise::tryComplete);
    }
    assertThat(read.result().count()).isEqualTo(2 * chunks);
    assertThat(waiting).hasSize(chunks);
  }

  @Test
  void should_say_when_the_last_chunk_went_to_the_sink_before_the_sink_is_done_with_it() {
    List<Promise<Void>> waiting = new ArrayList<>();
    UpdateReader reader = new UpdateReader(BufferSource.of("{\"sku\":\"A\"}\n".repeat(3), 5), BodyFormat.NDJSON, 100, 2, updates -> {
      Promise<Void> busy = Promise.promise();
      waiting.add(busy);
      return busy.future();
    });
    Future<UpdateReader.Outcome> read = reader.read();

    assertThat(reader.allHanded().succeeded()).isTrue();
    assertThat(waiting).hasSize(2);
    assertThat(read.isComplete()).isFalse();
    waiting.forEach(Promise::complete);
    assertThat(read.result().count()).isEqualTo(3);
  }

  private static String problem(Future<?> read) {
    assertThat(read.failed()).as("the read failed").isTrue();
    return ((ApiException) read.cause()).problem().code();
  }
}
