package io.spgate.lwa;

/**
 * An error answer (or no answer) from Login with Amazon. {@code error} is LWA's own code
 * ({@code invalid_grant}, {@code invalid_client}, …) or {@code timeout}/{@code unavailable}.
 * The message never carries a token or secret.
 */
public final class LwaException extends RuntimeException {

  private final int status;
  private final String error;

  public LwaException(int status, String error, String description) {
    super("LWA answered " + (status == 0 ? "nothing" : String.valueOf(status)) + " " + error
        + (description == null || description.isBlank() ? "" : ": " + description), null, false, false);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** The refresh token or code is dead: only the seller re-authorizing fixes it. */
  public boolean invalidGrant() {
    return "invalid_grant".equals(error);
  }

  /** Worth trying again later: LWA was down, slow or overloaded. */
  public boolean transientFailure() {
    return status == 0 || status == 429 || status >= 500 || "server_error".equals(error)
        || "temporarily_unavailable".equals(error);
  }
}
