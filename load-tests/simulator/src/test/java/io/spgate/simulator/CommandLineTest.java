package io.spgate.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void flags_set_the_options_and_defaults_match_the_documentation() {
    CommandLine defaults = CommandLine.parse(List.of());
    assertThat(defaults.options.port()).isEqualTo(9400);
    assertThat(defaults.options.sellers()).isEqualTo(50);
    assertThat(defaults.options.seed()).isEqualTo(42);

    CommandLine cl = CommandLine.parse(List.of("--port", "9500", "--sellers", "7", "--seed", "3", "--time-scale", "60",
        "--token-lifetime", "120",
        "--fault-rate", "0.1", "--quotas", "off", "--elasticmq"));
    assertThat(cl.options.port()).isEqualTo(9500);
    assertThat(cl.options.sellers()).isEqualTo(7);
    assertThat(cl.options.seed()).isEqualTo(3);
    assertThat(cl.options.timeScale()).isEqualTo(60);
    assertThat(cl.options.tokenLifetimeSeconds()).isEqualTo(120);
    assertThat(cl.options.faultRate()).isEqualTo(0.1);
    assertThat(cl.options.quotas()).isFalse();
    assertThat(cl.options.elasticMq()).isTrue();
  }

  @Test
  void listings_mix_and_feed_delays_are_read_from_their_flags() {
    CommandLine cl = CommandLine.parse(List.of("--listings-mix", "950:40,50:2000", "--feed-delays", "100,2500"));
    assertThat(cl.options.listingsMix().toString()).isEqualTo("950:40,50:2000");
    assertThat(cl.options.feedQueueMillis()).isEqualTo(100);
    assertThat(cl.options.feedProcessingMillis()).isEqualTo(2500);
    assertThat(CommandLine.parse(List.of("--listings", "7")).options.listingsMix().listingsFor(3, 42)).isEqualTo(7);
    assertThat(CommandLine.USAGE).contains("--listings-mix", "--feed-delays");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--listings-mix", "lots"))).hasMessageStartingWith("--listings-mix: ");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--feed-delays", "100"))).hasMessageContaining("QUEUE_MS,PROCESSING_MS");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--feed-delays", "1,x"))).hasMessage("--feed-delays needs a whole number, got 'x'");
  }

  @Test
  void order_activity_and_notification_traps_are_read_from_their_flags() {
    CommandLine defaults = CommandLine.parse(List.of());
    assertThat(defaults.options.orderRate()).isZero();
    assertThat(defaults.options.notificationDuplicateRate()).isZero();
    assertThat(defaults.options.notificationMaxDelayMillis()).isZero();
    assertThat(defaults.options.notificationDropRate()).isZero();
    CommandLine cl = CommandLine.parse(List.of("--order-rate", "2.5", "--notification-duplicates", "0.1", "--notification-delay", "5000",
        "--notification-drops", "0.05"));
    assertThat(cl.options.orderRate()).isEqualTo(2.5);
    assertThat(cl.options.notificationDuplicateRate()).isEqualTo(0.1);
    assertThat(cl.options.notificationMaxDelayMillis()).isEqualTo(5000);
    assertThat(cl.options.notificationDropRate()).isEqualTo(0.05);
    assertThat(CommandLine.USAGE).contains("--order-rate", "--notification-duplicates", "--notification-delay", "--notification-drops");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--order-rate", "-1"))).hasMessage("--order-rate must be 0 or more, got -1");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--notification-drops", "1.5")))
        .hasMessage("--notification-drops must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--notification-delay", "-5")))
        .hasMessageStartingWith("--notification-delay must be");
  }

  @Test
  void bad_flags_are_refused_with_a_one_line_reason() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--port", "x"))).hasMessage("--port needs a whole number, got 'x'");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--fault-rate", "2"))).hasMessage("--fault-rate must be between 0 and 1, got 2");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--time-scale", "0"))).hasMessage("--time-scale must be greater than 0, got 0");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--sellers"))).hasMessage("missing value for --sellers");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--colour", "red"))).hasMessage("unknown flag --colour");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--quotas", "maybe"))).hasMessageContaining("on or off");
  }
}
