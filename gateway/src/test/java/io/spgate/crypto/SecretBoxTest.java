package io.spgate.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

  private static final SecretBox.Key OLD = new SecretBox.Key("k1", filled(1));
  private static final SecretBox.Key NEW = new SecretBox.Key("k2", filled(2));
  private static final String TOKEN = "Atzr|IwEBIExampleRefreshToken";

  @Test
  void should_seal_with_the_newest_key_and_open_in_the_same_context() {
    SecretBox box = new SecretBox(List.of(OLD, NEW));

    SecretBox.Sealed sealed = box.seal(TOKEN, "seller:A1:refresh_token");

    assertThat(sealed.keyId()).isEqualTo("k2");
    assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Atzr");
    assertThat(box.open(sealed, "seller:A1:refresh_token")).isEqualTo(TOKEN);
  }

  @Test
  void should_refuse_a_ciphertext_moved_to_another_row_or_tampered_with() {
    SecretBox box = new SecretBox(List.of(NEW));
    SecretBox.Sealed sealed = box.seal(TOKEN, "seller:A1:refresh_token");
    byte[] flipped = sealed.bytes().clone();
    flipped[flipped.length - 1] ^= 1;

    assertThatThrownBy(() -> box.open(sealed, "seller:A2:refresh_token")).hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> box.open(new SecretBox.Sealed("k2", flipped), "seller:A1:refresh_token"));
  }

  @Test
  void should_open_old_secrets_and_reseal_them_under_the_newest_key() {
    SecretBox.Sealed underOld = new SecretBox(List.of(OLD)).seal(TOKEN, "ctx");
    SecretBox rotated = new SecretBox(List.of(OLD, NEW));

    SecretBox.Sealed resealed = rotated.reseal(underOld, "ctx");

    assertThat(resealed.keyId()).isEqualTo("k2");
    assertThat(new SecretBox(List.of(NEW)).open(resealed, "ctx")).isEqualTo(TOKEN);
    assertThat(rotated.reseal(resealed, "ctx")).isSameAs(resealed);
    assertThatThrownBy(() -> new SecretBox(List.of(NEW)).open(underOld, "ctx")).hasMessageContaining("No encryption key 'k1'");
  }

  @Test
  void should_use_a_fresh_iv_for_every_seal() {
    SecretBox box = new SecretBox(List.of(NEW));
    assertThat(box.seal(TOKEN, "ctx").bytes()).isNotEqualTo(box.seal(TOKEN, "ctx").bytes());
  }

  @Test
  void should_verify_only_untampered_signatures_from_known_keys() {
    SecretBox box = new SecretBox(List.of(OLD, NEW));
    String signed = box.sign("nonce123");

    assertThat(box.verify(signed)).contains("nonce123");
    assertThat(box.verify(signed.replace("nonce123", "nonce124"))).isEmpty();
    assertThat(box.verify(signed + "x")).isEmpty();
    assertThat(box.verify("nonce123")).isEmpty();
    assertThat(box.verify(null)).isEmpty();
    assertThat(new SecretBox(List.of(OLD)).verify(signed)).isEmpty();
    assertThat(new SecretBox(List.of(NEW)).verify(signed)).contains("nonce123");
  }

  @Test
  void should_verify_signatures_made_under_a_key_id_with_dots() {
    SecretBox box = new SecretBox(List.of(OLD, new SecretBox.Key("2024.06.k", filled(3))));
    String signed = box.sign("nonce123");

    assertThat(box.verify(signed)).contains("nonce123");
    assertThat(box.verify(signed.replace("2024.06.k", "2024.06"))).isEmpty();
    assertThat(box.verify(signed.replace("nonce123", "nonce124"))).isEmpty();
    assertThat(box.verify("." + signed)).isEmpty();
    assertThatThrownBy(() -> box.sign("two.parts")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] filled(int value) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) value);
    return key;
  }
}
