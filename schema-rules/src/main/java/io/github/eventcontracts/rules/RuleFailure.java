package io.github.eventcontracts.rules;

/** A rule that could not run: an expression that does not compile, or fails on this record. */
public final class RuleFailure extends Exception {
  public RuleFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
