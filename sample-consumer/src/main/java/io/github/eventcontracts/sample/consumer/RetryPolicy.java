package io.github.eventcontracts.sample.consumer;

import java.time.Duration;

/**
 * Exponential backoff for transient handler failures: {@code initial}, doubled per attempt, capped at
 * {@code max}; after {@code attempts} tries the event goes to the dead-letter topic. Keep the total
 * well under {@code max.poll.interval.ms}, as retries happen inside the poll loop.
 */
public record RetryPolicy(int attempts, Duration initial, Duration max) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** The pause after failed attempt {@code n} (1-based). */
  public Duration backoff(int n) {
    long millis = initial.toMillis() << Math.min(n - 1, 20);
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }
}
