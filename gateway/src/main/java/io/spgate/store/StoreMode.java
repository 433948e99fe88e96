package io.spgate.store;

/** Where quota decisions or tokens are kept right now, as readiness reports it. */
public enum StoreMode {
  /** Shared by every instance through Redis. */
  REDIS("redis"),
  /** In this process, by configuration (no Redis): right for one instance only. */
  IN_PROCESS("in_process"),
  /** In this process because Redis failed; Redis is tried again shortly. */
  IN_PROCESS_FALLBACK("in_process_fallback"),
  /** Calls are refused because Redis failed and falling back is switched off. */
  REFUSING("refusing");

  private final String value;

  StoreMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
