package io.github.eventcontracts.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.core.parse.JsonLocations;
import org.apache.avro.Schema;

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

  /**
   * Avro's own JSON rendering: formatting normalized, but defaults, aliases, docs and logical types
   * kept, as Confluent's registry compares Avro schemas. (Avro's Parsing Canonical Form drops
   * defaults and aliases, so removing a default, which can break readers, would look unchanged.)
   */
  @Override
  public String canonicalForm() {
    return schema.toString();
  }
}
