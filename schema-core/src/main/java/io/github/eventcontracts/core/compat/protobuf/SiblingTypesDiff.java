package io.github.eventcontracts.core.compat.protobuf;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ENUM_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ENUM_REMOVED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.MESSAGE_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.MESSAGE_MOVED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.MESSAGE_REMOVED;

import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The types declared side by side at one nesting level (a file's, or a message's nested ones). */
final class SiblingTypesDiff {
  private SiblingTypesDiff() {}

  static void compare(Context ctx, List<Type> originalTypes, List<Type> updateTypes) {
    Map<String, Type> originalByName = bySimpleName(originalTypes);
    Map<String, Type> updateByName = bySimpleName(updateTypes);
    // The message index in Confluent's wire format counts messages only, per nesting level.
    Map<String, Integer> originalIndex = messageIndexes(originalTypes);
    Map<String, Integer> updateIndex = messageIndexes(updateTypes);
    Set<String> names = new LinkedHashSet<>(originalByName.keySet());
    names.addAll(updateByName.keySet());
    for (String name : names) {
      Type was = originalByName.get(name);
      Type now = updateByName.get(name);
      try (Context.PathScope ignored = ctx.enter(name)) {
        if (was == null || now == null || was.getClass() != now.getClass()) {
          if (was != null) {
            ctx.report(was instanceof MessageType ? MESSAGE_REMOVED : ENUM_REMOVED, was.getLocation(), null,
                kindOf(was) + " " + name + " " + ctx.edit(false));
          }
          if (now != null) {
            ctx.report(now instanceof MessageType ? MESSAGE_ADDED : ENUM_ADDED, null, now.getLocation(),
                kindOf(now) + " " + name + " " + ctx.edit(true));
          }
        } else if (was instanceof MessageType wasMessage && now instanceof MessageType nowMessage) {
          Integer from = originalIndex.get(name);
          Integer to = updateIndex.get(name);
          if (!Objects.equals(from, to)) {
            ctx.report(MESSAGE_MOVED, was.getLocation(), now.getLocation(), "message " + name
                + " moved " + ctx.fromTo("position " + from, String.valueOf(to)) + " among its sibling messages");
          }
          MessageDiff.compare(ctx, wasMessage, nowMessage);
        } else {
          EnumDiff.compare(ctx, (EnumType) was, (EnumType) now);
        }
      }
    }
  }

  private static String kindOf(Type type) {
    return type instanceof MessageType ? "message" : "enum";
  }

  private static Map<String, Type> bySimpleName(List<Type> types) {
    Map<String, Type> byName = new LinkedHashMap<>();
    for (Type type : types) {
      if (type instanceof MessageType || type instanceof EnumType) {
        byName.putIfAbsent(type.getType().getSimpleName(), type);
      }
    }
    return byName;
  }

  private static Map<String, Integer> messageIndexes(List<Type> types) {
    Map<String, Integer> indexes = new HashMap<>();
    int index = 0;
    for (Type type : types) {
      if (type instanceof MessageType) {
        indexes.put(type.getType().getSimpleName(), index++);
      }
    }
    return indexes;
  }
}
