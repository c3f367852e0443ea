package io.github.eventcontracts.core.descriptor;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.google.protobuf.DescriptorProtos.EnumValueOptions;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.OneofOptions;
import com.google.protobuf.DescriptorProtos.ServiceOptions;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.EnumConstant;
import com.squareup.wire.schema.EnumType;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.OneOf;
import com.squareup.wire.schema.Options;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.ProtoType;
import com.squareup.wire.schema.Rpc;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.Service;
import com.squareup.wire.schema.Type;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ReservedElement;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kotlin.ranges.IntRange;

/**
 * A linked {@code .proto} as the {@code FileDescriptorProto} protoc would write for it: every type
 * name fully qualified with a leading dot (Confluent's clients and {@code @bufbuild/protobuf} resolve
 * nothing else), map fields as repeated {@code XxxEntry} messages with {@code map_entry = true},
 * proto3 {@code optional} fields in synthetic oneofs, {@code json_name} on every field, fields and
 * nested types in declaration order. Confluent's registry answers {@code format=serialized} with
 * this, base64-encoded.
 *
 * <p>Standard options are carried by name, and Confluent's metadata options (the tags rules select
 * fields by) as {@link ConfluentMeta}; other custom (parenthesized) options and {@code extend}
 * declarations are not, as they need the option's own descriptor.
 */
public final class DescriptorWriter {
  private final Schema schema;

  private DescriptorWriter(Schema schema) {
    this.schema = schema;
  }

  /** The descriptor of {@code proto}'s file, named {@code fileName}. */
  public static FileDescriptorProto write(ProtobufParsedSchema proto, String fileName) {
    return new DescriptorWriter(proto.schema()).file(proto.file(), fileName);
  }

  private FileDescriptorProto file(ProtoFile file, String fileName) {
    FileDescriptorProto.Builder out = FileDescriptorProto.newBuilder().setName(fileName);
    if (file.getPackageName() != null && !file.getPackageName().isEmpty()) {
      out.setPackage(file.getPackageName());
    }
    if (file.getSyntax() == Syntax.PROTO_3) {
      out.setSyntax("proto3");
    }
    for (String name : file.getImports()) {
      out.addDependency(name);
    }
    for (String name : file.getPublicImports()) {
      out.addPublicDependency(out.getDependencyCount());
      out.addDependency(name);
    }
    for (String name : file.getWeakImports()) {
      out.addWeakDependency(out.getDependencyCount());
      out.addDependency(name);
    }
    options(FileOptions.getDefaultInstance(), file.getOptions()).ifPresent(out::setOptions);
    for (Type type : file.getTypes()) {
      if (type instanceof MessageType message) {
        out.addMessageType(message(message, file.getSyntax()));
      } else if (type instanceof EnumType enumType) {
        out.addEnumType(enumType(enumType));
      }
    }
    for (Service service : file.getServices()) {
      out.addService(service(service));
    }
    return out.build();
  }

  private DescriptorProto message(MessageType message, Syntax syntax) {
    DescriptorProto.Builder out = DescriptorProto.newBuilder().setName(message.getType().getSimpleName());
    options(MessageOptions.getDefaultInstance(), message.getOptions()).ifPresent(out::setOptions);

    // protoc lists fields as declared, oneof members where they stand among the others
    List<Field> fields = new ArrayList<>(message.getDeclaredFields());
    Map<Field, Integer> oneOfIndex = new java.util.IdentityHashMap<>();
    List<OneOf> oneOfs = message.getOneOfs();
    for (int i = 0; i < oneOfs.size(); i++) {
      out.addOneofDecl(oneOf(oneOfs.get(i)));
      for (Field member : oneOfs.get(i).getFields()) {
        fields.add(member);
        oneOfIndex.put(member, i);
      }
    }
    fields.sort(Comparator.comparing(Field::getLocation, BY_POSITION));

    // nested messages and map entries, in the order protoc creates them: as they are declared
    List<Positioned> nested = new ArrayList<>();
    for (Type type : message.getNestedTypes()) {
      if (type instanceof MessageType nestedMessage) {
        nested.add(new Positioned(nestedMessage.getLocation(), message(nestedMessage, syntax)));
      } else if (type instanceof EnumType nestedEnum) {
        out.addEnumType(enumType(nestedEnum));
      }
    }
    for (Field field : fields) {
      FieldDescriptorProto.Builder f = field(field, message.getType());
      if (field.getType().isMap()) {
        nested.add(new Positioned(field.getLocation(), mapEntry(field)));
      }
      if (oneOfIndex.containsKey(field)) {
        f.setOneofIndex(oneOfIndex.get(field));
      } else if (syntax == Syntax.PROTO_3 && field.getLabel() == Field.Label.OPTIONAL) {
        // proto3 `optional`: presence through a synthetic oneof, declared after the real ones
        f.setProto3Optional(true).setOneofIndex(out.getOneofDeclCount());
        out.addOneofDecl(OneofDescriptorProto.newBuilder().setName(syntheticOneOfName(field, message)));
      }
      out.addField(f);
    }
    nested.sort(Comparator.comparing(Positioned::location, BY_POSITION));
    nested.forEach(p -> out.addNestedType(p.message()));

    for (ReservedElement reserved : message.toElement().getReserveds()) {
      for (Object value : reserved.getValues()) {
        if (value instanceof String name) {
          out.addReservedName(name);
        } else if (value instanceof IntRange range) {
          out.addReservedRangeBuilder().setStart(range.getFirst()).setEnd(range.getLast() + 1);
        } else if (value instanceof Integer tag) {
          out.addReservedRangeBuilder().setStart(tag).setEnd(tag + 1);
        }
      }
    }
    return out.build();
  }

