package io.github.eventcontracts.core.model;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Type;
import io.github.eventcontracts.core.descriptor.ConfluentMeta;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tags on a contract's fields, as Confluent's data-contract rules see them: a field's own tags
 * (Avro {@code confluent:tags}, Protobuf {@code (confluent.field_meta).tags}) plus those a version's
 * {@code metadata.tags} give every field whose full name ({@code acme.Payment.card}) matches a path
 * ({@code *} any characters but a dot, {@code **} any characters). An application reads them from
 * the catalog to see which fields are PII; the serializers to pick the fields a rule applies to.
 */
public final class FieldTags {
  private FieldTags() {}

  /** Every tagged field of the contract (records and messages nested in it too), by full name. */
  public static Map<String, List<String>> of(Contract contract, Map<String, ? extends Collection<String>> metadataTags) {
    Map<String, Set<String>> inline = new LinkedHashMap<>();
    if (contract.type() == SchemaType.AVRO) {
      avro(contract.avro().schema(), inline, new java.util.HashSet<>());
    } else {
      ProtoFile file = contract.protobuf().file();
      file.getTypes().forEach(type -> protobuf(type, inline));
    }
    Map<Pattern, Collection<String>> patterns = new LinkedHashMap<>();
    metadataTags.forEach((path, tags) -> patterns.put(wildcard(path), tags));
    Map<String, List<String>> out = new LinkedHashMap<>();
    inline.forEach((field, tags) -> {
      Set<String> all = new LinkedHashSet<>(tags);
      patterns.forEach((pattern, more) -> {
        if (pattern.matcher(field).matches()) {
          all.addAll(more);
        }
      });
      if (!all.isEmpty()) {
        out.put(field, List.copyOf(all));
      }
    });
    return out;
  }

  private static void avro(org.apache.avro.Schema schema, Map<String, Set<String>> out, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          return;
        }
        for (org.apache.avro.Schema.Field field : schema.getFields()) {
          Set<String> tags = new LinkedHashSet<>();
          if (field.getObjectProp("confluent:tags") instanceof List<?> list) {
            list.forEach(t -> tags.add(String.valueOf(t)));
          }
          out.put(schema.getFullName() + "." + field.name(), tags);
          avro(field.schema(), out, seen);
        }
      }
      case UNION -> schema.getTypes().forEach(branch -> avro(branch, out, seen));
      case ARRAY -> avro(schema.getElementType(), out, seen);
      case MAP -> avro(schema.getValueType(), out, seen);
      default -> { }
    }
  }

  private static void protobuf(Type type, Map<String, Set<String>> out) {
    if (type instanceof MessageType message) {
      for (Field field : message.getFieldsAndOneOfFields()) {
        out.put(message.getType().toString() + "." + field.getName(),
            new LinkedHashSet<>(ConfluentMeta.fromText(field.getOptions().getElements(), "field_meta")
                .map(ConfluentMeta.Meta::tags).orElse(List.of())));
      }
    }
    type.getNestedTypes().forEach(nested -> protobuf(nested, out));
  }

  /** Confluent's wildcard paths: {@code *} any characters but a dot, {@code **} any characters, {@code ?} one. */
  public static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else {
          regex.append("[^.]*");
        }
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
