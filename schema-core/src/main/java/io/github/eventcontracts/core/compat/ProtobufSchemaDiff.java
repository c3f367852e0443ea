package io.github.eventcontracts.core.compat;

import static io.github.eventcontracts.core.compat.ProtobufDifferenceType.*;

import com.squareup.wire.schema.EnumConstant;
import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.OneOf;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.Type;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks two Protobuf files once and lists every difference with Confluent Schema Registry's
 * difference types and paths. "original" is the schema that wrote the data, "update" the one that
 * reads it. Types match by simple name per nesting level, fields (oneof members included) by tag,
 * enum constants by number; message-typed fields are resolved through the linked schema, so
 * types from imports are compared too.
 */
final class ProtobufSchemaDiff {
  private enum Kind { SCALAR, MESSAGE, MAP }

  private final ProtobufParsedSchema original;
  private final ProtobufParsedSchema update;
  private final boolean updateIsNew;
  private final String originalFile;
  private final String updateFile;
  /** Results of comparing referenced message pairs, so each pair is walked once. */
  private final Map<String, List<Difference>> referenced;
  private final Set<String> inProgress;
  private final List<Difference> out = new ArrayList<>();
  private final List<String> path = new ArrayList<>();

  private ProtobufSchemaDiff(ProtobufParsedSchema original, String originalFile, ProtobufParsedSchema update,
      String updateFile, boolean updateIsNew, Map<String, List<Difference>> referenced, Set<String> inProgress) {
    this.original = original;
    this.update = update;
    this.originalFile = originalFile;
    this.updateFile = updateFile;
    this.updateIsNew = updateIsNew;
    this.referenced = referenced;
    this.inProgress = inProgress;
  }

  /**
   * @param updateIsNew whether {@code update} is the new schema; positions are reported in the new
   *     file when the element exists there
   */
  static List<Difference> compare(ProtobufParsedSchema original, String originalFile, ProtobufParsedSchema update,
      String updateFile, boolean updateIsNew) {
    ProtobufSchemaDiff diff = new ProtobufSchemaDiff(original, originalFile, update, updateFile, updateIsNew,
        new HashMap<>(), new HashSet<>());
    ProtoFile o = original.file();
    ProtoFile u = update.file();
    if (!Objects.equals(nullToEmpty(o.getPackageName()), nullToEmpty(u.getPackageName()))) {
      diff.add(PACKAGE_CHANGED, o.getLocation(), u.getLocation(), "package changed from '"
          + nullToEmpty(o.getPackageName()) + "' to '" + nullToEmpty(u.getPackageName()) + "'");
    }
    diff.compareTypes(o.getTypes(), u.getTypes());
    return diff.out;
  }

  // ---- types ------------------------------------------------------------------------------------

  private void compareTypes(List<Type> originalTypes, List<Type> updateTypes) {
    Map<String, Type> o = bySimpleName(originalTypes);
    Map<String, Type> u = bySimpleName(updateTypes);
    Map<String, Integer> oIndex = messageIndexes(originalTypes);
    Map<String, Integer> uIndex = messageIndexes(updateTypes);
    Set<String> names = new LinkedHashSet<>(o.keySet());
    names.addAll(u.keySet());
    for (String name : names) {
      Type ot = o.get(name);
      Type ut = u.get(name);
      path.add(name);
      if (ut == null || ot == null || ot.getClass() != ut.getClass()) {
        if (ot != null) {
          add(ot instanceof MessageType ? MESSAGE_REMOVED : ENUM_REMOVED, ot.getLocation(), null,
              (ot instanceof MessageType ? "message " : "enum ") + name + " removed");
        }
        if (ut != null) {
          add(ut instanceof MessageType ? MESSAGE_ADDED : ENUM_ADDED, null, ut.getLocation(),
              (ut instanceof MessageType ? "message " : "enum ") + name + " added");
        }
      } else if (ot instanceof MessageType om && ut instanceof MessageType um) {
        if (!Objects.equals(oIndex.get(name), uIndex.get(name))) {
          add(MESSAGE_MOVED, om.getLocation(), um.getLocation(), "message " + name + " moved from position "
              + oIndex.get(name) + " to " + uIndex.get(name) + " among its sibling messages");
        }
        compareMessage(om, um);
      } else {
        compareEnum((EnumType) ot, (EnumType) ut);
      }
      path.remove(path.size() - 1);
    }
  }

