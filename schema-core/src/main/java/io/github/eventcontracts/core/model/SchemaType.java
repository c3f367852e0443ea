package io.github.eventcontracts.core.model;

import io.github.eventcontracts.core.diag.UserInputException;
import java.util.Locale;
import java.util.Optional;

/** The schema languages a contract can be written in, named as Confluent's {@code schemaType}. */
public enum SchemaType {
  AVRO(".avsc"),
  PROTOBUF(".proto");

  private final String extension;

  SchemaType(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** The type implied by a file name's extension, if it is one we read. */
  public static Optional<SchemaType> forFileName(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (SchemaType type : values()) {
      if (lower.endsWith(type.extension)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Parses a user-supplied type name, accepting Confluent's spelling in any case. */
  public static SchemaType parse(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    if (upper.equals("PROTO")) {
      return PROTOBUF;
    }
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          "unknown schema type '" + name + "': use AVRO or PROTOBUF");
    }
  }
}
