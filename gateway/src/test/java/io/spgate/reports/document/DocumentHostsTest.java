package io.spgate.reports.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.reports.document.DocumentUrlException.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentHostsTest {

  private final DocumentHosts hosts = DocumentHosts.amazonStorageAnd(List.of("http://127.0.0.1:9400"));

  private void assertRefused(String url, Reason reason) {
    assertThatThrownBy(() -> hosts.check(url)).isInstanceOfSatisfying(DocumentUrlException.class,
        e -> assertThat(e.reason()).as(url).isEqualTo(reason));
  }

  @Test
  void should_allow_https_on_amazons_storage_hosts() {
    String url = "https://tortuga-prod-na.s3-external-1.amazonaws.com/%2FNinetyDays/amzn1.tortuga.4.na.T1?X-Amz-Algorithm=AWS4-HMAC-SHA256";
    assertThat(hosts.check(url).getRawPath()).isEqualTo("/%2FNinetyDays/amzn1.tortuga.4.na.T1");
    assertThat(hosts.check("https://reports.s3.amazonaws.com/doc").getHost()).isEqualTo("reports.s3.amazonaws.com");
    assertThat(hosts.check("https://TORTUGA-PROD-EU.S3-EU-WEST-1.AMAZONAWS.COM:443/doc")).isNotNull();
  }

  @Test
  void should_allow_a_configured_origin_exactly() {
    assertThat(hosts.check("http://127.0.0.1:9400/documents/1?sig=x").getPort()).isEqualTo(9400);
    assertRefused("http://127.0.0.1:9401/documents/1", Reason.NOT_HTTPS);
    assertRefused("https://127.0.0.1:9400/documents/1", Reason.HOST_NOT_ALLOWED);
    assertRefused("http://localhost:9400/documents/1", Reason.NOT_HTTPS);
  }

  @Test
  void should_refuse_plain_http_to_amazon() {
    assertRefused("http://tortuga-prod-na.s3-external-1.amazonaws.com/doc", Reason.NOT_HTTPS);
    assertRefused("ftp://tortuga-prod-na.s3-external-1.amazonaws.com/doc", Reason.NOT_HTTPS);
  }

  @Test
  void should_refuse_other_hosts_and_look_alikes() {
    assertRefused("https://example.com/doc", Reason.HOST_NOT_ALLOWED);
    assertRefused("https://s3.amazonaws.com.evil.example/doc", Reason.HOST_NOT_ALLOWED);
    assertRefused("https://evilamazonaws.com/doc", Reason.HOST_NOT_ALLOWED);
    assertRefused("https://evil.example/#.amazonaws.com", Reason.HOST_NOT_ALLOWED);
    assertRefused("https://evil.example/?h=.amazonaws.com", Reason.HOST_NOT_ALLOWED);
    assertRefused("https://tortuga-prod-na.s3-external-1.amazonaws.com:8443/doc", Reason.HOST_NOT_ALLOWED);
  }

  @Test
  void should_refuse_userinfo() {
    assertRefused("https://user:pass@tortuga-prod-na.s3-external-1.amazonaws.com/doc", Reason.USERINFO_PRESENT);
    assertRefused("https://evil.example@tortuga-prod-na.s3-external-1.amazonaws.com/doc", Reason.USERINFO_PRESENT);
  }

  @Test
  void should_refuse_what_is_not_a_url() {
    assertRefused("not a url", Reason.MALFORMED);
    assertRefused("/relative/path", Reason.MALFORMED);
    assertRefused("https:///no-host", Reason.MALFORMED);
    assertRefused("https://bad host.amazonaws.com/doc", Reason.MALFORMED);
    assertRefused("https://evil.example\\@s3.amazonaws.com/doc", Reason.MALFORMED);
    assertRefused("mailto:someone@amazonaws.com", Reason.MALFORMED);
    assertRefused(null, Reason.MALFORMED);
  }

  @Test
  void should_read_when_a_presigned_link_expires() {
    DocumentLink link = new DocumentLink("https://x.s3.amazonaws.com/d?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240102T030405Z"
        + "&X-Amz-Expires=300&X-Amz-Signature=abc", Optional.of("GZIP"));
    assertThat(link.expiresAt()).contains(Instant.parse("2024-01-02T03:09:05Z"));
    assertThat(new DocumentLink("https://x.s3.amazonaws.com/d", Optional.empty()).expiresAt()).isEmpty();
    assertThat(new DocumentLink("https://x.s3.amazonaws.com/d?X-Amz-Date=bad&X-Amz-Expires=300", Optional.empty()).expiresAt()).isEmpty();
  }
}