  private static Map<String, Type> bySimpleName(List<Type> types) {
    Map<String, Type> map = new LinkedHashMap<>();
    for (Type type : types) {
      if (type instanceof MessageType || type instanceof EnumType) {
        map.putIfAbsent(type.getType().getSimpleName(), type);
      }
    }
    return map;
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

  private void compareEnum(EnumType o, EnumType u) {
    Map<Integer, EnumConstant> oc = new LinkedHashMap<>();
    for (EnumConstant c : o.getConstants()) {
      oc.putIfAbsent(c.getTag(), c);
    }
    Map<Integer, EnumConstant> uc = new LinkedHashMap<>();
    for (EnumConstant c : u.getConstants()) {
      uc.putIfAbsent(c.getTag(), c);
    }
    for (Integer number : union(oc.keySet(), uc.keySet())) {
      EnumConstant a = oc.get(number);
      EnumConstant b = uc.get(number);
      path.add(String.valueOf(number));
      if (b == null) {
        add(ENUM_CONST_REMOVED, a.getLocation(), null, "enum constant " + a.getName() + " = " + number + " removed");
      } else if (a == null) {
        add(ENUM_CONST_ADDED, null, b.getLocation(), "enum constant " + b.getName() + " = " + number + " added");
      } else if (!a.getName().equals(b.getName())) {
        add(ENUM_CONST_CHANGED, a.getLocation(), b.getLocation(),
            "enum constant " + number + " renamed from " + a.getName() + " to " + b.getName());
      }
      path.remove(path.size() - 1);
    }
  }

  // ---- messages ---------------------------------------------------------------------------------

  /**
   * Fields are compared by tag across the whole message, whichever oneof holds them, so a change of
   * oneof membership (a rename, a move in or out, a merge) cannot hide a field-level change; oneofs
   * themselves only matter where they make fields that were independent mutually exclusive.
   * (Confluent's MessageSchemaDiff since 2026.)
   */
  private void compareMessage(MessageType original, MessageType update) {
    MessageFields originalFields = MessageFields.of(original);
    MessageFields updateFields = MessageFields.of(update);

    // A oneof gone by name with none of its members left anywhere was deleted whole: compatible.
    Set<String> deletedWhole = new HashSet<>();
    originalFields.oneOfs.forEach((name, oneOf) -> {
      if (!updateFields.oneOfs.containsKey(name)
          && oneOf.getFields().stream().noneMatch(f -> updateFields.byTag.containsKey(f.getTag()))) {
        deletedWhole.add(name);
      }
    });

    // Newly mutually exclusive: an updated oneof whose pre-existing members come from more than one
    // original group (one original oneof, or each original top-level field on its own).
    for (OneOf oneOf : update.getOneOfs()) {
      Set<String> originGroups = new HashSet<>();
      int topLevelMovedIn = 0;
      for (Field member : oneOf.getFields()) {
        String from = originalFields.oneOfOf.get(member.getTag());
        if (from != null) {
          originGroups.add("oneof " + from);
        } else if (originalFields.byTag.containsKey(member.getTag())) {
          originGroups.add("field " + member.getTag());
          topLevelMovedIn++;
        }
      }
      if (originGroups.size() > 1) {
        enter(oneOf.getName());
        if (topLevelMovedIn > 1) {
          add(MULTIPLE_FIELDS_MOVED_TO_ONEOF, null, oneOf.getLocation(), topLevelMovedIn
              + " existing top-level fields moved into oneof " + oneOf.getName() + ": they can no longer be set together");
        } else {
          add(FIELD_MOVED_TO_EXISTING_ONEOF, null, oneOf.getLocation(), "oneof " + oneOf.getName()
              + " now holds fields that could be set together before (" + String.join(", ", new TreeSet<>(originGroups))
              + ")");
        }
        leave(1);
      }
    }

    for (String name : union(originalFields.oneOfs.keySet(), updateFields.oneOfs.keySet())) {
      enter(name);
      if (!updateFields.oneOfs.containsKey(name)) {
        add(ONEOF_REMOVED, originalFields.oneOfs.get(name).getLocation(), null, "oneof " + name + " removed");
      } else if (!originalFields.oneOfs.containsKey(name)) {
        add(ONEOF_ADDED, null, updateFields.oneOfs.get(name).getLocation(), "oneof " + name + " added");
      }
      leave(1);
    }

    for (Integer tag : union(originalFields.byTag.keySet(), updateFields.byTag.keySet())) {
      Field was = originalFields.byTag.get(tag);
      Field now = updateFields.byTag.get(tag);
      String wasIn = originalFields.oneOfOf.get(tag);
      String nowIn = updateFields.oneOfOf.get(tag);
      if (now == null) {
        if (wasIn == null) {
          enter(tag);
          add(was.isRequired() ? REQUIRED_FIELD_REMOVED : FIELD_REMOVED, was.getLocation(), null,
              (was.isRequired() ? "required field '" : "field '") + was.getName() + "' (tag " + tag + ") removed");
          leave(1);
        } else if (!deletedWhole.contains(wasIn)) {
          enter(wasIn, tag);
          add(ONEOF_FIELD_REMOVED, was.getLocation(), null, "field '" + was.getName() + "' (tag " + tag
              + ") removed from oneof " + wasIn + " while other members of it remain");
          leave(2);
        }
      } else if (was == null) {
        if (nowIn == null) {
          enter(tag);
          add(now.isRequired() ? REQUIRED_FIELD_ADDED : FIELD_ADDED, null, now.getLocation(),
              (now.isRequired() ? "required field '" : "field '") + now.getName() + "' (tag " + tag + ") added");
          leave(1);
        } else {
          enter(nowIn, tag);
          add(ONEOF_FIELD_ADDED, null, now.getLocation(),
              "field '" + now.getName() + "' (tag " + tag + ") added to oneof " + nowIn);
          leave(2);
        }
      } else {
        if (wasIn != null && nowIn == null) {
          enter(tag);
          add(ONEOF_FIELD_MOVED_TO_TOP_LEVEL, was.getLocation(), now.getLocation(),
              "field '" + now.getName() + "' (tag " + tag + ") moved out of oneof " + wasIn);
          leave(1);
        }
        int depth = nowIn == null ? enter(tag) : enter(nowIn, tag);
        compareField(was, now);
        leave(depth);
      }
    }

    compareTypes(original.getNestedTypes(), update.getNestedTypes());
  }

  /** A message's fields by tag, top-level and oneof members alike, and the oneof holding each member. */
  private record MessageFields(Map<Integer, Field> byTag, Map<Integer, String> oneOfOf, Map<String, OneOf> oneOfs) {
    static MessageFields of(MessageType message) {
      MessageFields fields = new MessageFields(ProtobufSchemaDiff.byTag(message.getDeclaredFields()), new HashMap<>(),
          new LinkedHashMap<>());
      for (OneOf oneOf : message.getOneOfs()) {
        fields.oneOfs.put(oneOf.getName(), oneOf);
        for (Field member : oneOf.getFields()) {
          fields.byTag.putIfAbsent(member.getTag(), member);
          fields.oneOfOf.put(member.getTag(), oneOf.getName());
        }
      }
      return fields;
    }
  }

  private static Map<Integer, Field> byTag(List<Field> fields) {
    Map<Integer, Field> map = new LinkedHashMap<>();
    for (Field f : fields) {
      map.putIfAbsent(f.getTag(), f);
    }
    return map;
  }

  // ---- fields -----------------------------------------------------------------------------------

  private void compareField(Field a, Field b) {
    if (!a.getName().equals(b.getName())) {
      add(FIELD_NAME_CHANGED, a.getLocation(), b.getLocation(),
          "field " + a.getTag() + " renamed from '" + a.getName() + "' to '" + b.getName() + "'");
    }
    compareFieldTypes(b.getName(), a.getType(), b.getType(), a.getLocation(), b.getLocation());
    compareLabels(a, b);
  }

  private void compareFieldTypes(String field, ProtoType a, ProtoType b, Location aAt, Location bAt) {
    Kind ka = kind(a, original.schema());
    Kind kb = kind(b, update.schema());
    if (ka != kb) {
      add(FIELD_KIND_CHANGED, aAt, bAt, "field '" + field + "' changed from " + describe(a, ka) + " to "
          + describe(b, kb));
      return;
    }
    switch (ka) {
      case SCALAR -> {
        String ga = scalarGroup(a, original.schema());
        String gb = scalarGroup(b, update.schema());
        if (!ga.equals(gb)) {
          add(FIELD_SCALAR_KIND_CHANGED, aAt, bAt, "field '" + field + "' changed from " + scalarName(a, original.schema())
              + " to " + scalarName(b, update.schema()));
        }
      }
      case MAP -> {
        compareFieldTypes(field, a.getKeyType(), b.getKeyType(), aAt, bAt);
        compareFieldTypes(field, a.getValueType(), b.getValueType(), aAt, bAt);
      }
      case MESSAGE -> compareMessageTypes(field, a, b, aAt, bAt);
    }
  }

  private void compareMessageTypes(String field, ProtoType a, ProtoType b, Location aAt, Location bAt) {
    String aLocal = localName(a, original.schema());
    String bLocal = localName(b, update.schema());
    if (!aLocal.equals(bLocal)) {
      add(FIELD_NAMED_TYPE_CHANGED, aAt, bAt, "field '" + field + "' changed type from " + aLocal + " to " + bLocal);
      return;
    }
    Type at = original.schema().getType(a);
    Type bt = update.schema().getType(b);
    if (!(at instanceof MessageType am) || !(bt instanceof MessageType bm)) {
      return;
    }
    List<Difference> inner = referencedDifferences(am, bm, aLocal);
    boolean sameFile = Objects.equals(am.getLocation().getPath(), original.file().getLocation().getPath())
        && Objects.equals(bm.getLocation().getPath(), update.file().getLocation().getPath());
    if (!sameFile) {
      out.addAll(inner); // types from other files are not walked otherwise
    }
    List<String> breaking = inner.stream().filter(d -> !d.compatible()).map(d -> d.type().id() + " " + d.path()).toList();
    if (!breaking.isEmpty()) {
      add(FIELD_NAMED_TYPE_CHANGED, aAt, bAt, "field '" + field + "' has type " + aLocal
          + ", which changed incompatibly: " + String.join(", ", breaking));
    }
  }

  /** Differences inside a referenced message pair, computed once per pair; cycles count as equal. */
  private List<Difference> referencedDifferences(MessageType a, MessageType b, String localName) {
    String key = a.getType() + "|" + b.getType();
    List<Difference> known = referenced.get(key);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(key)) {
      return List.of();
    }
    ProtobufSchemaDiff sub = new ProtobufSchemaDiff(original, originalFile, update, updateFile, updateIsNew,
        referenced, inProgress);
    sub.path.addAll(List.of(localName.split("\\.")));
    sub.compareMessage(a, b);
    inProgress.remove(key);
    referenced.put(key, sub.out);
    return sub.out;
  }

