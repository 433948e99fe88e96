package io.spgate.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelIdTest {

  @Test
  void should_read_back_what_it_writes() {
    ChannelId id = new ChannelId(UUID.randomUUID(), "ATVPDKIKX0DER");

    assertThat(ChannelId.parse(id.value())).contains(id);
    assertThat(id.value()).isEqualTo(id.sellerId() + ".ATVPDKIKX0DER");
    assertThat(id.marketplace().currency()).isEqualTo("USD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "ATVPDKIKX0DER", "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7f", "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7f.",
      "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7f.XXXXXXXXXX", "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7f.atvpdkikx0der",
      "1-2-3-4-5.ATVPDKIKX0DER", "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7g.ATVPDKIKX0DER",
      "0b6f8e1a-6f5c-4f1e-9d1e-2c3b4a5d6e7f.ATVPDKIKX0DER.x"})
  void should_name_nothing_with_a_malformed_id(String raw) {
    assertThat(ChannelId.parse(raw)).isEmpty();
  }
}
