package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.model.Contract;
import java.util.List;

/**
 * A contract as the registry will know it.
 *
 * @param subject its subject name
 * @param path path relative to the schemas folder ({@code avro/order-created.avsc})
 * @param contract the parsed contract (its {@code file()} is the path shown to users)
 * @param level the subject's compatibility level
 * @param references the subjects it references: registry reference name and the referenced contract's path
 * @param recordName the full name of the record (Avro) or message (Protobuf) the subject is for, or
 *     null when the file has none
 */
public record SubjectContract(String subject, String path, Contract contract, CompatibilityLevel level,
    List<SubjectReference> references, String recordName) {
  public SubjectContract {
    references = List.copyOf(references);
  }

  /** A reference as the registry records it: name in the schema, subject and contract path. */
  public record SubjectReference(String name, String subject, String path) {}
}
