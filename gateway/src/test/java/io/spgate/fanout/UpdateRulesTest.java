package io.spgate.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.channels.Fulfillment;
import io.spgate.channels.Guardrails;
import io.spgate.channels.MappingRules;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpdateRulesTest {

  private static final String CHANNEL = UUID.randomUUID() + ".ATVPDKIKX0DER";
  private static final MappingRules UNGUARDED = new MappingRules(Fulfillment.MFN, Guardrails.NONE, Optional.empty());

  private static ValidUpdate check(String amount) {
    ParsedUpdate update = ParsedUpdate.parse(new RawUpdate(0, new JsonObject().put("channelId", CHANNEL).put("sku", "S")
        .put("price", new JsonObject().put("amount", new BigDecimal(amount)).put("currency", "USD"))));
    return UpdateRules.check(update, Optional.of(List.of("ATVPDKIKX0DER")), Optional.of(UNGUARDED));
  }

  @Test
  void should_refuse_a_price_no_listing_could_take_even_without_guardrails() {
    assertThat(check("1000000000").price()).contains(new BigDecimal("1000000000"));
    assertThatThrownBy(() -> check("1E+15")).isInstanceOf(RejectedUpdateException.class).hasMessageContaining("at most 1000000000");
    assertThatThrownBy(() -> check("12.505")).isInstanceOf(RejectedUpdateException.class).hasMessageContaining("at most 2 decimals");
    assertThatThrownBy(() -> check("0")).isInstanceOf(RejectedUpdateException.class).hasMessageContaining("more than 0");
  }
}
