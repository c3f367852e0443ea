package io.github.eventcontracts.core.compat.protobuf;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_MOVED_TO_EXISTING_ONEOF;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.FIELD_REMOVED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.MULTIPLE_FIELDS_MOVED_TO_ONEOF;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ONEOF_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ONEOF_FIELD_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ONEOF_FIELD_MOVED_TO_TOP_LEVEL;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ONEOF_FIELD_REMOVED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ONEOF_REMOVED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.REQUIRED_FIELD_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.REQUIRED_FIELD_REMOVED;

import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.OneOf;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One message: its oneofs, its fields by tag, then its nested types.
 *
 * <p>Fields are compared by tag across the whole message, whichever oneof holds them, so a change of
 * oneof membership (a rename, a move in or out, a merge) cannot hide a field-level change; oneofs
 * themselves only matter where they make fields that were independent mutually exclusive
 * (Confluent's MessageSchemaDiff since 2026).
 */
final class MessageDiff {
  private MessageDiff() {}

  static void compare(Context ctx, MessageType original, MessageType update) {
    FieldsByTag originalFields = FieldsByTag.of(original);
    FieldsByTag updateFields = FieldsByTag.of(update);
    reportNewlyExclusiveFields(ctx, originalFields, update);
    reportOneOfsAddedOrRemoved(ctx, originalFields, updateFields);
    compareFields(ctx, originalFields, updateFields);
    SiblingTypesDiff.compare(ctx, original.getNestedTypes(), update.getNestedTypes());
  }

  /**
   * An updated oneof whose pre-existing members come from more than one original group (one original
   * oneof, or each original top-level field on its own) makes fields exclusive that could be set
   * together before.
   */
  private static void reportNewlyExclusiveFields(Context ctx, FieldsByTag originalFields, MessageType update) {
    for (OneOf oneOf : update.getOneOfs()) {
      Set<String> originGroups = new HashSet<>();
      int topLevelMovedIn = 0;
      for (Field member : oneOf.getFields()) {
        String originalOneOf = originalFields.oneOfByTag.get(member.getTag());
        if (originalOneOf != null) {
          originGroups.add("oneof " + originalOneOf);
        } else if (originalFields.fieldByTag.containsKey(member.getTag())) {
          originGroups.add("field " + member.getTag());
          topLevelMovedIn++;
        }
      }
      if (originGroups.size() <= 1) {
        continue;
      }
      try (Context.PathScope ignored = ctx.enter(oneOf.getName())) {
        if (topLevelMovedIn > 1) {
          ctx.report(MULTIPLE_FIELDS_MOVED_TO_ONEOF, null, oneOf.getLocation(), topLevelMovedIn
              + " existing top-level fields moved into oneof " + oneOf.getName()
              + ": they can no longer be set together");
        } else {
          ctx.report(FIELD_MOVED_TO_EXISTING_ONEOF, null, oneOf.getLocation(), "oneof " + oneOf.getName()
              + " now holds fields that could be set together before ("
              + String.join(", ", new TreeSet<>(originGroups)) + ")");
        }
      }
    }
  }

  private static void reportOneOfsAddedOrRemoved(Context ctx, FieldsByTag originalFields, FieldsByTag updateFields) {
    for (String name : Sets.sortedUnion(originalFields.oneOfByName.keySet(), updateFields.oneOfByName.keySet())) {
      try (Context.PathScope ignored = ctx.enter(name)) {
        if (!updateFields.oneOfByName.containsKey(name)) {
          ctx.report(ONEOF_REMOVED, originalFields.oneOfByName.get(name).getLocation(), null,
              "oneof " + name + " " + ctx.edit(false));
        } else if (!originalFields.oneOfByName.containsKey(name)) {
          ctx.report(ONEOF_ADDED, null, updateFields.oneOfByName.get(name).getLocation(), "oneof " + name + " " + ctx.edit(true));
        }
      }
    }
  }

  private static void compareFields(Context ctx, FieldsByTag originalFields, FieldsByTag updateFields) {
    Set<String> oneOfsDeletedWhole = originalFields.oneOfsDeletedWholeIn(updateFields);
    for (Integer tag : Sets.sortedUnion(originalFields.fieldByTag.keySet(), updateFields.fieldByTag.keySet())) {
      Field was = originalFields.fieldByTag.get(tag);
      Field now = updateFields.fieldByTag.get(tag);
      String wasInOneOf = originalFields.oneOfByTag.get(tag);
      String nowInOneOf = updateFields.oneOfByTag.get(tag);
      if (now == null) {
        if (wasInOneOf == null) {
          try (Context.PathScope ignored = ctx.enter(tag)) {
            ctx.report(was.isRequired() ? REQUIRED_FIELD_REMOVED : FIELD_REMOVED, was.getLocation(), null,
                describe(was) + " " + ctx.edit(false));
          }
        } else if (!oneOfsDeletedWhole.contains(wasInOneOf)) {
          try (Context.PathScope ignored = ctx.enter(wasInOneOf, tag)) {
            ctx.report(ONEOF_FIELD_REMOVED, was.getLocation(), null, "field '" + was.getName() + "' (tag " + tag
                + ") " + ctx.edit(false) + (ctx.edit(false).equals("added") ? " to" : " from") + " oneof " + wasInOneOf
                + " while other members of it remain");
          }
        }
      } else if (was == null) {
        if (nowInOneOf == null) {
          try (Context.PathScope ignored = ctx.enter(tag)) {
            ctx.report(now.isRequired() ? REQUIRED_FIELD_ADDED : FIELD_ADDED, null, now.getLocation(),
                describe(now) + " " + ctx.edit(true));
          }
        } else {
          try (Context.PathScope ignored = ctx.enter(nowInOneOf, tag)) {
            ctx.report(ONEOF_FIELD_ADDED, null, now.getLocation(),
                "field '" + now.getName() + "' (tag " + tag + ") " + ctx.edit(true)
                + (ctx.edit(true).equals("added") ? " to" : " from") + " oneof " + nowInOneOf);
          }
        }
      } else {
        if (wasInOneOf != null && nowInOneOf == null) {
          try (Context.PathScope ignored = ctx.enter(tag)) {
            ctx.report(ONEOF_FIELD_MOVED_TO_TOP_LEVEL, was.getLocation(), now.getLocation(),
                "field '" + now.getName() + "' (tag " + tag + ") moved out of oneof " + wasInOneOf);
          }
        }
        try (Context.PathScope ignored = nowInOneOf == null ? ctx.enter(tag) : ctx.enter(nowInOneOf, tag)) {
          FieldDiff.compare(ctx, was, now);
        }
      }
    }
  }

  private static String describe(Field field) {
    return (field.isRequired() ? "required field '" : "field '") + field.getName() + "' (tag " + field.getTag() + ")";
  }

  /** A message's fields by tag, top-level and oneof members alike, and the oneof holding each member. */
  private record FieldsByTag(Map<Integer, Field> fieldByTag, Map<Integer, String> oneOfByTag,
      Map<String, OneOf> oneOfByName) {
    static FieldsByTag of(MessageType message) {
      FieldsByTag fields = new FieldsByTag(new LinkedHashMap<>(), new HashMap<>(), new LinkedHashMap<>());
      for (Field field : message.getDeclaredFields()) {
        fields.fieldByTag.putIfAbsent(field.getTag(), field);
      }
      for (OneOf oneOf : message.getOneOfs()) {
        fields.oneOfByName.put(oneOf.getName(), oneOf);
        for (Field member : oneOf.getFields()) {
          fields.fieldByTag.putIfAbsent(member.getTag(), member);
          fields.oneOfByTag.put(member.getTag(), oneOf.getName());
        }
      }
      return fields;
    }

    /** Oneofs gone by name with none of their members left anywhere: deleted whole, compatible. */
    Set<String> oneOfsDeletedWholeIn(FieldsByTag update) {
      Set<String> deleted = new HashSet<>();
      oneOfByName.forEach((name, oneOf) -> {
        if (!update.oneOfByName.containsKey(name)
            && oneOf.getFields().stream().noneMatch(f -> update.fieldByTag.containsKey(f.getTag()))) {
          deleted.add(name);
        }
      });
      return deleted;
    }
  }
}
