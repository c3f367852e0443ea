package io.github.eventcontracts.registry.client;

import java.util.List;

/** One version of a subject: what {@code GET /subjects/{s}/versions/{v}} and lookups answer. */
public record SubjectVersion(String subject, int version, int id, RegistrySchema schema) {
  public List<SchemaReference> references() {
    return schema.references();
  }
}
