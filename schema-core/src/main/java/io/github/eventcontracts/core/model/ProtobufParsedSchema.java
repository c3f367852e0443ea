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

  /** Wire's rendering of the file: comments and formatting dropped, declarations in order. */
  @Override
  public String canonicalForm() {
    return file.toSchema();
  }
}
