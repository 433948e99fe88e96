package io.spgate.fanout;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Optional;

/** Amazon's word on some items: their outcome status, its issues, and a patch's submission id. */
record ItemOutcome(List<Long> seqs, String status, JsonArray issues, Optional<String> amazonSubmissionId) {}
