package io.github.eventcontracts.codegen;

/**
 * avro-maven-plugin's common options for SpecificRecord generation.
 *
 * @param stringType String, CharSequence or Utf8
 * @param enableDecimalLogicalType BigDecimal for decimal fields
 * @param fieldVisibility private or public
 * @param createSetters generate setters
 * @param createOptionalGetters also generate getters returning Optional
 */
public record AvroOptions(String stringType, boolean enableDecimalLogicalType, String fieldVisibility,
    boolean createSetters, boolean createOptionalGetters) {
  public static final AvroOptions DEFAULTS = new AvroOptions("String", true, "private", true, false);
}