  private record Positioned(Location location, DescriptorProto message) {}

  private static final Comparator<Location> BY_POSITION =
      Comparator.comparingInt(Location::getLine).thenComparingInt(Location::getColumn);

  /** protoc's name: an underscore, then the field's name, made unique against the message's members. */
  private static String syntheticOneOfName(Field field, MessageType message) {
    String name = "_" + field.getName();
    while (message.field(name) != null || message.oneOf(name) != null) {
      name = "X" + name;
    }
    return name;
  }

  private static OneofDescriptorProto.Builder oneOf(OneOf oneOf) {
    OneofDescriptorProto.Builder out = OneofDescriptorProto.newBuilder().setName(oneOf.getName());
    options(OneofOptions.getDefaultInstance(), oneOf.getOptions()).ifPresent(out::setOptions);
    return out;
  }

  private FieldDescriptorProto.Builder field(Field field, ProtoType owner) {
    FieldDescriptorProto.Builder out = FieldDescriptorProto.newBuilder().setName(field.getName())
        .setNumber(field.getTag()).setJsonName(field.getJsonName());
    if (field.getType().isMap()) {
      out.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
          .setTypeName("." + owner + "." + mapEntryName(field.getName()));
    } else {
      out.setLabel(field.isRepeated() ? FieldDescriptorProto.Label.LABEL_REPEATED
          : field.isRequired() ? FieldDescriptorProto.Label.LABEL_REQUIRED : FieldDescriptorProto.Label.LABEL_OPTIONAL);
      setType(out, field.getType());
    }
    if (field.getDefault() != null) {
      out.setDefaultValue(field.getDefault());
    }
    options(FieldOptions.getDefaultInstance(), field.getOptions()).ifPresent(out::setOptions);
    return out;
  }

  private DescriptorProto mapEntry(Field field) {
    ProtoType map = field.getType();
    FieldDescriptorProto.Builder key = FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
        .setJsonName("key").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
        .setJsonName("value").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    setType(key, map.getKeyType());
    setType(value, map.getValueType());
    DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(mapEntryName(field.getName()))
        .addField(key).addField(value);
    entry.getOptionsBuilder().setMapEntry(true);
    return entry.build();
  }

  /** protoc's rule: the field name in UpperCamelCase, then {@code Entry}. */
  static String mapEntryName(String fieldName) {
    return camelCase(fieldName, true) + "Entry";
  }

  /** protoc's default {@code json_name}: the field name in lowerCamelCase. */
  public static String defaultJsonName(String fieldName) {
    return camelCase(fieldName, false);
  }

