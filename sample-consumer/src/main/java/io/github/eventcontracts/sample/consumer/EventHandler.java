package io.github.eventcontracts.sample.consumer;

/** What the application does with one event. Throw {@link TransientFailure} for what a retry may fix. */
@FunctionalInterface
public interface EventHandler {
  void handle(ConsumedEvent event) throws Exception;

  /** A failure worth retrying (a timeout, a busy downstream); anything else goes to the dead-letter topic at once. */
  final class TransientFailure extends Exception {
    public TransientFailure(String message) {
      super(message);
    }
  }
}
