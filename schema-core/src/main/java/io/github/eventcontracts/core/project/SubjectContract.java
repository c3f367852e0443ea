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
 * @param event false for a shared type that other contracts only reference, named as a reference
 *     subject ({@link ReferenceSubjects#NAME}): not an event of a topic
 * @param levelConfigured whether a sidecar or {@code <contract>} sets the level; a reference subject's
 *     level is only pinned in the registry when it is
 */
public record SubjectContract(String subject, String path, Contract contract, CompatibilityLevel level,
    List<SubjectReference> references, String recordName, boolean event, boolean levelConfigured) {
  public SubjectContract {
    references = List.copyOf(references);
  }

  public SubjectContract(String subject, String path, Contract contract, CompatibilityLevel level,
      List<SubjectReference> references, String recordName) {
    this(subject, path, contract, level, references, recordName, true, false);
  }

  /** Whether registering pins this subject's level: every event's, a reference subject's when configured. */
  public boolean pinsLevel() {
    return event || levelConfigured;
  }

  /** A reference as the registry records it: name in the schema, subject and contract path. */
  public record SubjectReference(String name, String subject, String path) {}
}
