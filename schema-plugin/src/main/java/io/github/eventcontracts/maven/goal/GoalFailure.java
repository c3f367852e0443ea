package io.github.eventcontracts.maven.goal;

/**
 * The goal ran and its verdict fails the build (an incompatible contract, a lint error, a
 * registration that stopped); the message says what and where to look. The mojo turns it into
 * Maven's build failure, without a stack trace.
 */
public final class GoalFailure extends RuntimeException {
  public GoalFailure(String message) {
    super(message);
  }

  public GoalFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
