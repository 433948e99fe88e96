package io.spgate.webhooks;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook URLs: their form, and the addresses they may lead to. */
class WebhookTargetsTest {

  private final Vertx vertx = Vertx.vertx();
  private final WebhookTargets strict = new WebhookTargets(vertx, false);
  private final WebhookTargets lenient = new WebhookTargets(vertx, true);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, loopback", "127.8.9.10, loopback", "::1, loopback",
      "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
      "169.254.169.254, link-local", "fe80::1, link-local",
      "fc00::1, unique-local", "fd12:3456::1, unique-local",
      "224.0.0.1, multicast", "ff02::1, multicast",
      "0.0.0.0, unspecified", "::, unspecified", "100.64.0.1, shared (carrier-grade NAT)", "240.0.0.1, reserved",
      "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "::10.0.0.1, private", "::169.254.0.1, link-local"})
  void should_name_every_address_that_is_not_public(String address, String kind) throws Exception {
    assertThat(WebhookTargets.nonPublic(InetAddress.getByName(address))).contains(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"})
  void should_find_public_addresses_public(String address) throws Exception {
    assertThat(WebhookTargets.nonPublic(InetAddress.getByName(address))).isEmpty();
  }

  @Test
  void should_accept_only_https_urls_without_credentials_or_fragment() {
    assertThat(strict.parse("https://hooks.example.com/spgate?token=abc")).hasHost("hooks.example.com");
    assertThat(lenient.parse("http://127.0.0.1:8080/hook")).hasPort(8080);

    assertRefused(() -> strict.parse("http://hooks.example.com/"), "'url' must be an https URL.");
    assertRefused(() -> lenient.parse("ftp://hooks.example.com/"), "'url' must be an http or https URL.");
    assertRefused(() -> strict.parse("https://user:secret@hooks.example.com/"), "may not hold a user name or password");
    assertRefused(() -> strict.parse("https://hooks.example.com/#part"), "may not have a fragment");
    assertRefused(() -> strict.parse("https:///no-host"), "must name a host");
    assertRefused(() -> strict.parse("not a url"), "is not a URL");
    assertRefused(() -> strict.parse("https://hooks.example.com/" + "a".repeat(2048)), "at most 2048 characters");
  }

  @Test
  void should_refuse_hosts_that_resolve_to_loopback_or_private_addresses_unless_allowed() {
    assertThat(refusal(strict, "https://127.0.0.1/hook")).contains("The host 127.0.0.1 resolves to a loopback address");
    assertThat(refusal(strict, "https://localhost/hook")).contains("The host localhost resolves to a loopback address");
    assertThat(refusal(strict, "https://[::1]/hook")).contains("loopback");
    assertThat(refusal(strict, "https://169.254.169.254/latest/meta-data")).contains("link-local");
    assertThat(refusal(strict, "https://[::ffff:192.168.0.1]/hook")).contains("private");

    assertThat(refusal(lenient, "http://127.0.0.1/hook")).isEmpty();
    assertThat(await(strict.resolve(URI.create("https://93.184.215.14/hook"))).getHostAddress()).isEqualTo("93.184.215.14");
  }

  @Test
  void should_refuse_a_host_that_does_not_resolve() {
    assertThat(refusal(strict, "https://no-such-host.invalid/hook")).contains("The host no-such-host.invalid does not resolve.");
  }

  /** Why resolving the URL was refused, or "" when it was not. */
  private String refusal(WebhookTargets targets, String url) {
    Throwable failure = await(targets.resolve(URI.create(url)).transform(done -> Future.succeededFuture(done.cause())));
    if (failure == null) {
      return "";
    }
    assertThat(failure).isInstanceOf(WebhookTargets.RefusedTarget.class);
    return failure.getMessage();
  }

  private static void assertRefused(Runnable parse, String detail) {
    assertThatThrownBy(parse::run).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).problem().detail()).contains(detail))
        .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(400));
  }
}
