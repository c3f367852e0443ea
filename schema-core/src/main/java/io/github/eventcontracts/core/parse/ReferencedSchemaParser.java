package io.github.eventcontracts.core.parse;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.SchemaType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Parses a schema the way a registry holds it: text plus the texts of its references, each under
 * the name the schema uses for it (an Avro full name, or a proto import path). Used by the
 * registry server and by anything that reads schemas back from a registry.
 */
public final class ReferencedSchemaParser {
  private ReferencedSchemaParser() {}

  /** A parsed schema and its canonical text (Avro's compact JSON naming referenced types; wire's proto rendering). */
  public record Parsed(Contract contract, String canonical) {}

  /**
   * @param references the referenced schemas, transitively, each as a {@link SourceFile} whose
   *     logical path is the reference name
   */
  /**
   * The registry's canonical text of an Avro schema: Avro's compact JSON, naming (not inlining) the
   * named types its referenced schemas define. The build's registry form and the registry server
   * both use this, so they always agree.
   */
  public static String avroCanonical(Schema main, List<Schema> referenced) {
    List<Schema> known = new ArrayList<>();
    Map<Schema, Boolean> seen = new IdentityHashMap<>();
    for (Schema schema : referenced) {
      AvroContractParser.collectNamed(schema, known, seen);
    }
    return main.toString(known, false);
  }

  public static Parsed parse(SchemaType type, String display, String text, List<SourceFile> references) {
    if (type == SchemaType.AVRO) {
      List<SourceFile> all = new ArrayList<>(references);
      all.add(new SourceFile(display, display, text));
      // Registered names may predate strict rules; defaults must be valid, as Confluent checks.
      List<Contract> contracts = new AvroContractParser(false, true).parseAll(all);
      Contract main = contracts.get(contracts.size() - 1);
      return new Parsed(main, avroCanonical(main.avro().schema(),
          contracts.subList(0, contracts.size() - 1).stream().map(c -> c.avro().schema()).toList()));
    }
    Contract main = new ProtobufContractParser().parse(new SourceFile(display, display, text),
        ImportResolver.of(references));
    return new Parsed(main, main.protobuf().canonicalForm());
  }

}
