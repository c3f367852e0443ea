package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.rules.CelRules;
import io.github.eventcontracts.rules.RuleFailure;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.Utf8;

/**
 * A version's domain rules run on an Avro value, as Confluent's serializer runs them: in order, each
 * in its mode (a WRITE rule on write, a WRITEREAD rule on write and read), CEL on the whole record,
 * CEL_FIELD on every primitive field whose tags (the schema's {@code confluent:tags} and the
 * version's {@code metadata.tags}) meet the rule's (all fields when it names none). A transform
 * works on a copy: the caller's record is never changed.
 */
final class AvroRules {
  /** A rule that did not pass, with what to do about it (Confluent's action name: ERROR, NONE, DLQ). */
  static final class Failed extends Exception {
    final Rule rule;
    final String action;

    Failed(Rule rule, String action, String message, Throwable cause) {
      super(message, cause);
      this.rule = rule;
      this.action = action;
    }
  }

  private AvroRules() {}

  /** Whether the version has a rule to run in {@code mode}: values without any skip all of this. */
  static boolean any(RegistrySchema target, Rule.Mode mode) {
    return target != null && target.ruleSet() != null && target.ruleSet().domainRules().stream()
        .anyMatch(r -> !r.disabled() && applies(r, mode));
  }

  private static boolean applies(Rule rule, Rule.Mode mode) {
    return rule.mode() == mode || rule.mode() == Rule.Mode.WRITEREAD && (mode == Rule.Mode.WRITE || mode == Rule.Mode.READ);
  }

  /** Runs the rules; the value to write (a copy when a transform changed it). */
  static Object run(RegistrySchema target, Rule.Mode mode, Schema schema, Object value) throws Failed {
    Object current = value;
    boolean copied = false;
    for (Rule rule : target.ruleSet().domainRules()) {
      if (rule.disabled() || !applies(rule, mode)) {
        continue;
      }
      try {
        switch (rule.type() == null ? "" : rule.type()) {
          case "CEL" -> {
            Object result = CelRules.onMessage(rule, toCel(schema, current));
            if (rule.kind() == Rule.Kind.CONDITION) {
              if (!Boolean.TRUE.equals(result)) {
                throw new Failed(rule, action(rule.onFailure(), mode, "ERROR"), "Rule failed: " + rule.name(), null);
              }
            } else {
              current = fromCel(schema, result);
              copied = true;
            }
          }
          case "CEL_FIELD" -> {
            if (!copied && rule.kind() == Rule.Kind.TRANSFORM) {
              current = copy(schema, current);
              copied = true;
            }
            Object result = fields(rule, schema, current, tagsOf(target.metadata()));
            if (rule.kind() == Rule.Kind.CONDITION && !Boolean.TRUE.equals(result)) {
              throw new Failed(rule, action(rule.onFailure(), mode, "ERROR"), "Rule failed: " + rule.name(), null);
            }
          }
          default -> throw new Failed(rule, action(rule.onFailure(), mode, "ERROR"), "Rule failed: " + rule.name()
              + " (no executor for rule type " + rule.type() + " here; CEL and CEL_FIELD run in this serializer)", null);
        }
      } catch (RuleFailure e) {
        throw new Failed(rule, action(rule.onFailure(), mode, "ERROR"), "Rule failed: " + rule.name() + ": "
            + e.getMessage(), e);
      }
    }
    return current;
  }

  /** Confluent's action for the mode: {@code "DLQ,NONE"} is DLQ on write (or upgrade), NONE on read. */
  static String action(String configured, Rule.Mode mode, String fallback) {
    if (configured == null || configured.isBlank()) {
      return fallback;
    }
    if (configured.contains(",")) {
      String[] pair = configured.split(",");
      return (mode == Rule.Mode.WRITE || mode == Rule.Mode.UPGRADE ? pair[0] : pair[1]).trim();
    }
    return configured.trim();
  }

  // ---- field rules ------------------------------------------------------------------------------

  /** A condition's verdict over every matching field (true when none fails), or true after transforming. */
  private static Object fields(Rule rule, Schema schema, Object value, Map<String, Set<String>> metadataTags)
      throws RuleFailure {
    if (!(value instanceof IndexedRecord record) || schema.getType() != Schema.Type.RECORD) {
      return Boolean.TRUE;
    }
    for (Schema.Field field : schema.getFields()) {
      Schema fieldSchema = nonNull(field.schema());
      Object fieldValue = record.get(field.pos());
      String fullName = schema.getFullName() + "." + field.name();
      if (fieldSchema.getType() == Schema.Type.RECORD) {
        if (!Boolean.TRUE.equals(fields(rule, fieldSchema, fieldValue, metadataTags))) {
          return Boolean.FALSE;
        }
        continue;
      }
      if (fieldValue == null || !isPrimitive(fieldSchema)) {
        continue;
      }
      Set<String> tags = fieldTags(field, fullName, metadataTags);
      if (!rule.tags().isEmpty() && tags.stream().noneMatch(rule.tags()::contains)) {
        continue;
      }
      Object result = CelRules.onField(rule, celScalar(fieldValue), fullName, field.name(),
          fieldSchema.getType().name(), new ArrayList<>(tags), toCel(schema, record));
      if (rule.kind() == Rule.Kind.CONDITION) {
        if (!Boolean.TRUE.equals(result)) {
          return Boolean.FALSE;
        }
      } else {
        record.put(field.pos(), avroScalar(fieldSchema, result));
      }
    }
    return Boolean.TRUE;
  }

