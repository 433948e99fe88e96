package io.spgate.quota;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How urgent a call is. While urgent calls were made for a seller × operation in the last
 * {@link QuotaGate#URGENT_WINDOW}, bulk calls leave a reserve in its bucket (a quarter of the
 * burst, at least half a token) so urgent work finds a slot at once. However much bulk work
 * queues, it holds no slot far ahead: it waits in the bucket's bulk line instead, so an urgent
 * call waits at most about one interval ({@link QuotaStore#decide}).
 */
public enum Lane {
  URGENT, NORMAL, BULK;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Lane> parse(String value) {
    return Arrays.stream(values()).filter(l -> l.value().equals(value)).findFirst();
  }
}
