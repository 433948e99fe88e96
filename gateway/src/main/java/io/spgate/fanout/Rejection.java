package io.spgate.fanout;

import io.vertx.core.json.JsonObject;

/** Why one update of a request was not taken: its 0-based index, a stable code, and words for people. */
record Rejection(int index, String code, String detail) {

  JsonObject toJson() {
    return new JsonObject().put("index", index).put("code", code).put("detail", detail);
  }
}
