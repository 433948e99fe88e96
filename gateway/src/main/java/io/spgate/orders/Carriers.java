package io.spgate.orders;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** The carrier codes Amazon lists for confirmShipment (resource orders/carrier-codes.txt); any other carrier is "Other". */
final class Carriers {

  static final String OTHER = "Other";
  private static final Set<String> CODES = load();

  private Carriers() {}

  static boolean known(String code) {
    return CODES.contains(code);
  }

  static Set<String> codes() {
    return CODES;
  }

  private static Set<String> load() {
    try (InputStream in = Carriers.class.getResourceAsStream("/orders/carrier-codes.txt")) {
      if (in == null) {
        throw new IllegalStateException("orders/carrier-codes.txt is missing from the class path");
      }
      Set<String> codes = new TreeSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(codes::add);
      return Set.copyOf(codes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
