package io.github.eventcontracts.registry.client;

import java.util.Objects;

/**
 * A reference from one schema to a schema registered under another subject: {@code name} is what
 * the referencing schema calls it (the proto import path, or the Avro full name).
 */
public record SchemaReference(String name, String subject, int version) {
  public SchemaReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
  }
}
