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
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Report documents carry Amazon's charset labels, bytes in the marketplace's encoding, and titles that test quoting. */
@ExtendWith(VertxExtension.class)
@Timeout(60)
class ReportCharsetTest {
  private static final String LISTINGS = "GET_MERCHANT_LISTINGS_ALL_DATA";
  private static final String JP = "A1VC38T7YXB528";
  private static SimHarness harness;

  @BeforeAll
  static void start(Vertx vertx) {
    harness = SimHarness.start(vertx, new SimulatorOptions().sellers(12).timeScale(1000).listingsPerSeller(20));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  /** The listings report of {@code rows} rows (20 seeded listings, then synthetic ones), as downloaded. */
  private static HttpResponse<Buffer> listingsReport(Seller seller, String marketplaceId, int rows) {
    ReportCalls calls = new ReportCalls(harness, harness.accessToken(seller));
    JsonObject document = calls.doneDocument(LISTINGS, marketplaceId, new JsonObject().put(ReportsApi.ROWS_OPTION, Integer.toString(rows)));
    HttpResponse<Buffer> download = calls.download(document.getString("url"));
    assertThat(download.statusCode()).isEqualTo(200);
    return download;
  }

  private static List<String> titles(byte[] text, Charset charset) {
    return new String(text, charset).lines().skip(1).map(line -> line.split("\t", -1)[0]).toList();
  }

  private static String hex(String text, Charset charset) {
    return HexFormat.of().formatHex(text.getBytes(charset));
  }

  @Test
  void eu_documents_are_labelled_cp1252_and_hold_windows_1252_bytes() {
    HttpResponse<Buffer> download = listingsReport(harness.sellerIn("eu"), harness.sellerIn("eu").homeMarketplace().id(), 40);
    assertThat(download.getHeader("content-type")).isEqualTo("text/plain;charset=Cp1252");
    byte[] text = ReportCalls.gunzip(download.body());
    Charset cp1252 = Charset.forName(download.getHeader("content-type").split("charset=")[1]);
    String hexText = HexFormat.of().formatHex(text);
    // € is 80, “ ” are 93 94, é e9, ß df in windows-1252 (UTF-8 would write e2 82 ac, c3 a9 ...).
    assertThat(hexText).contains("93" + "5370" + "e9" + "6369616c" + "94" + "204772" + "f6" + "df" + "65203520" + "80");
    assertThat(new String(text, StandardCharsets.UTF_8)).contains("\uFFFD");
    List<String> titles = titles(text, cp1252);
    assertThat(titles).hasSize(40);
    for (int i = 0; i < titles.size(); i++) {
      String title = titles.get(i);
      switch (i % 4) {
        case 1 -> assertThat(title).endsWith(", 2-Pack");
        case 2 -> assertThat(title).startsWith("Chef's ").endsWith(" 12\"");
        case 3 -> assertThat(title).startsWith("\"").endsWith("\", “Spécial” Größe 5 €");
        default -> assertThat(title).doesNotContain("\"", ",", "'");
      }
    }
  }

  @Test
  void jp_documents_are_labelled_shift_jis_but_hold_windows_31j_bytes_that_strict_shift_jis_gets_wrong() {
    Seller jp = harness.sim().sellers().stream().filter(s -> s.marketplaceIds().contains(JP)).findFirst().orElseThrow();
    HttpResponse<Buffer> download = listingsReport(jp, JP, 40);
    assertThat(download.getHeader("content-type")).isEqualTo("text/plain;charset=Shift_JIS");
    byte[] text = ReportCalls.gunzip(download.body());
    String hexText = HexFormat.of().formatHex(text);
    // ① 8740, ～ 8160, 髙 fbfc, № 8782: windows-31j (cp932) codes outside strict Shift_JIS, or mapped elsewhere by it.
    assertThat(hexText).contains("8740", "8160", "fbfc", "8782");
    List<String> asWindows31j = titles(text, Charset.forName("windows-31j"));
    for (int i = 0; i < asWindows31j.size(); i++) {
      switch (i % 4) {
        case 1 -> assertThat(asWindows31j.get(i)).endsWith(", ①セット");
        case 2 -> assertThat(asWindows31j.get(i)).startsWith("Chef's ").endsWith(" 12\" ～髙品質");
        case 3 -> assertThat(asWindows31j.get(i)).startsWith("\"").endsWith("\", №5 特選");
        default -> assertThat(asWindows31j.get(i)).doesNotContain("\"", ",", "'");
      }
    }
    String asShiftJis = new String(text, Charset.forName("Shift_JIS"));
    assertThat(asShiftJis).as("a client that trusts the label").doesNotContain("①", "～", "髙", "№").contains("〜", "\uFFFD");
  }

  @Test
  void na_documents_are_labelled_and_encoded_utf_8() {
    Seller na = harness.sellerIn("na");
    HttpResponse<Buffer> download = listingsReport(na, na.homeMarketplace().id(), 8);
    assertThat(download.getHeader("content-type")).isEqualTo("text/plain;charset=UTF-8");
    byte[] text = ReportCalls.gunzip(download.body());
    assertThat(HexFormat.of().formatHex(text)).contains(hex("“Spécial” Größe 5 €", StandardCharsets.UTF_8));
    assertThat(titles(text, StandardCharsets.UTF_8).get(3)).endsWith("\", “Spécial” Größe 5 €");
  }
}
