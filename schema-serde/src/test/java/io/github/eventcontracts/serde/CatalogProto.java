package io.github.eventcontracts.serde;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * protoc's descriptors of {@code META-INF/schemas/interop/catalog.proto} and its import
 * {@code money.proto} (test resources, descriptor set {@value #RESOURCE}): map fields beside nested
 * messages at two levels, so protoc's synthetic map entry types sit among the nested types that
 * message-index paths count.
 */
final class CatalogProto {
  static final String RESOURCE = "interop/catalog.protoc.pb";
  static final FileDescriptor MONEY_FILE;
  static final FileDescriptor FILE;

  static {
    try (InputStream in = CatalogProto.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      FileDescriptorSet set = FileDescriptorSet.parseFrom(in);
      MONEY_FILE = FileDescriptor.buildFrom(file(set, "interop/money.proto"), new FileDescriptor[0]);
      FILE = FileDescriptor.buildFrom(file(set, "interop/catalog.proto"),
          new FileDescriptor[] {TimestampProto.getDescriptor(), MONEY_FILE});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Descriptor CATALOG = FILE.findMessageTypeByName("Catalog");
  static final Descriptor ITEM = CATALOG.findNestedTypeByName("Item");
  static final Descriptor VARIANT = ITEM.findNestedTypeByName("Variant");
  static final Descriptor AUDIT = FILE.findMessageTypeByName("Audit");
  static final Descriptor CHANGE = AUDIT.findNestedTypeByName("Change");
  static final Descriptor DETAIL = CHANGE.findNestedTypeByName("Detail");
  static final Descriptor MONEY = MONEY_FILE.findMessageTypeByName("Money");

  private CatalogProto() {}

  private static FileDescriptorProto file(FileDescriptorSet set, String name) {
    return set.getFileList().stream().filter(f -> f.getName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not in " + RESOURCE));
  }
}
