package io.github.eventcontracts.core.descriptor;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code .proto} with everything that does not change its meaning taken out, as Confluent's
 * {@code normalize=true} does: type names fully qualified, map fields as {@code map<K, V>}, fields
 * sorted by number, oneofs by their first member, imports sorted, enum constants by number, comments
 * and formatting gone. Message declaration order stays, because message-index paths in frames count
 * it. Two schemas with the same normal form are the same schema whether they came as text or as a
 * {@code FileDescriptorProto}.
 */
public final class ProtobufNormalForm {
  private ProtobufNormalForm() {}

  /** The normalized descriptor (no file name: where a file lives is not what it means). */
  public static FileDescriptorProto descriptor(ProtobufParsedSchema proto) {
    FileDescriptorProto written = DescriptorWriter.write(proto, "");
    FileDescriptorProto.Builder out = written.toBuilder().clearName().clearDependency().clearPublicDependency()
        .clearWeakDependency().clearMessageType().clearEnumType();
    Set<String> publicImports = new HashSet<>();
    written.getPublicDependencyList().forEach(i -> publicImports.add(written.getDependency(i)));
    Set<String> weakImports = new HashSet<>();
    written.getWeakDependencyList().forEach(i -> weakImports.add(written.getDependency(i)));
    for (String dependency : new TreeSet<>(written.getDependencyList())) {
      if (publicImports.contains(dependency)) {
        out.addPublicDependency(out.getDependencyCount());
      } else if (weakImports.contains(dependency)) {
        out.addWeakDependency(out.getDependencyCount());
      }
      out.addDependency(dependency);
    }
    written.getMessageTypeList().forEach(m -> out.addMessageType(message(m)));
    written.getEnumTypeList().forEach(e -> out.addEnumType(enumType(e)));
    return out.build();
  }

  /** The normal form as text, as Confluent stores a schema registered with {@code normalize=true}. */
  public static String text(ProtobufParsedSchema proto) {
    return DescriptorReader.render(descriptor(proto));
  }

  /** A compact identity of the normal form, for matching schemas. */
  public static String key(ProtobufParsedSchema proto) {
    return Base64.getEncoder().encodeToString(descriptor(proto).toByteArray());
  }

  private static DescriptorProto message(DescriptorProto message) {
    DescriptorProto.Builder out = message.toBuilder().clearField().clearOneofDecl().clearNestedType()
        .clearEnumType().clearReservedRange().clearReservedName();
    // Real oneofs by their lowest member number, synthetic (proto3 optional) ones after them.
    List<Integer> real = new ArrayList<>();
    List<Integer> synthetic = new ArrayList<>();
    for (int i = 0; i < message.getOneofDeclCount(); i++) {
      final int index = i;
      boolean isSynthetic = message.getFieldList().stream()
          .anyMatch(f -> f.hasOneofIndex() && f.getOneofIndex() == index && f.getProto3Optional());
      (isSynthetic ? synthetic : real).add(i);
    }
    real.sort(Comparator.comparingInt(i -> lowestMember(message, i)));
    synthetic.sort(Comparator.comparingInt(i -> lowestMember(message, i)));
    List<Integer> order = new ArrayList<>(real);
    order.addAll(synthetic);
    for (int oldIndex : order) {
      OneofDescriptorProto oneOf = message.getOneofDecl(oldIndex);
      out.addOneofDecl(oneOf);
    }
    message.getFieldList().stream().sorted(Comparator.comparingInt(FieldDescriptorProto::getNumber)).forEach(f -> {
      FieldDescriptorProto.Builder field = f.toBuilder();
      if (f.hasOneofIndex()) {
        field.setOneofIndex(order.indexOf(f.getOneofIndex()));
      }
      out.addField(field);
    });
    List<DescriptorProto> declared = new ArrayList<>();
    List<DescriptorProto> mapEntries = new ArrayList<>();
    for (DescriptorProto nested : message.getNestedTypeList()) {
      (nested.getOptions().getMapEntry() ? mapEntries : declared).add(message(nested));
    }
    mapEntries.sort(Comparator.comparing(DescriptorProto::getName));
    out.addAllNestedType(declared).addAllNestedType(mapEntries);
    message.getEnumTypeList().forEach(e -> out.addEnumType(enumType(e)));
    message.getReservedRangeList().stream()
        .sorted(Comparator.comparingInt(DescriptorProto.ReservedRange::getStart)).forEach(out::addReservedRange);
    message.getReservedNameList().stream().sorted().forEach(out::addReservedName);
    return out.build();
  }

  private static int lowestMember(DescriptorProto message, int oneOfIndex) {
    return message.getFieldList().stream().filter(f -> f.hasOneofIndex() && f.getOneofIndex() == oneOfIndex)
        .mapToInt(FieldDescriptorProto::getNumber).min().orElse(Integer.MAX_VALUE);
  }

  private static EnumDescriptorProto enumType(EnumDescriptorProto enumType) {
    EnumDescriptorProto.Builder out = enumType.toBuilder().clearValue().clearReservedRange().clearReservedName();
    enumType.getValueList().stream()
        .sorted(Comparator.comparingInt(EnumValueDescriptorProto::getNumber).thenComparing(EnumValueDescriptorProto::getName))
        .forEach(out::addValue);
    enumType.getReservedRangeList().stream()
        .sorted(Comparator.comparingInt(EnumDescriptorProto.EnumReservedRange::getStart)).forEach(out::addReservedRange);
    enumType.getReservedNameList().stream().sorted().forEach(out::addReservedName);
    return out.build();
  }
}
