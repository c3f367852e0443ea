package io.github.eventcontracts.registry.client;

import java.util.Objects;

/**
 * A reference from one schema to a schema registered under another subject: {@code name} is what
 * the referencing schema calls it (the proto import path, or the Avro full name).
 */
public record SchemaReference(String name, String subject, int version) {
  /**
   * How deep references may chain (a schema referencing one that references another ...): the
   * client reading references and the registry resolving them stop here, so a cycle written into a
   * registry by hand ends as an error, not a stack overflow.
   */
  public static final int MAX_DEPTH = 32;

  public SchemaReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
  }
}
