package io.spgate.tenant;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. {@code admin} acts on every tenant; write implies read. {@code pii:read} adds buyers'
 * personal data (an order's buyer and recipient) to what a key may read; nothing else implies it but admin.
 */
public enum Scope {
  ADMIN("admin"),
  TENANT_WRITE("tenant:write"),
  TENANT_READ("tenant:read"),
  PII_READ("pii:read");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public boolean implies(Scope other) {
    return this == other || this == ADMIN || (this == TENANT_WRITE && other == TENANT_READ);
  }

  public static Optional<Scope> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
