package io.github.eventcontracts.core.descriptor;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.github.eventcontracts.core.util.StringLiterals;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@code FileDescriptorProto} as {@code .proto} text: the schema a client sends when it
 * registers a descriptor instead of text (Confluent's JavaScript serializer does, base64-encoded).
 * Map entries become {@code map<K, V>} fields again, synthetic oneofs become proto3
 * {@code optional}, and type names stay as the descriptor gives them (fully qualified), so the
 * text links to exactly the types the descriptor named. Custom options and extensions are not
 * rendered.
 */
public final class DescriptorReader {
  private final StringBuilder out = new StringBuilder();
  private final boolean proto3;

  private DescriptorReader(FileDescriptorProto file) {
    this.proto3 = "proto3".equals(file.getSyntax());
  }

  /**
   * The descriptor in {@code base64}, or null when the text is not one (so it is {@code .proto}
   * text, to be parsed as such). A schema that is base64 and parses as a descriptor with a name or
   * a message is taken as one.
   */
  public static FileDescriptorProto decodeBase64(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.length() % 4 != 0 || !trimmed.chars().allMatch(DescriptorReader::isBase64)) {
      return null;
    }
    try {
      FileDescriptorProto file = FileDescriptorProto.parseFrom(Base64.getDecoder().decode(trimmed));
      boolean meaningful = file.hasName() || file.getMessageTypeCount() > 0 || file.getEnumTypeCount() > 0;
      return meaningful && file.getUnknownFields().asMap().isEmpty() ? file : null;
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static boolean isBase64(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
  }

  /** The file as {@code .proto} text. */
  public static String render(FileDescriptorProto file) {
    DescriptorReader reader = new DescriptorReader(file);
    reader.file(file);
    return reader.out.toString();
  }

  private void file(FileDescriptorProto file) {
    if (!file.getSyntax().isEmpty()) {
      out.append("syntax = \"").append(file.getSyntax()).append("\";\n");
    }
    if (!file.getPackage().isEmpty()) {
      out.append("package ").append(file.getPackage()).append(";\n");
    }
    Set<Integer> publicImports = new HashSet<>(file.getPublicDependencyList());
    Set<Integer> weakImports = new HashSet<>(file.getWeakDependencyList());
    for (int i = 0; i < file.getDependencyCount(); i++) {
      out.append("import ").append(publicImports.contains(i) ? "public " : weakImports.contains(i) ? "weak " : "")
          .append(quote(file.getDependency(i))).append(";\n");
    }
    options(file.getOptions(), "");
    for (DescriptorProto message : file.getMessageTypeList()) {
      message(message, "");
    }
    for (EnumDescriptorProto enumType : file.getEnumTypeList()) {
      enumType(enumType, "");
    }
    for (ServiceDescriptorProto service : file.getServiceList()) {
      service(service);
    }
  }

  private void message(DescriptorProto message, String indent) {
    out.append(indent).append("message ").append(message.getName()).append(" {\n");
    String inner = indent + "  ";
    options(message.getOptions(), inner);
    Map<String, DescriptorProto> mapEntries = new HashMap<>();
    for (DescriptorProto nested : message.getNestedTypeList()) {
      if (nested.getOptions().getMapEntry()) {
        mapEntries.put(nested.getName(), nested);
      }
    }
    // Fields in descriptor order (protoc's: as declared); a real oneof is written whole where its
    // first member stands. A synthetic oneof (proto3 `optional`) is only presence, not a block.
    boolean[] written = new boolean[message.getOneofDeclCount()];
    for (FieldDescriptorProto field : message.getFieldList()) {
      int oneOf = field.hasOneofIndex() && !field.getProto3Optional() ? field.getOneofIndex() : -1;
      if (oneOf < 0 || oneOf >= written.length) {
        field(field, mapEntries, inner, false);
      } else if (!written[oneOf]) {
        written[oneOf] = true;
        out.append(inner).append("oneof ").append(message.getOneofDecl(oneOf).getName()).append(" {\n");
        options(message.getOneofDecl(oneOf).getOptions(), inner + "  ");
        for (FieldDescriptorProto member : message.getFieldList()) {
          if (member.hasOneofIndex() && member.getOneofIndex() == oneOf && !member.getProto3Optional()) {
            field(member, mapEntries, inner + "  ", true);
          }
        }
        out.append(inner).append("}\n");
      }
    }
    for (DescriptorProto.ReservedRange range : message.getReservedRangeList()) {
      int last = range.getEnd() - 1;
      out.append(inner).append("reserved ").append(range.getStart());
      if (last != range.getStart()) {
        out.append(" to ").append(last >= 536_870_911 ? "max" : String.valueOf(last));
      }
      out.append(";\n");
    }
    for (String name : message.getReservedNameList()) {
      out.append(inner).append("reserved ").append(quote(name)).append(";\n");
    }
    for (DescriptorProto nested : message.getNestedTypeList()) {
      if (!nested.getOptions().getMapEntry()) {
        message(nested, inner);
      }
    }
    for (EnumDescriptorProto nested : message.getEnumTypeList()) {
      enumType(nested, inner);
    }
    out.append(indent).append("}\n");
  }

  private void field(FieldDescriptorProto field, Map<String, DescriptorProto> mapEntries, String indent,
      boolean inOneOf) {
    out.append(indent);
    DescriptorProto mapEntry = field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED
        ? mapEntries.get(simpleName(field.getTypeName())) : null;
    if (mapEntry != null && mapEntry.getFieldCount() == 2) {
      out.append("map<").append(typeName(mapEntry.getField(0))).append(", ").append(typeName(mapEntry.getField(1)))
          .append("> ");
    } else {
      if (!inOneOf) {
        String label = switch (field.getLabel()) {
          case LABEL_REPEATED -> "repeated ";
          case LABEL_REQUIRED -> "required ";
          default -> proto3 && !field.getProto3Optional() ? "" : "optional ";
        };
        out.append(label);
      }
      out.append(typeName(field)).append(' ');
    }
    out.append(field.getName()).append(" = ").append(field.getNumber());
    List<String> options = new ArrayList<>();
    if (field.hasDefaultValue()) {
      options.add("default = " + defaultLiteral(field));
    }
    if (field.hasJsonName() && !field.getJsonName().equals(DescriptorWriter.defaultJsonName(field.getName()))) {
      options.add("json_name = " + quote(field.getJsonName()));
    }
    options.addAll(optionAssignments(field.getOptions()));
    if (!options.isEmpty()) {
      out.append(" [").append(String.join(", ", options)).append(']');
    }
    out.append(";\n");
  }

  private void enumType(EnumDescriptorProto enumType, String indent) {
    out.append(indent).append("enum ").append(enumType.getName()).append(" {\n");
    String inner = indent + "  ";
    options(enumType.getOptions(), inner);
    for (EnumValueDescriptorProto value : enumType.getValueList()) {
      out.append(inner).append(value.getName()).append(" = ").append(value.getNumber());
      List<String> options = optionAssignments(value.getOptions());
      if (!options.isEmpty()) {
        out.append(" [").append(String.join(", ", options)).append(']');
      }
      out.append(";\n");
    }
    for (EnumDescriptorProto.EnumReservedRange range : enumType.getReservedRangeList()) {
      out.append(inner).append("reserved ").append(range.getStart());
      if (range.getEnd() != range.getStart()) {
        out.append(" to ").append(range.getEnd() == Integer.MAX_VALUE ? "max" : String.valueOf(range.getEnd()));
      }
      out.append(";\n");
    }
    for (String name : enumType.getReservedNameList()) {
      out.append(inner).append("reserved ").append(quote(name)).append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private void service(ServiceDescriptorProto service) {
    out.append("service ").append(service.getName()).append(" {\n");
    options(service.getOptions(), "  ");
    for (MethodDescriptorProto method : service.getMethodList()) {
      out.append("  rpc ").append(method.getName()).append(" (").append(method.getClientStreaming() ? "stream " : "")
          .append(method.getInputType()).append(") returns (").append(method.getServerStreaming() ? "stream " : "")
          .append(method.getOutputType()).append(");\n");
    }
    out.append("}\n");
  }

  private void options(Message options, String indent) {
    for (String assignment : optionAssignments(options)) {
      out.append(indent).append("option ").append(assignment).append(";\n");
    }
  }

  /** {@code name = value} for every standard option set on {@code options}, and Confluent's metadata option. */
  private static List<String> optionAssignments(Message options) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<FieldDescriptor, Object> option : options.getAllFields().entrySet()) {
      FieldDescriptor field = option.getKey();
      if (field.isExtension() || field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          || field.getName().equals("map_entry")) {
        continue; // custom options, features and map_entry (rendered as map<K, V>) are not options in text
      }
      List<?> values = field.isRepeated() ? (List<?>) option.getValue() : List.of(option.getValue());
      for (Object value : values) {
        out.add(field.getName() + " = " + literal(value));
      }
    }
    String metaName = DescriptorWriter.metaOptionName(options);
    if (metaName != null) {
      ConfluentMeta.fromOptions(options).ifPresent(meta -> out.add(ConfluentMeta.toText(metaName, meta)));
    }
    return out;
  }

  private static String literal(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof EnumValueDescriptor e) {
      return e.getName();
    }
    return String.valueOf(value);
  }

  private static String typeName(FieldDescriptorProto field) {
    if (field.hasTypeName()) {
      return field.getTypeName();
    }
    return field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
  }

  private static String simpleName(String typeName) {
    return typeName.substring(typeName.lastIndexOf('.') + 1);
  }

  private static String defaultLiteral(FieldDescriptorProto field) {
    String value = field.getDefaultValue();
    return switch (field.getType()) {
      case TYPE_STRING -> quote(value);
      case TYPE_BYTES -> "\"" + value + "\""; // protoc keeps bytes defaults C-escaped already
      default -> value;
    };
  }

  private static String quote(String text) {
    return StringLiterals.proto(text);
  }
}
