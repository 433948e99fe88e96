package io.spgate.reports.document;

import java.util.Optional;

/** S3 answered a document request with a redirect, which is never followed: only the checked URL is fetched. */
public final class DocumentRedirectException extends RuntimeException {

  private final int status;
  private final Optional<String> location;

  public DocumentRedirectException(int status, Optional<String> location) {
    super("The document's storage answered " + status + " (a redirect" + location.map(l -> " to " + l).orElse("")
        + "); redirects are not followed.");
    this.status = status;
    this.location = location;
  }

  public int status() {
    return status;
  }

  public Optional<String> location() {
    return location;
  }
}