  /**
   * A label change matters only for scalars (enums included): numbers read differently packed or
   * repeated, strings and bytes do not. For message-typed fields it is no difference at all, as in
   * Confluent's FieldSchemaDiff.
   */
  private void compareLabels(Field a, Field b) {
    String la = label(a);
    String lb = label(b);
    if (la.equals(lb) || kind(a.getType(), original.schema()) != Kind.SCALAR
        || kind(b.getType(), update.schema()) != Kind.SCALAR) {
      return;
    }
    boolean stringOrBytes = isStringOrBytes(a.getType()) && isStringOrBytes(b.getType());
    add(stringOrBytes ? FIELD_STRING_OR_BYTES_LABEL_CHANGED : FIELD_NUMERIC_LABEL_CHANGED, a.getLocation(),
        b.getLocation(), "field '" + b.getName() + "' changed from " + la + " to " + lb);
  }

  private static String label(Field f) {
    if (f.isRepeated()) {
      return "repeated";
    }
    return f.isRequired() ? "required" : "optional";
  }

  private static boolean isStringOrBytes(ProtoType type) {
    return type.equals(ProtoType.STRING) || type.equals(ProtoType.BYTES);
  }

  private static Kind kind(ProtoType type, Schema schema) {
    if (type.isScalar()) {
      return Kind.SCALAR;
    }
    if (type.isMap()) {
      return Kind.MAP;
    }
    return schema.getType(type) instanceof EnumType ? Kind.SCALAR : Kind.MESSAGE;
  }

