package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.model.SchemaType;
import io.github.eventcontracts.core.parse.ReferencedSchemaParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject's schema as it goes to the registry: the text as written, its type, its references
 * (name and subject), and the canonical text a registry stores for it. Registration, lookups and
 * the generated catalog all use this one form, so they always agree. Computed from the parsed
 * project, without parsing again.
 */
public record RegistryForm(String schemaType, String text, String canonical,
    List<SubjectContract.SubjectReference> references) {

  public static RegistryForm of(SubjectContract subject, ContractProject project) {
    String canonical;
    if (subject.contract().type() == SchemaType.AVRO) {
      // Avro's compact JSON, naming (not inlining) the types that come from referenced subjects,
      // as ReferencedSchemaParser renders a registered schema.
      Map<String, SubjectContract> referenced = new LinkedHashMap<>();
      collect(subject, project, referenced);
      canonical = ReferencedSchemaParser.avroCanonical(subject.contract().avro().schema(),
          referenced.values().stream().map(r -> r.contract().avro().schema()).toList());
    } else {
      canonical = subject.contract().parsed().canonicalForm();
    }
    return new RegistryForm(subject.contract().type().name(), registeredText(subject.contract(), canonical),
        canonical, subject.references());
  }

  /**
   * The file's text as written, except for an Avro file with comments: Avro accepts them, JSON does
   * not, so such a file goes as Confluent's tooling sends every Avro schema, its compact canonical
   * JSON (what {@code AvroSchema.canonicalString()} gives).
   */
  private static String registeredText(io.github.eventcontracts.core.model.Contract contract, String canonical) {
    boolean commented = contract.type() == SchemaType.AVRO && contract.avro().locations().commented();
    return commented ? canonical : contract.text();
  }

  /** Every subject {@code subject} references, transitively, deepest first; the parsers refused cycles. */
  private static void collect(SubjectContract subject, ContractProject project, Map<String, SubjectContract> out) {
    for (SubjectContract.SubjectReference ref : subject.references()) {
      if (out.containsKey(ref.name())) {
        continue;
      }
      SubjectContract target = project.byPath(ref.path()).orElseThrow();
      collect(target, project, out);
      out.put(ref.name(), target);
    }
  }
}
