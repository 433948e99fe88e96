package io.spgate.reports.document;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The charset to decode a report document with, from the {@code charset} of the Content-Type S3
 * sends with it. Amazon writes EU and US documents as {@code Cp1252}, some as {@code utf8} or
 * {@code UTF-8}, JP ones as {@code windows-31j} or labelled {@code Shift_JIS}; no charset means UTF-8.
 */
public final class DocumentCharset {

  /** Microsoft's Shift_JIS, which JP documents are written in whatever their label. */
  public static final Charset WINDOWS_31J = Charset.forName("windows-31j");
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /**
   * Labels that promise less than the bytes hold. Strict Shift_JIS fails on ①, ～, 髙 of JP
   * documents, which are cp932's. Latin-1 and ASCII labels decode as windows-1252, as browsers do:
   * the same for every printable Latin-1 byte, and right for € “ ” written by a Cp1252 writer.
   */
  private static final Map<String, Charset> LABELS = Map.ofEntries(
      Map.entry("shift_jis", WINDOWS_31J), Map.entry("shift-jis", WINDOWS_31J), Map.entry("sjis", WINDOWS_31J),
      Map.entry("x-sjis", WINDOWS_31J), Map.entry("ms_kanji", WINDOWS_31J), Map.entry("csshiftjis", WINDOWS_31J),
      Map.entry("cp932", WINDOWS_31J), Map.entry("ms932", WINDOWS_31J), Map.entry("windows-31j", WINDOWS_31J),
      Map.entry("iso-8859-1", WINDOWS_1252), Map.entry("iso8859-1", WINDOWS_1252), Map.entry("iso8859_1", WINDOWS_1252),
      Map.entry("iso_8859-1", WINDOWS_1252), Map.entry("latin1", WINDOWS_1252), Map.entry("l1", WINDOWS_1252),
      Map.entry("us-ascii", WINDOWS_1252), Map.entry("ascii", WINDOWS_1252),
      Map.entry("utf8", StandardCharsets.UTF_8), Map.entry("utf-8", StandardCharsets.UTF_8));

  private DocumentCharset() {
  }

  /**
   * The charset for a Content-Type such as {@code text/plain; charset=Cp1252}; UTF-8 when there is
   * none. A charset the JVM does not know throws {@link UnsupportedCharsetException}: decoding with a
   * guess would garble the document without a word.
   */
  public static Charset fromContentType(String contentType) {
    return parameter(contentType).map(DocumentCharset::forLabel).orElse(StandardCharsets.UTF_8);
  }

  /** The charset a label names, with the labels above read as what Amazon's bytes really are. */
  public static Charset forLabel(String label) {
    String name = label.trim().toLowerCase(Locale.ROOT);
    Charset known = LABELS.get(name);
    if (known != null) {
      return known;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException e) {
      throw new UnsupportedCharsetException(label);
    }
  }

  /** The Content-Type's charset parameter, unquoted. */
  static Optional<String> parameter(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int equals = part.indexOf('=');
      if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase("charset")) {
        String value = part.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).trim();
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
