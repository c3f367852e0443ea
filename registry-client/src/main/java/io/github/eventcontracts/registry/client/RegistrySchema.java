package io.github.eventcontracts.registry.client;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry exchanges it: the text, its type ({@code AVRO} when absent, as in
 * Confluent's API) and its references.
 */
public record RegistrySchema(String schema, String schemaType, List<SchemaReference> references) {
  public static final String AVRO = "AVRO";
  public static final String PROTOBUF = "PROTOBUF";

  public RegistrySchema {
    Objects.requireNonNull(schema, "schema");
    schemaType = schemaType == null || schemaType.isEmpty() ? AVRO : schemaType;
    references = references == null ? List.of() : List.copyOf(references);
  }

  public static RegistrySchema avro(String schema) {
    return new RegistrySchema(schema, AVRO, List.of());
  }

  public static RegistrySchema protobuf(String schema, List<SchemaReference> references) {
    return new RegistrySchema(schema, PROTOBUF, references);
  }
}
