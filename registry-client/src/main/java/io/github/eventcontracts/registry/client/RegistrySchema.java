package io.github.eventcontracts.registry.client;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry exchanges it: the text, its type ({@code AVRO} when absent, as in
 * Confluent's API), its references, and the data contract around it: {@code metadata} and
 * {@code ruleSet} (each null when absent). All five are the version's identity, as in Confluent: the
 * same text with another rule set is another schema id.
 */
public record RegistrySchema(String schema, String schemaType, List<SchemaReference> references, Metadata metadata,
    RuleSet ruleSet) {
  public static final String AVRO = "AVRO";
  public static final String PROTOBUF = "PROTOBUF";

  public RegistrySchema {
    Objects.requireNonNull(schema, "schema");
    schemaType = schemaType == null || schemaType.isEmpty() ? AVRO : schemaType;
    references = references == null ? List.of() : List.copyOf(references);
  }

  public RegistrySchema(String schema, String schemaType, List<SchemaReference> references) {
    this(schema, schemaType, references, null, null);
  }

  /** The same schema with another data contract. */
  public RegistrySchema withContract(Metadata metadata, RuleSet ruleSet) {
    return new RegistrySchema(schema, schemaType, references, metadata, ruleSet);
  }

  /** The same schema with another text (a rendering of it), keeping references and contract. */
  public RegistrySchema withText(String text) {
    return new RegistrySchema(text, schemaType, references, metadata, ruleSet);
  }

  public static RegistrySchema avro(String schema) {
    return new RegistrySchema(schema, AVRO, List.of());
  }

  public static RegistrySchema protobuf(String schema, List<SchemaReference> references) {
    return new RegistrySchema(schema, PROTOBUF, references);
  }
}
