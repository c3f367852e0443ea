package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.diag.UserInputException;
import java.util.Locale;

/**
 * Confluent Schema Registry's compatibility levels. BACKWARD: the new schema can read data written
 * with the previous one. FORWARD: the previous schema can read data written with the new one. FULL:
 * both. Non-transitive levels compare with the latest previous version only; transitive ones with
 * every previous version.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema must read data written with previous ones. */
  public boolean checksBackward() {
    return backward;
  }

  /** Previous schemas must read data written with the new one. */
  public boolean checksForward() {
    return forward;
  }

  public boolean transitive() {
    return transitive;
  }

  public static CompatibilityLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("unknown compatibility level '" + text + "': use one of "
          + java.util.Arrays.toString(values()));
    }
  }
}
