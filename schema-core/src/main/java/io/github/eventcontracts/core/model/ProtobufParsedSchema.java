package io.github.eventcontracts.core.model;

import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import java.util.Map;

/**
 * A parsed and linked Protobuf contract.
 *
 * @param file this contract's file, linked
 * @param schema the linked schema holding this file and everything it imports, so that field types
 *     can be resolved across imports
 * @param sources every file of the schema, by its import path: the name to report for it (wire's
 *     locations carry import paths, a report names files as the user sees them) and its text
 * @param packageStatement where this file's {@code package} statement is (line 1 when it has none)
 */
public record ProtobufParsedSchema(ProtoFile file, Schema schema, Map<String, ProtoSource> sources,
    Location packageStatement) implements ParsedSchema {
  /** The name to report for a file of this schema, given the path in one of wire's locations. */
  public String displayPath(String importPath) {
    ProtoSource source = sources.get(importPath);
    return source == null ? importPath : source.displayPath();
  }

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
    return ProtoStringOptions.escape(text.stripLeading(), file.toElement());
  }
}
