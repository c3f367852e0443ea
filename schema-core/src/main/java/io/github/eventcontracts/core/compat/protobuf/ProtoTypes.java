package io.github.eventcontracts.core.compat.protobuf;

import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.Type;

/** What the diff needs to know about a field's type, resolved through one side's linked schema. */
final class ProtoTypes {
  /** How a type is encoded: enums are scalars on the wire. */
  enum Kind { SCALAR, MESSAGE, MAP }

  private ProtoTypes() {}

  static Kind kind(ProtoType type, Schema schema) {
    if (type.isScalar()) {
      return Kind.SCALAR;
    }
    if (type.isMap()) {
      return Kind.MAP;
    }
    return schema.getType(type) instanceof EnumType ? Kind.SCALAR : Kind.MESSAGE;
  }

  /** Confluent's scalar groups: values within a group read each other. An enum is a varint number. */
  static String wireGroup(ProtoType scalarOrEnum) {
    if (!scalarOrEnum.isScalar()) {
      return "number";
    }
    return switch (scalarOrEnum.toString()) {
      case "int32", "int64", "uint32", "uint64", "bool" -> "number";
      case "sint32", "sint64" -> "zigzag";
      case "string", "bytes" -> "length-delimited";
      case "fixed32", "sfixed32" -> "fixed32";
      case "fixed64", "sfixed64" -> "fixed64";
      case "float" -> "float";
      case "double" -> "double";
      default -> scalarOrEnum.toString();
    };
  }

  static boolean isStringOrBytes(ProtoType type) {
    return type.equals(ProtoType.STRING) || type.equals(ProtoType.BYTES);
  }

  static String scalarName(ProtoType type, Schema schema) {
    return type.isScalar() ? type.toString() : "enum " + localName(type, schema);
  }

  static String describe(ProtoType type, Kind kind) {
    return switch (kind) {
      case SCALAR -> type.isScalar() ? type.toString() : "enum " + type.getSimpleName();
      case MAP -> "map<" + type.getKeyType() + ", " + type.getValueType() + ">";
      case MESSAGE -> "message " + type.getSimpleName();
    };
  }

  /** The type's name without the package of the file defining it, e.g. {@code Order.Line}. */
  static String localName(ProtoType type, Schema schema) {
    String full = type.toString();
    // Schema.protoFile(ProtoType) scans every type of every file; the type's location names its file.
    Type resolved = schema.getType(type);
    ProtoFile file = resolved == null ? null : schema.protoFile(resolved.getLocation().getPath());
    String pkg = file == null ? null : file.getPackageName();
    return pkg != null && !pkg.isEmpty() && full.startsWith(pkg + ".") ? full.substring(pkg.length() + 1) : full;
  }
}
