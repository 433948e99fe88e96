package io.spgate.spapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A concrete SP-API path as a caller sent it, checked and normalised so that the operation it
 * matches is the operation Amazon will route it to: percent-encoded unreserved characters are
 * decoded (so {@code %2E%2E} is seen as {@code ..}), and dot segments, empty segments, control
 * characters and anything outside RFC 3986's path characters are refused. The normalised value is
 * what the gateway forwards.
 *
 * <p>An encoded slash or backslash is data inside its segment, as Amazon reads it: a SKU such as
 * {@code BOX/12} travels as {@code BOX%2F12} (Amazon's "URL encoding" guide). It stays encoded, so
 * the segments Amazon routes by are the ones matched here; and what it separates must still be a
 * name, not empty, {@code .} or {@code ..}, so that nothing that decodes it can be led elsewhere.
 */
public record RequestPath(String value, List<String> segments) {

  static final int MAX_LENGTH = 2048;
  private static final String UNRESERVED_PUNCTUATION = "-._~";
  private static final String OTHER_PATH_CHARACTERS = "!$&'()*+,;=:@";
  /** An encoded slash or backslash, as {@link #segment} leaves it (upper-case hex). */
  private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%2F|%5C");

  public static RequestPath parse(String raw) {
    if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
      throw Operations.unknown("An SP-API path starts with '/'.");
    }
    if (raw.length() > MAX_LENGTH) {
      throw Operations.unknown("The SP-API path is longer than " + MAX_LENGTH + " characters.");
    }
    List<String> segments = new ArrayList<>();
    boolean asSent = true;
    for (int start = 1, end; start <= raw.length(); start = end + 1) {
      end = raw.indexOf('/', start);
      end = end < 0 ? raw.length() : end;
      String sent = raw.substring(start, end);
      String clean = segment(sent);
      asSent &= clean == sent; // identity: segment() hands back what it did not change
      segments.add(clean);
    }
    return new RequestPath(asSent ? raw : "/" + String.join("/", segments), List.copyOf(segments));
  }

  /** The segment normalised: the very String sent when nothing in it is percent-encoded, as in most paths. */
  private static String segment(String raw) {
    if (raw.isEmpty()) {
      throw Operations.unknown("The SP-API path has an empty segment ('//' or a trailing '/').");
    }
    StringBuilder out = null;
    boolean separated = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        out = out != null ? out : new StringBuilder(raw.length()).append(raw, 0, i);
        int decoded = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)) : -1;
        if (decoded < 0) {
          throw Operations.unknown("The SP-API path has a malformed percent-encoding.");
        }
        if (decoded < 0x20 || decoded == 0x7f) {
          throw Operations.unknown("The SP-API path has an encoded control character.");
        }
        separated |= decoded == '/' || decoded == '\\';
        if (unreserved((char) decoded)) {
          out.append((char) decoded);
        } else {
          out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
        }
        i += 2;
      } else if (unreserved(c) || OTHER_PATH_CHARACTERS.indexOf(c) >= 0) {
        if (out != null) {
          out.append(c);
        }
      } else {
        throw Operations.unknown("The SP-API path has a character that must be percent-encoded: '" + printable(c) + "'.");
      }
    }
    String segment = out == null ? raw : out.toString();
    if (segment.equals(".") || segment.equals("..")) {
      throw Operations.unknown("The SP-API path has a '.' or '..' segment.");
    }
    if (separated && !separatesNames(segment)) {
      throw Operations.unknown("The SP-API path has an encoded slash or backslash next to another, at an end of its segment, "
          + "or before or after '.' or '..'.");
    }
    return segment;
  }

  /** Whether each part of {@code segment} between encoded slashes or backslashes is a name: not empty, '.' or '..'. */
  private static boolean separatesNames(String segment) {
    for (String part : ENCODED_SEPARATOR.split(segment, -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
  }

  private static int hex(char c) {
    int value = Character.digit(c, 16);
    return value < 0 ? -1000 : value;
  }

  static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