  /** Confluent's scalar groups: values within a group read each other. */
  private static String scalarGroup(ProtoType type, Schema schema) {
    if (!type.isScalar()) {
      return "number"; // an enum
    }
    return switch (type.toString()) {
      case "int32", "int64", "uint32", "uint64", "bool" -> "number";
      case "sint32", "sint64" -> "zigzag";
      case "string", "bytes" -> "length-delimited";
      case "fixed32", "sfixed32" -> "fixed32";
      case "fixed64", "sfixed64" -> "fixed64";
      case "float" -> "float";
      case "double" -> "double";
      default -> type.toString();
    };
  }

  private static String scalarName(ProtoType type, Schema schema) {
    return type.isScalar() ? type.toString() : "enum " + localName(type, schema);
  }

  private static String describe(ProtoType type, Kind kind) {
    return switch (kind) {
      case SCALAR -> type.isScalar() ? type.toString() : "enum " + type.getSimpleName();
      case MAP -> "map<" + type.getKeyType() + ", " + type.getValueType() + ">";
      case MESSAGE -> "message " + type.getSimpleName();
    };
  }

  /** The type's name without the package of the file defining it, e.g. {@code Order.Line}. */
  private static String localName(ProtoType type, Schema schema) {
    String full = type.toString();
    // Schema.protoFile(ProtoType) scans every type of every file; the type's location names its file.
    Type resolved = schema.getType(type);
    ProtoFile file = resolved == null ? null : schema.protoFile(resolved.getLocation().getPath());
    String pkg = file == null ? null : file.getPackageName();
    return pkg != null && !pkg.isEmpty() && full.startsWith(pkg + ".") ? full.substring(pkg.length() + 1) : full;
  }

