package io.github.eventcontracts.core.compat;

/**
 * A kind of change between two schemas, with a stable ID. Some kinds are compatible (readers cope),
 * others break readers.
 */
public interface DifferenceType {
  /** Stable identifier, e.g. {@code FIELD_SCALAR_KIND_CHANGED}. */
  String id();

  /** Whether a reader copes with this change in the direction it was found. */
  boolean compatible();

  /** One line: why it matters to consumers and how to avoid it. */
  String advice();
}
