package io.github.eventcontracts.serde;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.github.eventcontracts.core.descriptor.ConfluentMeta;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.rules.CelRules;
import io.github.eventcontracts.rules.RuleFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A version's domain rules run on a Protobuf message, as Confluent's serializer runs them: in order,
 * each in its mode, CEL on the whole message (bound as the message itself, typed by its
 * descriptor), CEL_FIELD on every scalar field — in nested messages, repeated fields and map values
 * too, never a map's key, never an unset field with presence — whose tags (the field's
 * {@code (confluent.field_meta).tags} and the version's {@code metadata.tags} for its full name)
 * meet the rule's. Messages are immutable: a transform builds a new one.
 */
final class ProtobufRules {
  /** Inline tags per field, read once from its options (bounded by the fields of the schemas in use). */
  private static final Map<FieldDescriptor, List<String>> INLINE_TAGS = new ConcurrentHashMap<>();

  /** A field condition that was not true: the walk stops there. */
  private static final class ConditionFalse extends Exception {
    ConditionFalse() {
      super(null, null, false, false);
    }
  }

  private ProtobufRules() {}

  /** Runs the rules; the message to write or return (a new one when a transform changed it). */
  static Message run(RegistrySchema target, Rule.Mode mode, Message message) throws DomainRules.Failed {
    return DomainRules.run(target, mode, message, new DomainRules.Format<>() {
      @Override
      public Object cel(Rule rule, Message current) throws RuleFailure {
        return CelRules.onMessage(rule, current);
      }

      @Override
      public Message fromCel(Rule rule, Message current, Object result) throws RuleFailure {
        if (result instanceof Message changed
            && changed.getDescriptorForType().getFullName().equals(current.getDescriptorForType().getFullName())) {
          return changed;
        }
        throw new RuleFailure("the transform gave " + describe(result) + ", not a "
            + current.getDescriptorForType().getFullName(), null);
      }

      @Override
      public Message fields(Rule rule, Message current, Map<Pattern, Set<String>> metadataTags) throws RuleFailure {
        try {
          return walk(rule, current, metadataTags);
        } catch (ConditionFalse e) {
          return null;
        }
      }
    });
  }

  /** The message with the rule applied to every field it meets; for a condition, the message unchanged. */
  private static Message walk(Rule rule, Message message, Map<Pattern, Set<String>> metadataTags)
      throws RuleFailure, ConditionFalse {
    boolean transform = rule.kind() == Rule.Kind.TRANSFORM;
    Message.Builder copy = null;
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.getContainingType().getOptions().getMapEntry() && field.getNumber() == 1) {
        continue; // a map's key is the entry's identity, not a value to check or rewrite
      }
      if (field.hasPresence() && !message.hasField(field)) {
        continue; // nothing to check, and a transform must not make an absent field present
      }
      Object value = message.getField(field);
      Object changed;
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        changed = field.isRepeated() ? eachMessage(rule, (List<?>) value, metadataTags)
            : walk(rule, (Message) value, metadataTags);
      } else {
        Set<String> tags = DomainRules.tagsOf(field.getFullName(), inlineTags(field), metadataTags);
        if (!DomainRules.tagged(rule, tags)) {
          continue;
        }
        if (field.isRepeated()) {
          List<Object> out = new ArrayList<>();
          for (Object item : (List<?>) value) {
            out.add(scalar(rule, field, item, tags, message));
          }
          changed = out;
        } else {
          changed = scalar(rule, field, value, tags, message);
        }
      }
      if (transform && !changed.equals(value)) {
        if (copy == null) {
          copy = message.toBuilder();
        }
        copy.setField(field, changed);
      }
    }
    return copy == null ? message : copy.build();
  }

  private static List<Object> eachMessage(Rule rule, List<?> messages, Map<Pattern, Set<String>> metadataTags)
      throws RuleFailure, ConditionFalse {
    List<Object> out = new ArrayList<>(messages.size());
    for (Object item : messages) {
      out.add(walk(rule, (Message) item, metadataTags));
    }
    return out;
  }

  /** One scalar through a field rule: its new value, or (a condition) the value when it held. */
  private static Object scalar(Rule rule, FieldDescriptor field, Object value, Set<String> tags, Message message)
      throws RuleFailure, ConditionFalse {
    Object result = CelRules.onField(rule, celValue(value), field.getFullName(), field.getName(), typeName(field),
        new ArrayList<>(tags), message);
    if (rule.kind() == Rule.Kind.CONDITION) {
      if (!Boolean.TRUE.equals(result)) {
        throw new ConditionFalse();
      }
      return value;
    }
    return fieldValue(field, result);
  }

  /** Confluent's type names, as a CEL_FIELD rule sees them in {@code typeName}. */
  static String typeName(FieldDescriptor field) {
    return switch (field.getType()) {
      case MESSAGE, GROUP -> "RECORD";
      case ENUM -> "ENUM";
      case STRING -> "STRING";
      case BYTES -> "BYTES";
      case INT32, SINT32, UINT32, FIXED32, SFIXED32 -> "INT";
      case INT64, SINT64, UINT64, FIXED64, SFIXED64 -> "LONG";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case BOOL -> "BOOLEAN";
    };
  }

  private static Object celValue(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof EnumValueDescriptor e) {
      return (long) e.getNumber();
    }
    return value;
  }

  /** A CEL result back in the field's Java type. */
  private static Object fieldValue(FieldDescriptor field, Object result) throws RuleFailure {
    if (result == null || result instanceof com.google.protobuf.NullValue
        || result instanceof dev.cel.common.values.NullValue) {
      return field.getDefaultValue(); // proto3 has no null scalar: the field's default
    }
    try {
      return switch (field.getJavaType()) {
        case INT -> ((Number) result).intValue();
        case LONG -> ((Number) result).longValue();
        case FLOAT -> ((Number) result).floatValue();
        case DOUBLE -> ((Number) result).doubleValue();
        case BOOLEAN -> (Boolean) result;
        case STRING -> (String) result;
        case BYTE_STRING -> result instanceof dev.cel.common.values.CelByteString b ? ByteString.copyFrom(b.toByteArray())
            : (ByteString) result;
        case ENUM -> {
          EnumValueDescriptor symbol = result instanceof Number n ? field.getEnumType().findValueByNumber(n.intValue())
              : field.getEnumType().findValueByName(String.valueOf(result));
          if (symbol == null) {
            throw new RuleFailure("the transform of " + field.getFullName() + " gave " + result
                + ", which is no value of " + field.getEnumType().getFullName(), null);
          }
          yield symbol;
        }
        case MESSAGE -> result;
      };
    } catch (ClassCastException e) {
      throw new RuleFailure("the transform of " + field.getFullName() + " gave " + describe(result) + ", which a "
          + typeName(field) + " field cannot hold", e);
    }
  }

  /**
   * The field's {@code (confluent.field_meta).tags}, read from the option's bytes: the same whether
   * the descriptor came from a generated class (the extension known) or a descriptor set (unknown).
   */
  static List<String> inlineTags(FieldDescriptor field) {
    return INLINE_TAGS.computeIfAbsent(field, f -> ConfluentMeta.fromOptions(f.getOptions())
        .map(meta -> List.copyOf(meta.tags())).orElse(List.of()));
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
