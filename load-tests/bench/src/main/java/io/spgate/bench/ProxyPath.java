package io.spgate.bench;

import java.util.List;
import java.util.Map;

/**
 * One way to the same SP-API operation in {@code ops/bench proxy}: the port on 127.0.0.1 the load
 * generator calls, and one call per seller, taken in turn.
 */
record ProxyPath(String name, int port, List<Call> calls) {

  /** A GET as a user's client sends it: the URI and the headers that authorise it. */
  record Call(String uri, Map<String, String> headers) {}
}
