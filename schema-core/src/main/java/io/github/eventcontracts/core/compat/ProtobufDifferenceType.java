package io.github.eventcontracts.core.compat;

/**
 * The differences Confluent Schema Registry's Protobuf provider reports, with its verdicts: a
 * schema is compatible when every difference found is of a compatible type.
 */
public enum ProtobufDifferenceType implements DifferenceType {
  PACKAGE_CHANGED(false, "readers look types up by full name; keep the package"),
  MESSAGE_ADDED(true, "new messages are invisible to old readers"),
  MESSAGE_REMOVED(false, "consumers still decode this message; keep it (deprecate it instead)"),
  MESSAGE_MOVED(true, "message indexes are resolved per schema id, so reordering is safe"),
  ENUM_ADDED(true, "new enums are invisible to old readers"),
  ENUM_REMOVED(true, "unused enum types are not on the wire"),
  ENUM_CONST_ADDED(true, "unknown enum numbers are preserved by proto3 readers"),
  ENUM_CONST_CHANGED(true, "enum constants are encoded by number; the name is not on the wire"),
  ENUM_CONST_REMOVED(true, "readers keep unknown numbers; prefer 'reserved' so the number is not reused"),
  FIELD_ADDED(true, "readers skip unknown tags"),
  FIELD_REMOVED(true, "readers see the default; add 'reserved {tag}' so the tag is never reused"),
  FIELD_NAME_CHANGED(true, "fields are encoded by tag; the name only matters to JSON encodings"),
  FIELD_KIND_CHANGED(false, "scalar, message and map fields are encoded differently; keep the kind, or add a new field with a new tag and reserve tag {tag}"),
  FIELD_SCALAR_KIND_CHANGED(false, "the wire encodings differ; keep the type, or add a new field with a new tag and reserve tag {tag}"),
  FIELD_NAMED_TYPE_CHANGED(false, "the field now holds a different message; keep the type, or add a new field with a new tag and reserve tag {tag}"),
  FIELD_NUMERIC_LABEL_CHANGED(false, "packed repeated and singular numbers are encoded differently; keep the label, or use a new tag"),
  FIELD_STRING_OR_BYTES_LABEL_CHANGED(true, "length-delimited values read the same singular or repeated"),
  REQUIRED_FIELD_ADDED(false, "old data lacks the field and fails to parse; make it optional"),
  REQUIRED_FIELD_REMOVED(false, "readers that require the field reject new data; keep it"),
  ONEOF_ADDED(true, "a new oneof over new fields is invisible to old readers"),
  ONEOF_REMOVED(true, "the oneof's members were removed with it"),
  ONEOF_FIELD_ADDED(true, "old readers skip the unknown member"),
  ONEOF_FIELD_REMOVED(false, "data that set this member loses it silently; keep it, or reserve the tag and remove the whole oneof"),
  ONEOF_FIELD_MOVED_TO_TOP_LEVEL(true, "the same tag and type read the same outside the oneof"),
  MULTIPLE_FIELDS_MOVED_TO_ONEOF(false, "old data may set several of them at once, which a oneof cannot hold; move at most one existing field into a new oneof"),
  FIELD_MOVED_TO_EXISTING_ONEOF(false, "old data may set it together with the oneof's other members; leave it outside the oneof");

  private final boolean compatible;
  private final String advice;

  ProtobufDifferenceType(boolean compatible, String advice) {
    this.compatible = compatible;
    this.advice = advice;
  }

  @Override
  public boolean compatible() {
    return compatible;
  }

  @Override
  public String advice() {
    return advice;
  }
}
