package io.github.eventcontracts.core.compat;

/** Differences that do not belong to one schema language. */
public enum GeneralDifferenceType implements DifferenceType {
  SCHEMA_TYPE_CHANGED("a subject's versions must keep one schema type; publish the new type under a new subject");

  private final String advice;

  GeneralDifferenceType(String advice) {
    this.advice = advice;
  }

  @Override
  public String advice() {
    return advice;
  }
}
