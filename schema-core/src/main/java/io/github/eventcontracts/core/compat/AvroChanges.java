package io.github.eventcontracts.core.compat;

import io.github.eventcontracts.core.diag.SourcePosition;
import io.github.eventcontracts.core.model.AvroParsedSchema;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.AvroJsonWalker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * What was edited between two versions of an Avro schema, compatible or not: records and enums
 * matched by full name, fields by name (or an alias). Avro's own check only lists what breaks a
 * reader; this is the list a reviewer reads. Positions are in the new file where the element
 * exists there.
 */
public final class AvroChanges {
  private AvroChanges() {}

  /** The edits to the types this file defines; types from referenced files are reviewed with their own file. */
  public static List<Difference> between(AvroParsedSchema previous, String previousFile, AvroParsedSchema next,
      String nextFile) {
    Map<String, Schema> before = named(previous.schema());
    Map<String, Schema> after = named(next.schema());
    Map<String, String> nextPointers = pointers(next);
    Map<String, String> previousPointers = pointers(previous);
    List<Difference> out = new ArrayList<>();
    for (Map.Entry<String, Schema> entry : after.entrySet()) {
      String name = entry.getKey();
      if (!nextPointers.containsKey(name)) {
        continue;
      }
      Schema now = entry.getValue();
      Schema was = before.get(name);
      String at = nextPointers.get(name);
      if (was == null) {
        out.add(difference(AvroChangeType.AVRO_TYPE_ADDED, at, now.getType().getName() + " " + name + " added",
            next, nextFile));
      } else if (was.getType() == Schema.Type.RECORD && now.getType() == Schema.Type.RECORD) {
        fields(was, now, at, previousPointers.getOrDefault(name, ""), previous, previousFile, next, nextFile, out);
      } else if (was.getType() == Schema.Type.ENUM && now.getType() == Schema.Type.ENUM) {
        for (String symbol : now.getEnumSymbols()) {
          if (!was.getEnumSymbols().contains(symbol)) {
            out.add(difference(AvroChangeType.AVRO_ENUM_SYMBOL_ADDED, at + "/symbols",
                "enum " + name + " gained symbol " + symbol, next, nextFile));
          }
        }
        for (String symbol : was.getEnumSymbols()) {
          if (!now.getEnumSymbols().contains(symbol)) {
            out.add(difference(AvroChangeType.AVRO_ENUM_SYMBOL_REMOVED, at + "/symbols",
                "enum " + name + " lost symbol " + symbol, next, nextFile));
          }
        }
      }
    }
    return out;
  }

  private static void fields(Schema was, Schema now, String at, String previousAt, AvroParsedSchema previous,
      String previousFile, AvroParsedSchema next, String nextFile, List<Difference> out) {
    String record = now.getFullName();
    for (Schema.Field field : now.getFields()) {
      Schema.Field old = sameField(was, field);
      String pointer = at + "/fields/" + field.pos();
      if (old == null) {
        out.add(difference(AvroChangeType.AVRO_FIELD_ADDED, pointer, "field '" + field.name() + "' added to " + record
            + (field.hasDefaultValue() ? " with a default" : " without a default"), next, nextFile));
        continue;
      }
      String oldType = describe(old.schema());
      String newType = describe(field.schema());
      if (!oldType.equals(newType)) {
        out.add(difference(AvroChangeType.AVRO_FIELD_TYPE_CHANGED, pointer + "/type", "field '" + field.name()
            + "' of " + record + " changed from " + oldType + " to " + newType, next, nextFile));
      }
      if (old.hasDefaultValue() != field.hasDefaultValue()
          || !Objects.equals(String.valueOf(old.defaultVal()), String.valueOf(field.defaultVal()))) {
        out.add(difference(AvroChangeType.AVRO_FIELD_DEFAULT_CHANGED, pointer, "field '" + field.name() + "' of "
            + record + (field.hasDefaultValue() ? (old.hasDefaultValue() ? " has a new default" : " gained a default")
                : " lost its default"), next, nextFile));
      }
    }
    for (Schema.Field old : was.getFields()) {
      if (sameField(now, old) == null) {
        out.add(difference(AvroChangeType.AVRO_FIELD_REMOVED, previousAt + "/fields/" + old.pos(),
            "field '" + old.name() + "' removed from " + record, previous, previousFile));
      }
    }
  }

  /** The field of {@code record} that {@code field} is, by name or by either side's aliases. */
  private static Schema.Field sameField(Schema record, Schema.Field field) {
    Schema.Field byName = record.getField(field.name());
    if (byName != null) {
      return byName;
    }
    for (Schema.Field candidate : record.getFields()) {
      if (candidate.aliases().contains(field.name()) || field.aliases().contains(candidate.name())) {
        return candidate;
      }
    }
    return null;
  }

  /** A type as a reviewer reads it: named types by full name, the rest by structure. */
  private static String describe(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      case ARRAY -> "array<" + describe(schema.getElementType()) + ">";
      case MAP -> "map<" + describe(schema.getValueType()) + ">";
      case UNION -> "union[" + String.join(", ", schema.getTypes().stream().map(AvroChanges::describe).toList()) + "]";
      default -> schema.getLogicalType() == null ? schema.getType().getName()
          : schema.getType().getName() + " (" + schema.getLogicalType().getName() + ")";
    };
  }

  private static Map<String, Schema> named(Schema root) {
    List<Schema> all = new ArrayList<>();
    AvroContractParser.collectNamed(root, all, new IdentityHashMap<>());
    Map<String, Schema> byName = new LinkedHashMap<>();
    all.forEach(s -> byName.putIfAbsent(s.getFullName(), s));
    return byName;
  }

  /** Where each named type is defined in the file's JSON. */
  private static Map<String, String> pointers(AvroParsedSchema parsed) {
    Map<String, String> out = new HashMap<>();
    AvroJsonWalker.walk(parsed.json(), new AvroJsonWalker.Visitor() {
      @Override
      public void namedType(com.fasterxml.jackson.databind.JsonNode node, String pointer, String fullName) {
        out.putIfAbsent(fullName, pointer);
      }
    });
    return out;
  }

  private static Difference difference(AvroChangeType type, String pointer, String message, AvroParsedSchema side,
      String file) {
    SourcePosition at = side.locations().find(pointer);
    return new Difference(type, pointer.isEmpty() ? "/" : pointer, message, file, at.line(), at.column());
  }
}
