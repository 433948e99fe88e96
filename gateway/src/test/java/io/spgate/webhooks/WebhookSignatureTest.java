package io.spgate.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final Buffer BODY = Buffer.buffer("{\"id\":\"1\"}");

  @Test
  void should_sign_the_time_and_the_raw_body_with_hmac_sha256_as_stripe_does() {
    // Worked out apart from the code: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test', b'1700000000.{\"id\":\"1\"}',
    // hashlib.sha256).hexdigest())"
    assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY))
        .isEqualTo("t=1700000000,v1=11bf4466ea17c3df3fd743af0b435368e16b7a05eb8eced85e8c4670767bdec5");
  }

  @Test
  void should_verify_only_the_body_time_and_secret_that_were_signed() {
    String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);

    assertThat(WebhookSignature.verify("whsec_test", header, BODY)).isTrue();
    assertThat(WebhookSignature.verify("whsec_other", header, BODY)).isFalse();
    assertThat(WebhookSignature.verify("whsec_test", header, Buffer.buffer("{\"id\":\"2\"}"))).isFalse();
    assertThat(WebhookSignature.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), BODY)).isFalse();
    assertThat(WebhookSignature.verify("whsec_test", "v1=" + header.substring(header.indexOf("v1=") + 3), BODY)).isFalse();
    assertThat(WebhookSignature.verify("whsec_test", null, BODY)).isFalse();
  }

  @Test
  void should_make_a_new_random_secret_each_time() {
    String first = WebhookSignature.newSecret();

    assertThat(first).startsWith("whsec_").hasSize("whsec_".length() + 43);
    assertThat(WebhookSignature.newSecret()).isNotEqualTo(first);
  }
}
