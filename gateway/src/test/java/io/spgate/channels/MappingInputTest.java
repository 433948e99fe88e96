package io.spgate.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mapping read from JSON or a CSV row: defaults, normalised values, and the code of the first rule broken. */
class MappingInputTest {

  private static final ChannelId US = new ChannelId(UUID.randomUUID(), "ATVPDKIKX0DER");
  private static final ChannelId JP = new ChannelId(UUID.randomUUID(), "A1VC38T7YXB528");

  @Test
  void should_read_a_json_mapping_with_defaults() {
    MappingInput input = MappingInput.fromJson(new JsonObject().put("sku", "A-1").put("asin", "B000000001").put("fulfillment", "mfn"),
        US, Optional.empty());

    assertThat(input).isEqualTo(new MappingInput("A-1", "B000000001", Fulfillment.MFN, "PRODUCT", Guardrails.NONE));
  }

  @Test
  void should_read_nested_and_flat_guardrails_and_numbers_written_as_strings() {
    MappingInput input = MappingInput.fromJson(new JsonObject().put("sku", "A-1").put("asin", "B000000001").put("fulfillment", "FBA")
        .put("maxPrice", "20").put("guardrails", new JsonObject().put("minPrice", 1.5).put("stockBuffer", "3").put("maxQuantity", 7.0)
            .put("maxChangePercent", "12.50")), US, Optional.empty());

    assertThat(input.guardrails()).isEqualTo(new Guardrails(Optional.of(new BigDecimal("1.50")), Optional.of(new BigDecimal("20.00")),
        Optional.of(new BigDecimal("12.5")), 3, Optional.of(7)));
  }

  @Test
  void should_read_a_csv_row_whose_empty_cells_are_left_out() {
    MappingInput input = MappingInput.fromCsv(Map.of("sku", "A-1", "asin", "B000000001", "fulfillment", "FBA", "minPrice", "",
        "maxQuantity", "0", "productType", "SHIRT"), JP);

    assertThat(input).isEqualTo(new MappingInput("A-1", "B000000001", Fulfillment.FBA, "SHIRT",
        new Guardrails(Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.of(0))));
  }

  @Test
  void should_take_the_sku_of_the_path_when_the_body_has_none() {
    MappingInput input = MappingInput.fromJson(new JsonObject().put("asin", "B000000001").put("fulfillment", "MFN"), US,
        Optional.of("FROM/PATH"));

    assertThat(input.sku()).isEqualTo("FROM/PATH");
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"asin\":\"B000000001\",\"fulfillment\":\"MFN\"} | sku_invalid",
      "{\"sku\":\"\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\"} | sku_invalid",
      "{\"sku\":7,\"asin\":\"B000000001\",\"fulfillment\":\"MFN\"} | sku_invalid",
      "{\"sku\":\"a\\tb\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\"} | sku_invalid",
      "{\"sku\":\"A\",\"asin\":\"B00000001\",\"fulfillment\":\"MFN\"} | asin_invalid",
      "{\"sku\":\"A\",\"asin\":[],\"fulfillment\":\"MFN\"} | asin_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\"} | fulfillment_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"FBM\"} | fulfillment_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"FBA\",\"conflictStrategy\":\"master_wins\"} | conflict_strategy_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"productType\":\"\"} | product_type_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"minPrice\":\"NaN\"} | price_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"minPrice\":true} | price_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"maxPrice\":1e12} | price_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"minPrice\":2,\"maxPrice\":1.99} | price_range_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"maxChangePercent\":-1} | max_change_percent_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"stockBuffer\":\"x\"} | stock_buffer_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"maxQuantity\":0.5} | max_quantity_invalid",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"guardrails\":[]} | invalid_field",
      "{\"sku\":\"A\",\"asin\":\"B000000001\",\"fulfillment\":\"MFN\",\"guardrails\":{\"floor\":1}} | invalid_field"})
  void should_refuse_with_the_code_of_the_rule_broken(String json, String code) {
    InvalidMapping refused = catchThrowableOfType(InvalidMapping.class,
        () -> MappingInput.fromJson(new JsonObject(json), US, Optional.empty()));

    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(code);
  }

  @Test
  void should_refuse_decimals_of_yen() {
    InvalidMapping refused = catchThrowableOfType(InvalidMapping.class,
        () -> MappingInput.fromCsv(Map.of("sku", "A", "asin", "B000000001", "fulfillment", "MFN", "maxPrice", "10.5"), JP));

    assertThat(refused.code()).isEqualTo("price_invalid");
  }

  @Test
  void should_count_a_sku_in_characters_as_amazon_does() {
    assertThat(MappingInput.validSku("é".repeat(40))).isTrue();
    assertThat(MappingInput.validSku("😀".repeat(40))).isTrue();
    assertThat(MappingInput.validSku("x".repeat(41))).isFalse();
    assertThat(MappingInput.validSku(" x")).isFalse();
  }
}
