package io.spgate.http;

import java.util.Map;

/** Ends a request with a {@link Problem}; thrown or used to fail a future anywhere in a handler. */
public final class ApiException extends RuntimeException {

  private final Problem problem;
  private final Map<String, String> headers;

  public ApiException(Problem problem) {
    this(problem, Map.of());
  }

  /** A problem answered with extra headers, such as {@code Retry-After}. */
  public ApiException(Problem problem, Map<String, String> headers) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Problem problem() {
    return problem;
  }
}
