package io.spgate;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client will not send: requests are written byte for
 * byte (a broken request line, two lengths, a bad chunk), answers are read as they come, each within
 * a deadline. The connection stays open between requests, as a keep-alive client keeps it.
 */
public final class RawHttp implements AutoCloseable {

  /** One answer; header names in lower case. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server said it closes the connection after this answer. */
    public boolean closes() {
      String connection = header("connection");
      return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }
  }

  /** The connection ended before a whole answer came. */
  public static final class NoAnswer extends IOException {
    NoAnswer(String message) {
      super(message);
    }
  }

  private final Socket socket;
  private final InputStream in;

  public RawHttp(int port, Duration timeout) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) timeout.toMillis());
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
  }

  /**
   * Writes the request and reads its answer (interim 1xx answers skipped). Throws {@link NoAnswer} when the
   * connection closes first and {@link SocketTimeoutException} when the server goes silent for the timeout.
   */
  public Answer exchange(byte[] request, boolean head) throws IOException {
    write(request);
    return read(head);
  }

  public void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  public Answer read(boolean head) throws IOException {
    while (true) {
      String statusLine = line();
      if (statusLine == null) {
        throw new NoAnswer("the connection closed without an answer");
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new NoAnswer("not an HTTP status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(); line != null && !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      return new Answer(status, headers, body(status, headers, head));
    }
  }

  /** Whether the server closed the connection (reads end of stream within the timeout). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private byte[] body(int status, Map<String, String> headers, boolean head) throws IOException {
    if (head || status == 204 || status == 304) {
      return new byte[0];
    }
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        body.write(bytes(size));
        line();
      }
      for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
        // trailers are not kept
      }
      return body.toByteArray();
    }
    String length = headers.get("content-length");
    return length != null ? bytes(Integer.parseInt(length)) : in.readAllBytes();
  }

  private int chunkSize() throws IOException {
    String line = line();
    if (line == null) {
      throw new NoAnswer("the connection closed inside a chunked answer");
    }
    int extension = line.indexOf(';');
    return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
  }

  private byte[] bytes(int count) throws IOException {
    byte[] bytes = in.readNBytes(count);
    if (bytes.length < count) {
      throw new NoAnswer("the connection closed inside an answer's body");
    }
    return bytes;
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); ; b = in.read()) {
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new EOFException("the connection closed inside a line");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
