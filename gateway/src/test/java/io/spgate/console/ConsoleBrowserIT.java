package io.spgate.console;

import static io.spgate.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.TestGateway;
import io.spgate.TestPostgres;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real browser (Debian's Chromium, driven by playwright-core from web-ui/e2e) opens the console
 * the gateway serves at / and sees the gateway's health, and the page sellers land on after consenting
 * (/connected) says how their authorization ended.
 */
class ConsoleBrowserIT {

  private static final Path WEB_UI = Path.of("..", "web-ui").toAbsolutePath().normalize();
  private static final String ADMIN_KEY = "spg_test-admin-key-0123456789abcdefghijklmnop";

  @Test
  void should_show_the_gateway_up_in_the_console() throws IOException, InterruptedException {
    try (TestPostgres postgres = TestPostgres.create();
        TestGateway gw = TestGateway.start(Map.of("SPGATE_PG_URL", postgres.url().toString(), "SPGATE_ADMIN_KEY", ADMIN_KEY))) {
      HttpResponse<Buffer> index = await(gw.client.get("/").send());
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.getHeader("Content-Type")).startsWith("text/html");
      assertThat(index.bodyAsString()).contains("<div id=\"root\">");
      // A console page's own URL (a deep link, a reload) is its index.html; the API's and missing assets' are not.
      HttpResponse<Buffer> deepLink = await(gw.client.get("/sellers/0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59").send());
      assertThat(deepLink.statusCode()).isEqualTo(200);
      assertThat(deepLink.bodyAsString()).isEqualTo(index.bodyAsString());
      HttpResponse<Buffer> unknownApi = await(gw.client.get("/v1/nothing-here").putHeader("Authorization", "Bearer " + ADMIN_KEY).send());
      assertThat(unknownApi.statusCode()).isEqualTo(404);
      assertThat(unknownApi.getHeader("Content-Type")).startsWith("application/problem+json");
      assertThat(await(gw.client.get("/assets/missing-1234.js").send()).statusCode()).isEqualTo(404);

      Path screenshot = Path.of("target", "console-e2e.png").toAbsolutePath();
      ProcessBuilder run = new ProcessBuilder("node", "e2e/console.e2e.mjs", "http://127.0.0.1:" + gw.port() + "/",
          screenshot.toString())
          .directory(WEB_UI.toFile())
          .redirectErrorStream(true);
      run.environment().put("E2E_API_KEY", tenantKey(gw));
      Process browser = run.start();
      boolean finished = browser.waitFor(120, TimeUnit.SECONDS);
      String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!finished) {
        browser.destroyForcibly();
      }

      assertThat(finished).as("browser run finished in time: " + output).isTrue();
      assertThat(browser.exitValue()).as(output).isZero();
      assertThat(output).contains("e2e: console shows gateway UP").contains("e2e: connected page shows the outcome")
          .contains("e2e: signed in and out; a write without the CSRF token was refused");
      assertThat(Files.size(screenshot)).isPositive();
    }
  }

  /** A new tenant's key with tenant:write, made through the API, for the browser to sign in with. */
  private static String tenantKey(TestGateway gw) {
    String tenant = await(gw.client.post("/v1/tenants").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", "Console " + UUID.randomUUID()))).bodyAsJsonObject().getString("id");
    return await(gw.client.post("/v1/tenants/" + tenant + "/keys").putHeader("Authorization", "Bearer " + ADMIN_KEY)
        .sendJsonObject(new JsonObject().put("name", "browser").put("scopes", new JsonArray().add("tenant:write"))))
        .bodyAsJsonObject().getString("key");
  }
}
