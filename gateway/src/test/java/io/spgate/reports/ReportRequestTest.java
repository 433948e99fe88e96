package io.spgate.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spgate.http.ApiException;
import io.spgate.seller.Region;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportRequestTest {

  private static final ReportTypes TYPES = ReportTypes.bundled();
  private static final Seller NA_SELLER = new Seller(UUID.randomUUID(), UUID.randomUUID(), "A1SELLER", "main", Region.NA,
      List.of("ATVPDKIKX0DER"), Seller.Status.ACTIVE, new Seller.TokenHealth(Optional.empty(), Optional.empty(), Optional.empty()),
      OffsetDateTime.now(), OffsetDateTime.now());

  @Test
  void should_read_a_full_request() {
    ReportRequest request = ReportRequest.parse(new JsonObject().put("reportType", "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL")
        .put("marketplaceIds", new JsonArray().add("ATVPDKIKX0DER").add("A2EUQ1WTGCTBG2").add("ATVPDKIKX0DER"))
        .put("dataStartTime", "2026-11-01T00:00:00Z").put("dataEndTime", "2026-11-02T00:00:00+01:00")
        .put("reportOptions", new JsonObject().put("custom", "true")).put("reuseWithin", "PT1H"), NA_SELLER, TYPES);

    assertThat(request.spec().marketplaceIds()).containsExactly("ATVPDKIKX0DER", "A2EUQ1WTGCTBG2");
    assertThat(request.spec().toAmazon().getString("dataEndTime")).isEqualTo("2026-11-01T23:00:00Z");
    assertThat(request.spec().toAmazon().getJsonObject("reportOptions").getString("custom")).isEqualTo("true");
    assertThat(request.reuseWithin()).contains(Duration.ofHours(1));
  }

  @Test
  void should_refuse_what_amazon_would_refuse_or_spgate_cannot_use() {
    JsonObject valid = new JsonObject().put("reportType", "GET_MERCHANT_LISTINGS_ALL_DATA")
        .put("marketplaceIds", new JsonArray().add("ATVPDKIKX0DER"));

    assertRefused(valid.copy().put("reportType", "get listings"), "'reportType'");
    assertRefused(valid.copy().put("reportType", "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE"), "made by Amazon alone");
    assertRefused(valid.copy().put("marketplaceIds", new JsonArray().add("A1PA6795UKMFR9")), "not a marketplace of the seller's region");
    assertRefused(valid.copy().put("marketplaceIds", new JsonArray()), "1-25");
    assertRefused(valid.copy().put("dataStartTime", "yesterday"), "ISO 8601");
    assertRefused(valid.copy().put("dataStartTime", "2026-11-02T00:00:00Z").put("dataEndTime", "2026-11-01T00:00:00Z"), "after");
    assertRefused(valid.copy().put("dataEndTime", OffsetDateTime.now().plusDays(1).toString()), "future");
    assertRefused(valid.copy().put("reportOptions", new JsonObject().put("custom", true)), "string values");
    assertRefused(valid.copy().put("reuseWithin", "P30D"), "PT1S to P7D");
    assertRefused(valid.copy().put("reportTypo", "x"), "reportTypo");
  }

  @Test
  void should_know_amazons_windows_and_which_types_convert() {
    assertThat(TYPES.window("GET_AFN_INVENTORY_DATA")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TYPES.window("GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA")).isEqualTo(Duration.ofHours(4));
    assertThat(TYPES.window("GET_SOME_NEW_TYPE")).isZero();
    assertThat(TYPES.tabSeparated("GET_SALES_AND_TRAFFIC_REPORT")).isFalse();
    assertThat(TYPES.tabSeparated("GET_SOME_NEW_TYPE")).isTrue();
    assertThat(TYPES.requestable("GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE")).isFalse();
  }

  private static void assertRefused(JsonObject body, String saying) {
    assertThatThrownBy(() -> ReportRequest.parse(body, NA_SELLER, TYPES)).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).problem().detail()).contains(saying))
        .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(400));
  }
}
