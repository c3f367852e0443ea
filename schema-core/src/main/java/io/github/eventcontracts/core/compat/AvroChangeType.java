package io.github.eventcontracts.core.compat;

/**
 * Edits between two Avro schemas that Avro's reader/writer check does not list because they break
 * nobody: a review shows them so the reviewer sees what changed, not only what broke.
 */
public enum AvroChangeType implements DifferenceType {
  AVRO_FIELD_ADDED,
  AVRO_FIELD_REMOVED,
  AVRO_FIELD_TYPE_CHANGED,
  AVRO_FIELD_DEFAULT_CHANGED,
  AVRO_ENUM_SYMBOL_ADDED,
  AVRO_ENUM_SYMBOL_REMOVED,
  AVRO_TYPE_ADDED;

  @Override
  public boolean compatible() {
    return true;
  }

  @Override
  public String advice() {
    return "";
  }
}
