package io.spgate.simulator.http;

/** The work of one operation, run after the token, quota and model checks have passed. */
@FunctionalInterface
public interface OperationHandler {
  void handle(SpApiRequest request);
}
