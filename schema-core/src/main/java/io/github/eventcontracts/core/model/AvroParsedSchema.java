package io.github.eventcontracts.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.core.parse.JsonLocations;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A parsed Avro contract.
 *
 * @param schema the file's top-level schema with every reference resolved
 * @param locations where each JSON node of the file's text stands, for diagnostics
 * @param json the file's JSON as written (lint rules read it; do not modify)
 */
public record AvroParsedSchema(Schema schema, JsonLocations locations, JsonNode json) implements ParsedSchema {
  @Override
  public SchemaType type() {
    return SchemaType.AVRO;
  }

  /** Avro's Parsing Canonical Form: what Avro itself uses to decide two schemas are the same. */
  @Override
  public String canonicalForm() {
    return SchemaNormalization.toParsingForm(schema);
  }
}
