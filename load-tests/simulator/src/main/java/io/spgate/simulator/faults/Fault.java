package io.spgate.simulator.faults;

/** The failure modes Amazon shows in production, one of which a faulty call gets. */
public enum Fault {
  NONE,
  /** 500 InternalFailure. */
  INTERNAL_FAILURE,
  /** 503 ServiceUnavailable. */
  SERVICE_UNAVAILABLE,
  /** A correct answer, seconds late. */
  SLOW_RESPONSE,
  /** The connection closes with no response. */
  CONNECTION_RESET
}
