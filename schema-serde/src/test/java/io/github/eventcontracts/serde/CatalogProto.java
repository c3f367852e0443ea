package io.github.eventcontracts.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.github.eventcontracts.core.descriptor.DescriptorWriter;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Descriptors of {@code META-INF/schemas/interop/catalog.proto} and its import {@code money.proto}
 * (test resources): map fields beside nested messages at two levels, so protoc's synthetic map
 * entry types sit among the nested types that message-index paths count.
 */
final class CatalogProto {
  static final FileDescriptor MONEY_FILE = build("interop/money.proto");
  static final FileDescriptor FILE = build("interop/catalog.proto", MONEY_FILE);
  static final Descriptor CATALOG = FILE.findMessageTypeByName("Catalog");
  static final Descriptor ITEM = CATALOG.findNestedTypeByName("Item");
  static final Descriptor VARIANT = ITEM.findNestedTypeByName("Variant");
  static final Descriptor AUDIT = FILE.findMessageTypeByName("Audit");
  static final Descriptor DETAIL = AUDIT.findNestedTypeByName("Change").findNestedTypeByName("Detail");
  static final Descriptor MONEY = MONEY_FILE.findMessageTypeByName("Money");

  private CatalogProto() {}

  private static FileDescriptor build(String name, FileDescriptor... dependencies) {
    try {
      List<SourceFile> imports = List.of(new SourceFile("interop/money.proto", "interop/money.proto",
          ProtobufSerdeTest.text("interop/money.proto")));
      var parsed = new ProtobufContractParser().parse(new SourceFile(name, name, ProtobufSerdeTest.text(name)),
          ImportResolver.of(imports));
      return FileDescriptor.buildFrom(DescriptorWriter.write(parsed.protobuf(), name), dependencies);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DescriptorValidationException e) {
      throw new IllegalStateException(e);
    }
  }
}
