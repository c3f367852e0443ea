package io.github.eventcontracts.core.model;

import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;

/**
 * A parsed and linked Protobuf contract.
 *
 * @param file this contract's file, linked
 * @param schema the linked schema holding this file and everything it imports, so that field types
 *     can be resolved across imports
 */
public record ProtobufParsedSchema(ProtoFile file, Schema schema) implements ParsedSchema {
  @Override
  public SchemaType type() {
    return SchemaType.PROTOBUF;
  }

  /**
   * Wire's rendering of the file (formatting normalized, declarations in order), without the header
   * wire puts first, which names the file's path: the same schema read from anywhere is equal.
   */
  @Override
  public String canonicalForm() {
    String text = file.toSchema();
    while (text.startsWith("// Proto schema formatted by Wire") || text.startsWith("// Source:")) {
      int newline = text.indexOf('\n');
      text = newline < 0 ? "" : text.substring(newline + 1);
    }
    return text.stripLeading();
  }
}
