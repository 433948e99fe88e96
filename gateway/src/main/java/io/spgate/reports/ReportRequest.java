package io.spgate.reports;

import io.spgate.http.ApiException;
import io.spgate.http.Json;
import io.spgate.http.Problem;
import io.spgate.seller.Marketplace;
import io.spgate.seller.Seller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A caller's request for a report, checked: what to ask Amazon for, and how old a DONE report may be to serve instead. */
record ReportRequest(ReportSpec spec, Optional<Duration> reuseWithin) {

  private static final Pattern REPORT_TYPE = Pattern.compile("[A-Z0-9_]{3,120}");
  private static final Duration MAX_REUSE = Duration.ofDays(7);
  private static final int MAX_OPTIONS = 20;
  /** Amazon's clocks and ours differ a little; a range ending a few minutes ahead is still "now". */
  private static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  static ReportRequest parse(JsonObject body, Seller seller, ReportTypes types) {
    Json.onlyFields(body, Set.of("reportType", "marketplaceIds", "dataStartTime", "dataEndTime", "reportOptions", "reuseWithin"));
    return new ReportRequest(spec(body, seller, types, true), reuseWithin(body.getValue("reuseWithin")));
  }

  /** The specification part of a report or schedule request; {@code withDates} false for schedules, whose ranges follow the period. */
  static ReportSpec spec(JsonObject body, Seller seller, ReportTypes types, boolean withDates) {
    Object rawType = body.getValue("reportType");
    if (!(rawType instanceof String type) || !REPORT_TYPE.matcher(type).matches()) {
      throw invalid("'reportType' must be one of Amazon's report types, such as GET_MERCHANT_LISTINGS_ALL_DATA.");
    }
    if (!types.requestable(type)) {
      throw new ApiException(Problem.badRequest("report_type_not_requestable", type + " reports are made by Amazon alone: list them "
          + "with GET /v1/sellers/" + seller.id() + "/amazon-reports and download them by their reportDocumentId."));
    }
    List<String> marketplaces = marketplaces(body.getValue("marketplaceIds"), seller);
    Optional<OffsetDateTime> start = withDates ? time(body.getValue("dataStartTime"), "dataStartTime") : Optional.empty();
    Optional<OffsetDateTime> end = withDates ? time(body.getValue("dataEndTime"), "dataEndTime") : Optional.empty();
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      throw invalid("'dataStartTime' must not be after 'dataEndTime'.");
    }
    OffsetDateTime latest = OffsetDateTime.now().plus(FUTURE_SLACK);
    if (start.map(t -> t.isAfter(latest)).orElse(false) || end.map(t -> t.isAfter(latest)).orElse(false)) {
      throw invalid("A report's range cannot lie in the future.");
    }
    return new ReportSpec(type, marketplaces, start, end, options(body.getValue("reportOptions")));
  }

  private static List<String> marketplaces(Object raw, Seller seller) {
    if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > 25) {
      throw invalid("'marketplaceIds' must be an array of 1-25 of the seller's marketplace ids.");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Object value : array) {
      Marketplace marketplace = value instanceof String s ? Marketplace.byId(s).orElse(null) : null;
      if (marketplace == null || marketplace.region() != seller.region()) {
        throw invalid("'marketplaceIds' contains " + value + ", which is not a marketplace of the seller's region ("
            + seller.region().code() + ").");
      }
      ids.add(marketplace.id());
    }
    return new ArrayList<>(ids);
  }

  private static Optional<OffsetDateTime> time(Object raw, String name) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse((String) raw));
    } catch (ClassCastException | DateTimeParseException e) {
      throw invalid("'" + name + "' must be an ISO 8601 date-time with an offset, such as 2026-11-01T00:00:00Z.");
    }
  }

  private static JsonObject options(Object raw) {
    if (raw == null) {
      return new JsonObject();
    }
    if (!(raw instanceof JsonObject options) || options.size() > MAX_OPTIONS
        || !options.stream().allMatch(e -> e.getKey().length() <= 100 && e.getValue() instanceof String v && v.length() <= 1000)) {
      throw invalid("'reportOptions' must be an object of at most " + MAX_OPTIONS + " string values, such as {\"custom\": \"true\"}.");
    }
    return options;
  }

  private static Optional<Duration> reuseWithin(Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      Duration within = Duration.parse((String) raw);
      if (!within.isNegative() && !within.isZero() && within.compareTo(MAX_REUSE) <= 0) {
        return Optional.of(within);
      }
    } catch (ClassCastException | DateTimeParseException e) {
      // reported below
    }
    throw invalid("'reuseWithin' must be an ISO 8601 duration from PT1S to P7D, such as PT1H.");
  }

  static ApiException invalid(String detail) {
    return new ApiException(Problem.validation(detail));
  }
}
