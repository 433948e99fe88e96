package io.spgate.bench;

import java.util.ArrayList;
import java.util.List;

/** A two-column table of measured figures, printed aligned. */
final class Table {

  private final List<String[]> rows = new ArrayList<>();

  Table row(String name, Object value) {
    rows.add(new String[] {name, String.valueOf(value)});
    return this;
  }

  void print(String title) {
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    System.out.println();
    System.out.println(title);
    System.out.println("-".repeat(title.length()));
    for (String[] row : rows) {
      System.out.printf("%-" + width + "s  %s%n", row[0], row[1]);
    }
    System.out.println();
  }
}
