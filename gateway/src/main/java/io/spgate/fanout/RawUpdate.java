package io.spgate.fanout;

import io.vertx.core.json.JsonObject;

/**
 * One update as the caller wrote it, before validation: its 0-based position in the body and its
 * fields (CSV cells already turned into the JSON shape, numbers still as the caller wrote them).
 */
record RawUpdate(int index, JsonObject fields) {}
