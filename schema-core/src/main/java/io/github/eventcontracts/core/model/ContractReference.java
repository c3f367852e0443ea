package io.github.eventcontracts.core.model;

import java.util.Objects;

/**
 * A dependency of one contract on another file: an Avro named type defined elsewhere, or a proto
 * import. {@code name} is what the registry calls the reference name (the Avro full name or the
 * import path); {@code file} is the file that provides it.
 */
public record ContractReference(String name, String file) {
  public ContractReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
  }
}
