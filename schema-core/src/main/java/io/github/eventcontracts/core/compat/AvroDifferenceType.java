package io.github.eventcontracts.core.compat;

import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/** Apache Avro's incompatibility types ({@link SchemaIncompatibilityType}), each one breaking. */
public enum AvroDifferenceType implements DifferenceType {
  NAME_MISMATCH("readers resolve named types by full name; keep the name, or add the old one to 'aliases'"),
  FIXED_SIZE_MISMATCH("fixed values are read byte for byte; keep the size, or add a new field of the new size"),
  MISSING_ENUM_SYMBOLS("a reader cannot map a symbol it does not know; keep the symbol, or give the enum a 'default'"),
  READER_FIELD_MISSING_DEFAULT_VALUE("records written without this field cannot fill it; add a \"default\""),
  TYPE_MISMATCH("the written type cannot be promoted to the read one; keep the type or add a new field"),
  MISSING_UNION_BRANCH("a written branch has no match in the reading union; keep the branch in the union");

  private final String advice;

  AvroDifferenceType(String advice) {
    this.advice = advice;
  }

  @Override
  public String advice() {
    return advice;
  }

  static AvroDifferenceType of(SchemaIncompatibilityType type) {
    return valueOf(type.name());
  }
}