  private static boolean isPrimitive(Schema schema) {
    return switch (schema.getType()) {
      case STRING, BYTES, INT, LONG, FLOAT, DOUBLE, BOOLEAN, ENUM, FIXED -> true;
      default -> false;
    };
  }

  @SuppressWarnings("unchecked")
  private static Set<String> fieldTags(Schema.Field field, String fullName, Map<String, Set<String>> metadataTags) {
    Set<String> tags = new LinkedHashSet<>();
    if (field.getObjectProp("confluent:tags") instanceof List<?> inline) {
      inline.forEach(t -> tags.add(String.valueOf(t)));
    }
    metadataTags.forEach((pattern, names) -> {
      if (wildcard(pattern).matcher(fullName).matches()) {
        tags.addAll(names);
      }
    });
    return tags;
  }

  private static Map<String, Set<String>> tagsOf(Metadata metadata) {
    Map<String, Set<String>> out = new HashMap<>();
    if (metadata != null) {
      metadata.tags().forEach((path, names) -> out.put(path, Set.copyOf(names)));
    }
    return out;
  }

  /** Confluent's wildcard paths: {@code *} any characters but a dot, {@code **} any characters. */
  static Pattern wildcard(String pattern) {
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

  // ---- values -----------------------------------------------------------------------------------

  private static Object copy(Schema schema, Object value) {
    return value instanceof org.apache.avro.specific.SpecificRecord
        ? SpecificData.get().deepCopy(schema, value) : GenericData.get().deepCopy(schema, value);
  }

  /** A value as CEL sees it: records as maps, strings as String, ints as long, floats as double. */
  static Object toCel(Schema schema, Object value) {
    if (value == null) {
      return com.google.protobuf.NullValue.NULL_VALUE;
    }
    Schema s = nonNull(schema);
    if (s.getType() == Schema.Type.UNION) {
      int branch = GenericData.get().resolveUnion(s, value);
      return toCel(s.getTypes().get(branch), value);
    }
    return switch (s.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field f : s.getFields()) {
          map.put(f.name(), toCel(f.schema(), record.get(f.pos())));
        }
        yield map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (java.util.Collection<?>) value) {
          list.add(toCel(s.getElementType(), item));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(), toCel(s.getValueType(), v)));
        yield map;
      }
      default -> celScalar(value);
    };
  }

  private static Object celScalar(Object value) {
    if (value instanceof Utf8 || value instanceof CharSequence || value instanceof GenericData.EnumSymbol
        || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    // logical types as CEL has them: a timestamp, else their text (uuid, decimal, date, time)
    if (value instanceof java.time.Instant instant) {
      return com.google.protobuf.Timestamp.newBuilder().setSeconds(instant.getEpochSecond())
          .setNanos(instant.getNano()).build();
    }
    if (value instanceof java.util.UUID || value instanceof java.math.BigDecimal
        || value instanceof java.time.temporal.Temporal) {
      return value.toString();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return com.google.protobuf.ByteString.copyFrom(bytes);
    }
    if (value instanceof GenericData.Fixed fixed) {
      return com.google.protobuf.ByteString.copyFrom(fixed.bytes());
    }
    return value;
  }

  /** A CEL result back in the field's Avro type. */
  private static Object avroScalar(Schema schema, Object value) {
    return switch (schema.getType()) {
      case INT -> value instanceof Number n ? n.intValue() : value;
      case FLOAT -> value instanceof Number n ? n.floatValue() : value;
      case STRING -> value == null ? null : value.toString();
      case ENUM -> new GenericData.EnumSymbol(schema, value.toString());
      case BYTES -> value instanceof com.google.protobuf.ByteString b ? ByteBuffer.wrap(b.toByteArray()) : value;
      default -> value;
    };
  }

  /** A CEL transform's new record (a map) back as a record of the schema. */
  @SuppressWarnings("unchecked")
  private static Object fromCel(Schema schema, Object value) {
    Schema s = nonNull(schema);
    if (value == null || value instanceof com.google.protobuf.NullValue) {
      return null;
    }
    if (s.getType() == Schema.Type.RECORD && value instanceof Map<?, ?> map) {
      GenericData.Record record = new GenericData.Record(s);
      for (Schema.Field f : s.getFields()) {
        record.put(f.pos(), fromCel(f.schema(), ((Map<String, Object>) map).get(f.name())));
      }
      return record;
    }
    if (s.getType() == Schema.Type.ARRAY && value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(fromCel(s.getElementType(), item)));
      return out;
    }
    if (s.getType() == Schema.Type.MAP && value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k.toString(), fromCel(s.getValueType(), v)));
      return out;
    }
    return avroScalar(s, value);
  }

  /** A nullable union's non-null branch; any other schema as it is. */
  private static Schema nonNull(Schema schema) {
    if (schema.getType() == Schema.Type.UNION && schema.getTypes().size() == 2) {
      if (schema.getTypes().get(0).getType() == Schema.Type.NULL) {
        return schema.getTypes().get(1);
      }
      if (schema.getTypes().get(1).getType() == Schema.Type.NULL) {
        return schema.getTypes().get(0);
      }
    }
    return schema;
  }
}
