package io.github.eventcontracts.core.compat;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Translates a location of Avro's {@link SchemaCompatibility} into a JSON pointer of the writer's
 * document. Avro's locations are built while walking the reader ({@code /fields/<reader position>})
 * except that union indexes count the writer's branches; under FORWARD the reader is the old schema,
 * and a difference should point into the new file, so the same element is looked up in the writer
 * by field name (or the reader field's aliases).
 */
final class AvroLocations {
  private AvroLocations() {}

  /** The writer's pointer for the element at {@code readerLocation}, empty when the writer lacks it. */
  static Optional<String> inWriter(String readerLocation, Schema reader, Schema writer) {
    String[] tokens = readerLocation.isEmpty() ? new String[0] : readerLocation.substring(1).split("/");
    StringBuilder pointer = new StringBuilder();
    Schema r = reader;
    Schema w = writer;
    for (int i = 0; i < tokens.length; i++) {
      r = branchMatching(r, w);
      String token = tokens[i];
      switch (token) {
        case "fields" -> {
          if (i + 1 >= tokens.length || r.getType() != Schema.Type.RECORD || w.getType() != Schema.Type.RECORD) {
            return Optional.empty();
          }
          Schema.Field readerField = r.getFields().get(Integer.parseInt(tokens[++i]));
          Schema.Field writerField = SchemaCompatibility.lookupWriterField(w, readerField);
          if (writerField == null) {
            return Optional.empty();
          }
          pointer.append("/fields/").append(writerField.pos());
          if (i + 1 < tokens.length && tokens[i + 1].equals("type")) {
            pointer.append("/type");
            i++;
            r = readerField.schema();
            w = writerField.schema();
          }
        }
        case "items", "values" -> {
          Schema.Type container = token.equals("items") ? Schema.Type.ARRAY : Schema.Type.MAP;
          if (r.getType() != container || w.getType() != container) {
            return Optional.empty();
          }
          pointer.append('/').append(token);
          r = contents(r);
          w = contents(w);
        }
        case "symbols", "size", "name" -> {
          pointer.append('/').append(token); // the rest names a detail of the element reached
          return Optional.of(pointer.toString());
        }
        default -> {
          // A union branch index, which Avro counts in the writer's union.
          int branch;
          try {
            branch = Integer.parseInt(token);
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
          if (w.getType() != Schema.Type.UNION || branch >= w.getTypes().size()) {
            return Optional.empty();
          }
          pointer.append('/').append(branch);
          w = w.getTypes().get(branch);
        }
      }
    }
    return Optional.of(pointer.toString());
  }

  private static Schema contents(Schema arrayOrMap) {
    return arrayOrMap.getType() == Schema.Type.ARRAY ? arrayOrMap.getElementType() : arrayOrMap.getValueType();
  }

  /** Where the reader is a union and the writer is not, Avro reads through the matching branch. */
  private static Schema branchMatching(Schema reader, Schema writer) {
    if (reader.getType() != Schema.Type.UNION || writer.getType() == Schema.Type.UNION) {
      return reader;
    }
    for (Schema branch : reader.getTypes()) {
      if (branch.getType() == writer.getType()
          && (!isNamed(branch) || branch.getFullName().equals(writer.getFullName()))) {
        return branch;
      }
    }
    return reader;
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }
}
