package io.spgate.console;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway serves the console (web-ui's build) at /, and every page's own URL as its index.html,
 * so deep links and reloads work. What the pages do in a browser is ops/lib/console-e2e's run.
 */
class ConsoleRoutesIT {

  private static final String ADMIN_KEY = "spg_test-admin-key-0123456789abcdefghijklmnop";
  /** What Chromium sends when it navigates to a page. */
  private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Test
  void should_serve_the_console_at_every_page_url_but_not_for_the_api_or_missing_assets() {
    try (TestPostgres postgres = TestPostgres.create();
        TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY))) {
      HttpResponse<Buffer> index = await(gw.client.get("/").send());
      HttpResponse<Buffer> deepLink = await(gw.client.get("/sellers/0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59").putHeader("Accept", BROWSER)
          .send());
      HttpResponse<Buffer> notABrowser = await(gw.client.get("/sellers/0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59").send());
      HttpResponse<Buffer> connected = await(gw.client.get(ConsoleRoutes.CONNECTED_PAGE).addQueryParam("outcome", "connected").send());
      HttpResponse<Buffer> unknownApi = await(gw.client.get("/v1/nothing-here").putHeader("Accept", BROWSER)
          .putHeader("Authorization", "Bearer " + ADMIN_KEY).send());
      HttpResponse<Buffer> missingAsset = await(gw.client.get("/assets/missing-1234.js").putHeader("Accept", BROWSER).send());
      HttpResponse<Buffer> missingIcon = await(gw.client.get("/missing-icon.svg").putHeader("Accept", BROWSER).send());
      // A channel's id has a dot in it: still a page, not a file.
      HttpResponse<Buffer> channel = await(gw.client.get("/channels/0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59.ATVPDKIKX0DER")
          .putHeader("Accept", BROWSER).send());

      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.getHeader("Content-Type")).startsWith("text/html");
      assertThat(index.bodyAsString()).contains("<div id=\"root\">");
      assertThat(deepLink.statusCode()).isEqualTo(200);
      assertThat(deepLink.getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(deepLink.bodyAsString()).isEqualTo(index.bodyAsString());
      assertThat(connected.bodyAsString()).isEqualTo(index.bodyAsString());
      assertThat(notABrowser.statusCode()).isEqualTo(404);
      assertThat(notABrowser.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(unknownApi.statusCode()).isEqualTo(404);
      assertThat(unknownApi.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(missingAsset.statusCode()).isEqualTo(404);
      assertThat(missingIcon.statusCode()).isEqualTo(404);
      assertThat(channel.statusCode()).isEqualTo(200);
      assertThat(channel.bodyAsString()).isEqualTo(index.bodyAsString());
    }
  }
}
