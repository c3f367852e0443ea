package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.model.AvroParsedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * Avro reader/writer compatibility, delegated to Apache Avro's {@link SchemaCompatibility} (the same
 * check Confluent runs), which walks both schemas once and reports every incompatibility with a
 * location. We add a file and line and a sentence in terms of old and new.
 */
final class AvroCompatibility {
  private AvroCompatibility() {}

  /**
   * @param readerFile the file of the reading schema, where Avro's locations point
   * @param readerIsNew whether the reader is the new schema (BACKWARD) or the previous one (FORWARD);
   *     under FORWARD a difference points into the new (writer's) file when the element exists there,
   *     as Protobuf differences do, else into the old file
   */
  static List<Difference> compare(AvroParsedSchema reader, String readerFile, AvroParsedSchema writer,
      String writerFile, boolean readerIsNew) {
    // Avro memoizes named-type pairs, so a type used twice reports its problems twice at the
    // first location: keep one of each.
    List<Incompatibility> found = new ArrayList<>(new java.util.LinkedHashSet<>(SchemaCompatibility
        .checkReaderWriterCompatibility(reader.schema(), writer.schema())
        .getResult()
        .getIncompatibilities()));
    List<Difference> out = new ArrayList<>(found.size());
    String readerRole = readerIsNew ? "new" : "old";
    String writerRole = readerIsNew ? "old" : "new";
    for (Incompatibility incompatibility : found) {
      String location = incompatibility.getLocation();
      String file = readerFile;
      SourcePosition at = reader.locations().find(location);
      if (!readerIsNew) {
        Optional<String> inNew = AvroLocations.inWriter(location, reader.schema(), writer.schema());
        if (inNew.isPresent()) {
          file = writerFile;
          at = writer.locations().find(inNew.get());
        }
      }
      out.add(new Difference(AvroDifferenceType.of(incompatibility.getType()), location,
          describe(incompatibility, readerRole, writerRole), file, at.line(), at.column()));
    }
    return out;
  }

  private static String describe(Incompatibility i, String readerRole, String writerRole) {
    Schema r = i.getReaderFragment();
    Schema w = i.getWriterFragment();
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + i.getMessage() + "' of the " + readerRole
          + " schema has no default and is missing from the " + writerRole + " schema";
      case TYPE_MISMATCH -> "the " + readerRole + " schema reads " + typeName(r) + " where the " + writerRole
          + " schema wrote " + typeName(w);
      case NAME_MISMATCH -> "named type " + w.getFullName() + " of the " + writerRole + " schema is "
          + r.getFullName() + " in the " + readerRole + " schema";
      case FIXED_SIZE_MISMATCH -> "fixed " + r.getFullName() + " has size " + r.getFixedSize() + " in the "
          + readerRole + " schema but " + w.getFixedSize() + " in the " + writerRole + " schema";
      case MISSING_ENUM_SYMBOLS -> "enum " + r.getFullName() + " of the " + readerRole + " schema lacks symbols "
          + i.getMessage() + " of the " + writerRole + " schema and has no default";
      case MISSING_UNION_BRANCH -> "the " + readerRole + " schema's union has no branch for "
          + describeBranch(i.getMessage()) + " written by the " + writerRole + " schema";
    };
  }

  private static String typeName(Schema s) {
    return switch (s.getType()) {
      case RECORD, ENUM, FIXED -> s.getType().getName() + " " + s.getFullName();
      default -> s.getType().getName();
    };
  }

  private static String describeBranch(String avroMessage) {
    // Avro says "reader union lacking writer type: STRING"
    int colon = avroMessage == null ? -1 : avroMessage.lastIndexOf(':');
    return colon < 0 ? String.valueOf(avroMessage) : avroMessage.substring(colon + 1).trim().toLowerCase(java.util.Locale.ROOT);
  }
}
