package io.spgate.api;

/** Ends a request with a {@link Problem}; thrown or used to fail a future anywhere in a handler. */
public final class ApiException extends RuntimeException {

  private final Problem problem;

  public ApiException(Problem problem) {
    super(problem.code() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
