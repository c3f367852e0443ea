package io.github.eventcontracts.core.compat;

/**
 * A kind of change between two schemas, with a stable ID. Some kinds are compatible (readers cope),
 * others break readers.
 */
public interface DifferenceType {
  /** The constant's name; every difference type is an enum. */
  String name();

  /** Stable identifier, e.g. {@code FIELD_SCALAR_KIND_CHANGED}: the constant's name, never renamed. */
  default String id() {
    return name();
  }

  /** Whether a reader copes with this change in the direction it was found; breaking unless said otherwise. */
  default boolean compatible() {
    return false;
  }

  /**
   * One line: why it matters to consumers and how to avoid it. May hold {@code {tag}}, the field
   * number; use {@link #adviceAt(String)} to fill it in.
   */
  String advice();

  /** The advice for a difference at {@code path}, with {@code {tag}} filled from the path's last number. */
  default String adviceAt(String path) {
    java.util.regex.Matcher tag = java.util.regex.Pattern.compile("/(\\d+)$").matcher(path);
    return advice().replace("{tag}", tag.find() ? tag.group(1) : "the field's number");
  }
}
