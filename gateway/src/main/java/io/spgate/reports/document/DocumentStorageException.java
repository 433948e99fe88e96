package io.spgate.reports.document;

import io.vertx.core.buffer.Buffer;
import java.io.StringReader;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** S3 refused a document: its status and, from its XML {@code <Error>}, its code and message. */
public final class DocumentStorageException extends RuntimeException {

  private static final XMLInputFactory XML = xmlInputFactory();

  private final int status;
  private final Optional<String> code;
  private final Optional<String> detail;
  private final Optional<String> requestId;

  public DocumentStorageException(int status, Optional<String> code, Optional<String> detail, Optional<String> requestId) {
    super("The document's storage answered " + status + code.map(c -> " " + c).orElse("") + detail.map(d -> ": " + d).orElse(""));
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
  }

  /** From an error answer's body, S3's {@code <Error><Code>…</Code><Message>…</Message></Error>} (or anything else). */
  static DocumentStorageException of(int status, Buffer body, Optional<String> requestId) {
    Optional<String> code = Optional.empty();
    Optional<String> message = Optional.empty();
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(new StringReader(body.toString()));
      int depth = 0;
      boolean inError = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          depth++;
          if (depth == 1) {
            inError = xml.getLocalName().equals("Error");
          } else if (depth == 2 && inError && xml.getLocalName().equals("Code")) {
            code = Optional.of(xml.getElementText().trim());
            depth--;
          } else if (depth == 2 && inError && xml.getLocalName().equals("Message")) {
            message = Optional.of(xml.getElementText().trim());
            depth--;
          }
        } else if (event == XMLStreamReader.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      // Not S3's XML (a proxy's page): the status alone says what happened.
    }
    return new DocumentStorageException(status, code.filter(c -> !c.isEmpty()), message.filter(m -> !m.isEmpty()), requestId);
  }

  private static XMLInputFactory xmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }

  public int status() {
    return status;
  }

  /** S3's error code: {@code AccessDenied}, {@code NoSuchKey}, … */
  public Optional<String> code() {
    return code;
  }

  /** S3's message, such as {@code Request has expired}. */
  public Optional<String> detail() {
    return detail;
  }

  /** S3's {@code x-amz-request-id}, for Amazon's support. */
  public Optional<String> requestId() {
    return requestId;
  }

  /** Whether S3 refused because the presigned link's time ran out (403 AccessDenied "Request has expired"). */
  public boolean isExpiredLink() {
    return status == 403 && code.filter("AccessDenied"::equals).isPresent()
        && detail.filter(d -> d.toLowerCase(Locale.ROOT).startsWith("request has expired")).isPresent();
  }
}
