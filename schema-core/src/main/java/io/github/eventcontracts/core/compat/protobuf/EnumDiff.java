package io.github.eventcontracts.core.compat.protobuf;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ENUM_CONST_ADDED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ENUM_CONST_CHANGED;
import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.ENUM_CONST_REMOVED;

import com.squareup.wire.schema.EnumConstant;
import com.squareup.wire.schema.EnumType;
import java.util.LinkedHashMap;
import java.util.Map;

/** One enum's constants, matched by number: the number is what the wire carries. */
final class EnumDiff {
  private EnumDiff() {}

  static void compare(Context ctx, EnumType original, EnumType update) {
    Map<Integer, EnumConstant> originalByNumber = byNumber(original);
    Map<Integer, EnumConstant> updateByNumber = byNumber(update);
    for (Integer number : Sets.sortedUnion(originalByNumber.keySet(), updateByNumber.keySet())) {
      EnumConstant was = originalByNumber.get(number);
      EnumConstant now = updateByNumber.get(number);
      try (Context.PathScope ignored = ctx.enter(number)) {
        if (now == null) {
          ctx.report(ENUM_CONST_REMOVED, was.getLocation(), null,
              "enum constant " + was.getName() + " = " + number + " " + ctx.edit(false));
        } else if (was == null) {
          ctx.report(ENUM_CONST_ADDED, null, now.getLocation(),
              "enum constant " + now.getName() + " = " + number + " " + ctx.edit(true));
        } else if (!was.getName().equals(now.getName())) {
          ctx.report(ENUM_CONST_CHANGED, was.getLocation(), now.getLocation(),
              "enum constant " + number + " renamed " + ctx.fromTo(was.getName(), now.getName()));
        }
      }
    }
  }

  private static Map<Integer, EnumConstant> byNumber(EnumType type) {
    Map<Integer, EnumConstant> byNumber = new LinkedHashMap<>();
    for (EnumConstant constant : type.getConstants()) {
      byNumber.putIfAbsent(constant.getTag(), constant); // an alias keeps the first name
    }
    return byNumber;
  }
}
