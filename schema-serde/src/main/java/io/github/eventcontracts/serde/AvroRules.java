package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.rules.CelRules;
import io.github.eventcontracts.rules.RuleFailure;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private AvroRules() {}

  /** Runs the rules; the value to write (a copy when a transform changed it). */
  static Object run(RegistrySchema target, Rule.Mode mode, Schema schema, Object value) throws DomainRules.Failed {
    return DomainRules.run(target, mode, value, new DomainRules.Format<>() {
      private boolean copied; // the caller's record is copied once, before the first change

      @Override
      public Object cel(Rule rule, Object current) throws RuleFailure {
        return CelRules.onMessage(rule, toCel(schema, current));
      }

      @Override
      public Object fromCel(Rule rule, Object current, Object result) {
        copied = true;
        return AvroRules.fromCel(schema, result);
      }

      @Override
      public Object fields(Rule rule, Object current, Map<Pattern, Set<String>> metadataTags) throws RuleFailure {
        Object record = current;
        if (!copied && rule.kind() == Rule.Kind.TRANSFORM) {
          record = copy(schema, current);
          copied = true;
        }
        Object verdict = AvroRules.fields(rule, schema, record, metadataTags);
        return rule.kind() == Rule.Kind.CONDITION && !Boolean.TRUE.equals(verdict) ? null : record;
      }
    });
  }

  // ---- field rules ------------------------------------------------------------------------------

  /** A condition's verdict over every matching field (true when none fails), or true after transforming. */
  private static Object fields(Rule rule, Schema schema, Object value, Map<Pattern, Set<String>> metadataTags)
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
      Set<String> tags = DomainRules.tagsOf(fullName, inlineTags(field), metadataTags);
      if (!DomainRules.tagged(rule, tags)) {
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

  /** The field's {@code confluent:tags}. */
  static List<String> inlineTags(Schema.Field field) {
    List<String> tags = new ArrayList<>();
    if (field.getObjectProp("confluent:tags") instanceof List<?> inline) {
      inline.forEach(t -> tags.add(String.valueOf(t)));
    }
    return tags;
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
