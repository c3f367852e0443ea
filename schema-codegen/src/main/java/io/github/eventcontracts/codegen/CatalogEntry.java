package io.github.eventcontracts.codegen;

/**
 * One subject of the generated catalog.
 *
 * @param subject the registry subject
 * @param javaClass the binary name of the class generated for its record or message, or null when
 *     the subject has no single class (a top-level Avro union, a proto file that declares no message:
 *     the classes of the types it declares are still generated)
 * @param schemaType AVRO or PROTOBUF
 * @param fingerprint the contract's fingerprint (SHA-256 of its canonical form)
 * @param schema the canonical schema text a registry stores for it
 * @param file the contract's path in the schemas folder (and under META-INF/schemas/ in the jar)
 * @param fieldTags every tagged field by full name ({@code acme.Payment.card} to {@code [PII]}): its
 *     own tags and those its data contract's metadata gives it
 */
public record CatalogEntry(String subject, String javaClass, String schemaType, String fingerprint, String schema,
    String file, java.util.Map<String, java.util.List<String>> fieldTags) {
  public CatalogEntry {
    // in the contract's field order, which Map.copyOf would not keep
    fieldTags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fieldTags));
  }

  /** For a person: the class, or why there is none. */
  public String describeClass() {
    return javaClass != null ? javaClass : "no single class (" + file + " is a top-level union or declares no "
        + "record or message; the classes of the types it declares are generated)";
  }
}