  // ---- output -----------------------------------------------------------------------------------

  private int enter(Object... segments) {
    for (Object s : segments) {
      path.add(String.valueOf(s));
    }
    return segments.length;
  }

  private void leave(int count) {
    for (int i = 0; i < count; i++) {
      path.remove(path.size() - 1);
    }
  }

  private void add(ProtobufDifferenceType type, Location originalAt, Location updateAt, String message) {
    // Point at the new file when the element exists there, else at the previous one.
    Location newAt = updateIsNew ? updateAt : originalAt;
    Location oldAt = updateIsNew ? originalAt : updateAt;
    boolean onNewSide = newAt != null;
    Location at = onNewSide ? newAt : oldAt;
    boolean onUpdateSide = onNewSide == updateIsNew;
    ProtobufParsedSchema side = onUpdateSide ? update : original;
    String sideFile = onUpdateSide ? updateFile : originalFile;
    String file;
    if (at == null) {
      file = updateIsNew ? updateFile : originalFile;
    } else if (at.getPath().equals(side.file().getLocation().getPath())) {
      file = sideFile;
    } else {
      file = at.getPath(); // an element of an imported file
    }
    out.add(new Difference(type, "#/" + String.join("/", path), message, file,
        at == null ? 0 : at.getLine(), at == null ? 0 : Math.max(at.getColumn(), 0)));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
