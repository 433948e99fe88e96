package io.spgate.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A report document of more than 2 GiB (uncompressed) streams from a simulator whose heap is 128 MB: the packaged
 * simulator runs in its own JVM, as ops/simulator runs it, and the test gunzips and counts the rows as they arrive.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LargeReportStreamIT {
  private static final long ROWS = 18_000_000L;
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");

  @Test
  void a_report_of_more_than_2_gib_streams_from_a_simulator_with_a_128_mb_heap() throws Exception {
    Path credentials = Files.createTempFile("simulator-credentials", ".json");
    Process simulator = new ProcessBuilder("java", "-Xmx128m", "-cp",
        "target/spgate-simulator.jar" + java.io.File.pathSeparator + "target/lib/*",
        "io.spgate.simulator.Main", "--port", "0", "--sellers", "1", "--listings", "20", "--time-scale", "1000",
        "--credentials-out", credentials.toString())
        .redirectErrorStream(true).start();
    Vertx vertx = Vertx.vertx();
    try {
      String baseUrl = awaitListening(simulator);
      JsonObject seller = new JsonObject(Files.readString(credentials)).getJsonArray("sellers").getJsonObject(0);
      String documentUrl = requestReport(vertx, baseUrl, seller);

      HttpResponse<InputStream> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(documentUrl)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      assertThat(download.statusCode()).isEqualTo(200);
      long bytes = 0;
      long lines = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = new GZIPInputStream(download.body(), 1 << 16)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
      assertThat(lines).isEqualTo(ROWS + 1);
      assertThat(bytes).isGreaterThan(TWO_GIB);
      assertThat(simulator.isAlive()).as("the simulator survived with its 128 MB heap").isTrue();
    } finally {
      simulator.destroy();
      simulator.waitFor(10, TimeUnit.SECONDS);
      vertx.close().await();
      Files.deleteIfExists(credentials);
    }
  }

  private static String awaitListening(Process simulator) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep draining the child's output so it can never block on a full pipe.
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("the simulator exited before listening");
  }

  private static String requestReport(Vertx vertx, String baseUrl, JsonObject seller) {
    WebClient client = WebClient.create(vertx);
    String token = client.postAbs(baseUrl + "/auth/o2/token").sendForm(MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "refresh_token").add("refresh_token", seller.getString("refreshToken"))
            .add("client_id", seller.getString("clientId")).add("client_secret", seller.getString("clientSecret")))
        .await().bodyAsJsonObject().getString("access_token");
    JsonObject spec = new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA")
        .put("marketplaceIds", new JsonArray().add(seller.getJsonArray("marketplaceIds").getString(0)))
        .put("reportOptions", new JsonObject().put(ReportsApi.ROWS_OPTION, Long.toString(ROWS)));
    String reportId = client.postAbs(baseUrl + "/reports/2021-06-30/reports").putHeader("x-amz-access-token", token).sendJsonObject(spec)
        .await().bodyAsJsonObject().getString("reportId");
    JsonObject report;
    do {
      vertx.timer(20).await();
      report = client.getAbs(baseUrl + "/reports/2021-06-30/reports/" + reportId).putHeader("x-amz-access-token", token)
          .send().await().bodyAsJsonObject();
    } while (!"DONE".equals(report.getString("processingStatus")));
    String url = client.getAbs(baseUrl + "/reports/2021-06-30/documents/" + report.getString("reportDocumentId"))
        .putHeader("x-amz-access-token", token)
        .send().await().bodyAsJsonObject().getString("url");
    client.close();
    return url;
  }
}
