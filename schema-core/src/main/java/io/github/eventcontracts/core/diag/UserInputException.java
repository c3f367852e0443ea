package io.github.eventcontracts.core.diag;

/**
 * Bad input from the user: a setting, a file, or the environment they set up (git, protoc). Tools
 * print its message, which names what is wrong and what to do, and no stack trace; any other
 * exception is our bug and keeps its trace. It stays an {@link IllegalArgumentException} so callers
 * that validate arguments generally still catch it.
 */
public class UserInputException extends IllegalArgumentException {
  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
