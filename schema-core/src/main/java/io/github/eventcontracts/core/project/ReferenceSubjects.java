package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.UserInputException;
import java.util.Locale;

/**
 * How a contract that other contracts only reference (a shared type, not an event) is named in the
 * registry. A sidecar or {@code <contract>} setting for the file always wins.
 */
public enum ReferenceSubjects {
  /**
   * Confluent's default reference subject naming: the import path for Protobuf
   * ({@code common/address.proto}), the type's full name for Avro ({@code com.acme.common.Money}).
   * Such subjects are not events: no topic, not in the event catalog, no level pinned unless one is
   * configured for the file.
   */
  NAME,
  /** Like any event: the naming strategy's subject ({@code money-value}), as before 0.2. */
  TOPIC;

  public static ReferenceSubjects parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("unknown reference subject naming '" + text + "': use name (Confluent's default:"
          + " import path or full type name) or topic (like an event)");
    }
  }
}
