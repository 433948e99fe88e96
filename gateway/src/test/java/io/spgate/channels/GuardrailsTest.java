package io.spgate.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardrailsTest {

  @ParameterizedTest(name = "{0} available, buffer {1}, max {2} → {3}")
  @CsvSource({
      "10, 0, , 10",
      "10, 3, , 7",
      "2, 3, , 0",
      "0, 0, , 0",
      "10, 0, 4, 4",
      "10, 3, 8, 7",
      "10, 3, 0, 0",
      "2147483647, 0, , 2147483647",
      "5, 2147483647, , 0"})
  void should_list_the_stock_less_the_buffer_never_below_zero_nor_above_the_maximum(int available, int buffer, Integer max,
      int listed) {
    Guardrails guardrails = new Guardrails(Optional.empty(), Optional.empty(), Optional.empty(), buffer, Optional.ofNullable(max));

    assertThat(guardrails.listedQuantity(available)).isEqualTo(listed);
  }
}
