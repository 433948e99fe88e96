package io.spgate.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.spgate.simulator.SimulatorOptions;
import io.spgate.simulator.data.Seller;
import io.spgate.simulator.support.SimHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A download resumed at byte N gets exactly bytes N.. of the full download: the document is generated again and skipped. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ReportDocumentRangeTest {
  private static final String LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA";
  /** Enough rows for a document of many gzip chunks. */
  private static final JsonObject ROWS = new JsonObject().put(ReportsApi.ROWS_OPTION, "30000");
  private static SimHarness harness;
  private static ReportCalls calls;
  private static String marketplaceId;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(6).timeScale(1000).listingsPerSeller(20));
    Seller seller = harness.sellerIn("eu");
    calls = new ReportCalls(harness, harness.accessToken(seller));
    marketplaceId = seller.homeMarketplace().id();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static String freshDocumentUrl() {
    return calls.doneDocument(LISTINGS, marketplaceId, ROWS).getString("url");
  }

  private static byte[] slice(byte[] full, long first, long last) {
    return Arrays.copyOfRange(full, (int) first, (int) last + 1);
  }

  @Test
  void ranges_of_a_document_already_read_once_name_the_total_and_equal_the_full_download() {
    String url = freshDocumentUrl();
    HttpResponse<Buffer> first = calls.download(url);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("accept-ranges")).isEqualTo("bytes");
    byte[] full = first.body().getBytes();
    assertThat(full.length).isGreaterThan(200_000);
    // Generated again, byte for byte; now the length is known up front.
    HttpResponse<Buffer> again = calls.download(url);
    assertThat(again.body().getBytes()).isEqualTo(full);
    assertThat(again.getHeader("content-length")).isEqualTo(Integer.toString(full.length));

    int total = full.length;
    for (long n : new long[] {0, 1, 9, 65_537, total / 2 + 3, total - 1}) {
      HttpResponse<Buffer> resumed = calls.download(url, "bytes=" + n + "-");
      assertThat(resumed.statusCode()).isEqualTo(206);
      assertThat(resumed.getHeader("content-range")).isEqualTo("bytes " + n + "-" + (total - 1) + "/" + total);
      assertThat(resumed.getHeader("content-length")).isEqualTo(Long.toString(total - n));
      assertThat(resumed.body().getBytes()).as("bytes %d.. of the full download", n).isEqualTo(slice(full, n, total - 1));
    }
    HttpResponse<Buffer> middle = calls.download(url, "bytes=1000-70999");
    assertThat(middle.getHeader("content-range")).isEqualTo("bytes 1000-70999/" + total);
    assertThat(middle.body().getBytes()).isEqualTo(slice(full, 1000, 70_999));
    HttpResponse<Buffer> pastTheEnd = calls.download(url, "bytes=" + (total - 10) + "-" + (total + 500));
    assertThat(pastTheEnd.getHeader("content-range")).isEqualTo("bytes " + (total - 10) + "-" + (total - 1) + "/" + total);
    assertThat(pastTheEnd.body().getBytes()).isEqualTo(slice(full, total - 10, total - 1));
    HttpResponse<Buffer> suffix = calls.download(url, "bytes=-100");
    assertThat(suffix.body().getBytes()).isEqualTo(slice(full, total - 100, total - 1));

    HttpResponse<Buffer> beyond = calls.download(url, "bytes=" + total + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.getHeader("content-range")).isEqualTo("bytes */" + total);
    assertThat(beyond.bodyAsString()).contains("<Code>InvalidRange</Code>");
  }

  @Test
  void a_closed_range_of_a_document_never_read_to_its_end_leaves_the_total_unnamed() {
    String url = freshDocumentUrl();
    HttpResponse<Buffer> range = calls.download(url, "bytes=100000-100099");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.getHeader("content-range")).isEqualTo("bytes 100000-100099/*");
    assertThat(range.getHeader("content-length")).isEqualTo("100");
    byte[] full = calls.download(url).body().getBytes();
    assertThat(range.body().getBytes()).isEqualTo(slice(full, 100_000, 100_099));
  }

  @Test
  void an_open_range_of_a_document_never_read_is_measured_first_so_the_total_is_named() {
    String url = freshDocumentUrl();
    HttpResponse<Buffer> resumed = calls.download(url, "bytes=12345-");
    assertThat(resumed.statusCode()).isEqualTo(206);
    byte[] full = calls.download(url).body().getBytes();
    assertThat(resumed.getHeader("content-range")).isEqualTo("bytes 12345-" + (full.length - 1) + "/" + full.length);
    assertThat(resumed.body().getBytes()).isEqualTo(slice(full, 12_345, full.length - 1));
    // Together, the first part and the resumed one gunzip to the whole report.
    byte[] joined = new byte[full.length];
    System.arraycopy(calls.download(url, "bytes=0-12344").body().getBytes(), 0, joined, 0, 12_345);
    System.arraycopy(resumed.body().getBytes(), 0, joined, 12_345, full.length - 12_345);
    assertThat(new String(ReportCalls.gunzip(Buffer.buffer(joined)), Charset.forName("windows-1252")).lines())
        .hasSize(30_001);
  }
}
