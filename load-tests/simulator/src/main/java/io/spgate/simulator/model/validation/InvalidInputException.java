package io.spgate.simulator.model.validation;

/** A request that breaks its model: answered 400 with Amazon's InvalidInput error. */
public final class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message, null, false, false);
  }
}