  /** protoc's camel case: underscores dropped, the ASCII letter after each (and the first, if asked) upper-cased. */
  private static String camelCase(String name, boolean upperFirst) {
    StringBuilder out = new StringBuilder();
    boolean upper = upperFirst;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else if (upper) {
        out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        upper = false;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private void setType(FieldDescriptorProto.Builder out, ProtoType type) {
    if (type.isScalar()) {
      out.setType(FieldDescriptorProto.Type.valueOf("TYPE_" + type.toString().toUpperCase(java.util.Locale.ROOT)));
      return;
    }
    Type resolved = schema.getType(type);
    out.setType(resolved instanceof EnumType ? FieldDescriptorProto.Type.TYPE_ENUM : FieldDescriptorProto.Type.TYPE_MESSAGE)
        .setTypeName("." + type);
  }

  private static EnumDescriptorProto enumType(EnumType enumType) {
    EnumDescriptorProto.Builder out = EnumDescriptorProto.newBuilder().setName(enumType.getType().getSimpleName());
    options(EnumOptions.getDefaultInstance(), enumType.getOptions()).ifPresent(out::setOptions);
    for (EnumConstant constant : enumType.getConstants()) {
      EnumValueDescriptorProto.Builder value = EnumValueDescriptorProto.newBuilder().setName(constant.getName())
          .setNumber(constant.getTag());
      options(EnumValueOptions.getDefaultInstance(), constant.getOptions()).ifPresent(value::setOptions);
      out.addValue(value);
    }
    for (ReservedElement reserved : enumType.toElement().getReserveds()) {
      for (Object value : reserved.getValues()) {
        if (value instanceof String name) {
          out.addReservedName(name);
        } else if (value instanceof IntRange range) { // enum ranges are inclusive at both ends
          out.addReservedRangeBuilder().setStart(range.getFirst()).setEnd(range.getLast());
        } else if (value instanceof Integer number) {
          out.addReservedRangeBuilder().setStart(number).setEnd(number);
        }
      }
    }
    return out.build();
  }

  private static ServiceDescriptorProto service(Service service) {
    ServiceDescriptorProto.Builder out = ServiceDescriptorProto.newBuilder().setName(service.name());
    options(ServiceOptions.getDefaultInstance(), service.options()).ifPresent(out::setOptions);
    for (Rpc rpc : service.rpcs()) {
      MethodDescriptorProto.Builder method = MethodDescriptorProto.newBuilder().setName(rpc.getName())
          .setInputType("." + rpc.getRequestType()).setOutputType("." + rpc.getResponseType());
      if (rpc.getRequestStreaming()) {
        method.setClientStreaming(true);
      }
      if (rpc.getResponseStreaming()) {
        method.setServerStreaming(true);
      }
      options(MethodOptions.getDefaultInstance(), rpc.getOptions()).ifPresent(method::setOptions);
      out.addMethod(method);
    }
    return out.build();
  }

  /** The standard options set by name, or nothing when none is (protoc leaves the field out then). */
  @SuppressWarnings("unchecked")
  private static <M extends Message> Optional<M> options(M none, Options declared) {
    Message.Builder options = none.newBuilderForType();
    for (OptionElement option : declared.getElements()) {
      if (option.isParenthesized()) {
        continue;
      }
      FieldDescriptor field = options.getDescriptorForType().findFieldByName(option.getName());
      Object value = field == null ? null : optionValue(field, String.valueOf(option.getValue()));
      if (value == null) {
        continue;
      }
      if (field.isRepeated()) {
        options.addRepeatedField(field, value);
      } else {
        options.setField(field, value);
      }
    }
    M built = (M) options.build();
    String metaName = metaOptionName(none);
    if (metaName != null) {
      M plain = built;
      built = ConfluentMeta.fromText(declared.getElements(), metaName).map(m -> ConfluentMeta.withMeta(plain, m))
          .orElse(plain);
    }
    return built.equals(none) ? Optional.empty() : Optional.of(built);
  }

  /** The name of Confluent's metadata option for this kind of element's options, or null. */
  static String metaOptionName(Message options) {
    return switch (options.getDescriptorForType().getName()) {
      case "FileOptions" -> "file_meta";
      case "MessageOptions" -> "message_meta";
      case "FieldOptions" -> "field_meta";
      case "EnumOptions" -> "enum_meta";
      case "EnumValueOptions" -> "enum_value_meta";
      default -> null;
    };
  }

  private static Object optionValue(FieldDescriptor field, String text) {
    try {
      return switch (field.getJavaType()) {
        case BOOLEAN -> Boolean.parseBoolean(text);
        case STRING -> text;
        case INT -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case FLOAT -> Float.parseFloat(text);
        case DOUBLE -> Double.parseDouble(text);
        case ENUM -> field.getEnumType().findValueByName(text);
        default -> null; // message-valued options (features) are not carried
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
