package io.github.eventcontracts.serde;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.github.eventcontracts.core.descriptor.DescriptorWriter;

/**
 * The descriptor of {@code META-INF/schemas/interop/nested.proto} (test resources), built by hand
 * so the serde tests need no protoc: messages nested one and two levels deep, so frames carry index
 * lists such as [0, 0] and [1, 0, 0].
 */
final class NestedProto {
  static final FileDescriptor FILE = build();
  static final Descriptor SHIPMENT = FILE.findMessageTypeByName("Shipment");
  static final Descriptor PARCEL = SHIPMENT.findNestedTypeByName("Parcel");
  static final Descriptor DETAIL = FILE.findMessageTypeByName("Audit").findNestedTypeByName("Change")
      .findNestedTypeByName("Detail");

  private NestedProto() {}

  private static FieldDescriptorProto field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
        .setLabel(Label.LABEL_OPTIONAL).setJsonName(jsonName(name)).build();
  }

  private static FieldDescriptorProto repeated(String name, int number, String typeName) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(Type.TYPE_MESSAGE)
        .setTypeName(typeName).setLabel(Label.LABEL_REPEATED).setJsonName(jsonName(name)).build();
  }

  private static String jsonName(String name) {
    return DescriptorWriter.defaultJsonName(name);
  }

  private static FileDescriptor build() {
    DescriptorProto parcel = DescriptorProto.newBuilder().setName("Parcel")
        .addField(field("parcel_id", 1, Type.TYPE_STRING)).addField(field("weight_grams", 2, Type.TYPE_INT32)).build();
    DescriptorProto shipment = DescriptorProto.newBuilder().setName("Shipment")
        .addField(field("shipment_id", 1, Type.TYPE_STRING))
        .addField(repeated("parcels", 2, ".acme.interop.Shipment.Parcel"))
        .addNestedType(parcel).build();
    DescriptorProto detail = DescriptorProto.newBuilder().setName("Detail")
        .addField(field("field", 1, Type.TYPE_STRING)).addField(field("value", 2, Type.TYPE_STRING)).build();
    DescriptorProto change = DescriptorProto.newBuilder().setName("Change")
        .addField(repeated("details", 1, ".acme.interop.Audit.Change.Detail")).addNestedType(detail).build();
    DescriptorProto audit = DescriptorProto.newBuilder().setName("Audit")
        .addField(field("actor", 1, Type.TYPE_STRING)).addNestedType(change).build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("interop/nested.proto").setSyntax("proto3")
        .setPackage("acme.interop").addMessageType(shipment).addMessageType(audit).build();
    try {
      return FileDescriptor.buildFrom(file, new FileDescriptor[0]);
    } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }
}
