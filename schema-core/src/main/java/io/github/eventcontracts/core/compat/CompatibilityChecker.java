package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.compat.protobuf.ProtobufSchemaDiff;
import io.github.eventcontracts.core.model.Contract;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a new schema may follow a subject's previous versions under a compatibility
 * level, with Confluent Schema Registry's meaning of each level. Stateless and thread-safe.
 */
public final class CompatibilityChecker {

  /**
   * @param previous the subject's earlier versions, oldest first; empty for a new subject
   * @param candidate the schema that wants to become the next version
   */
  public CompatibilityResult check(CompatibilityLevel level, List<Contract> previous, Contract candidate) {
    List<Comparison> comparisons = new ArrayList<>();
    if (level != CompatibilityLevel.NONE && !previous.isEmpty()) {
      int first = level.transitive() ? 0 : previous.size() - 1;
      for (int i = previous.size() - 1; i >= first; i--) {
        Contract old = previous.get(i);
        if (level.checksBackward()) {
          comparisons.add(new Comparison(i, old.file(), Direction.BACKWARD, canRead(candidate, old, true)));
        }
        if (level.checksForward()) {
          comparisons.add(new Comparison(i, old.file(), Direction.FORWARD, canRead(old, candidate, false)));
        }
      }
    }
    return new CompatibilityResult(level, comparisons);
  }

  /** Every difference found when {@code reader} reads data written with {@code writer}. */
  public List<Difference> canRead(Contract reader, Contract writer, boolean readerIsNew) {
    if (reader.type() != writer.type()) {
      Contract newer = readerIsNew ? reader : writer;
      return List.of(new Difference(GeneralDifferenceType.SCHEMA_TYPE_CHANGED, "", "schema type changed from "
          + (readerIsNew ? writer : reader).type() + " to " + newer.type(), newer.file(), 1, 1));
    }
    return switch (reader.type()) {
      case AVRO -> AvroCompatibility.compare(reader.avro(), reader.file(), writer.avro(), writer.file(),
          readerIsNew);
      case PROTOBUF -> ProtobufSchemaDiff.compare(writer.protobuf(), writer.file(), reader.protobuf(), reader.file(),
          readerIsNew);
    };
  }
}
