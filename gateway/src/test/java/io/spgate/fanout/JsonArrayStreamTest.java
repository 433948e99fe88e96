package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonArrayStreamTest {

  private final List<JsonObject> read = new ArrayList<>();

  /** Feeds {@code json} in pieces of {@code piece} bytes, as a body arrives. */
  private void stream(String field, String json, int piece) {
    JsonArrayStream stream = new JsonArrayStream(field, read::add);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at < bytes.length; at += piece) {
      stream.handle(Buffer.buffer().appendBytes(bytes, at, Math.min(piece, bytes.length - at)));
    }
    stream.end();
  }

  @Test
  void should_hand_over_each_element_as_vertx_would_parse_it_whatever_the_pieces() {
    String first = "{\"messageId\":1,\"code\":\"90220\",\"attributeNames\":[\"purchasable_offer\",{\"deep\":[null,true,false]}],"
        + "\"big\":12345678901234,\"text\":\"caf\u00e9 \\\"quoted\\\" \\u00e9\",\"nested\":{\"a\":{\"b\":[]}}}";
    String second = "{\"messageId\":2,\"severity\":\"WARNING\"}";
    String report = "{\"header\":{\"sellerId\":\"A1\",\"list\":[[1],{\"issues\":[{\"not\":\"these\"}]}]},\"issues\":[" + first + ","
        + second + "],\"summary\":{\"errors\":1}}";

    for (int piece : new int[] {1, 3, 64, report.length()}) {
      read.clear();
      stream("issues", report, piece);
      assertThat(read).containsExactly(new JsonObject(first), new JsonObject(second));
    }
    assertThat(read.get(0).getInteger("messageId")).isEqualTo(1);
    assertThat(read.get(0).getLong("big")).isEqualTo(12345678901234L);
    assertThat(read.get(0).getString("text")).isEqualTo("café \"quoted\" é");
  }

  @Test
  void should_read_decimals_as_written() {
    stream("items", "[{\"amount\":12.50},{\"amount\":0.1},{\"amount\":1e3}]", 5);

    assertThat(read).extracting(o -> o.getValue("amount").toString()).containsExactly("12.50", "0.1", "1E+3");
  }

  @Test
  void should_read_a_document_that_is_the_array_itself() {
    stream("items", " [ {\"sku\":\"A\"} , {\"sku\":\"B\",\"quantity\":3} ] ", 2);

    assertThat(read).extracting(o -> o.getString("sku")).containsExactly("A", "B");
    assertThat(read.get(1).getInteger("quantity")).isEqualTo(3);
  }

  @Test
  void should_refuse_what_is_not_json_or_not_an_array_of_objects() {
    assertThatThrownBy(() -> stream("items", "[{\"sku\":\"A\"},3]", 4)).isInstanceOf(MalformedBodyException.class)
        .hasMessage("Element 1 of \"items\" is not a JSON object.");
    assertThatThrownBy(() -> stream("items", "{\"sku\":\"A\"}", 4)).isInstanceOf(MalformedBodyException.class)
        .hasMessageContaining("must be an array, or an object with \"items\"");
    assertThatThrownBy(() -> stream("items", "42", 4)).isInstanceOf(MalformedBodyException.class)
        .hasMessageContaining("must be an array");
    assertThatThrownBy(() -> stream("items", "[{\"sku\":", 4)).isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("The JSON is not valid");
    assertThatThrownBy(() -> stream("items", "[{\"sku\" \"A\"}]", 4)).isInstanceOf(MalformedBodyException.class)
        .hasMessageStartingWith("The JSON is not valid at line 1, column");
  }
}
