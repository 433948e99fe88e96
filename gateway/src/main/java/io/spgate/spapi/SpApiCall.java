package io.spgate.spapi;

import io.spgate.quota.Lane;
import io.spgate.seller.Seller;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One SP-API call as the pipeline carries it: for whom, which operation, the concrete (normalised)
 * path and raw query, the caller's headers meant for Amazon, the body, the personal
 * {@code dataElements} wanted (restricted Orders calls), how long it may wait and its lane.
 */
public record SpApiCall(Seller seller, Operation operation, RequestPath path, Optional<String> query, MultiMap headers,
    RequestBody body, List<String> dataElements, Duration maxWait, Lane lane) {}
