package io.github.eventcontracts.core.model;

/** A contract's schema after parsing and linking, in the form of the library that owns the language. */
public sealed interface ParsedSchema permits AvroParsedSchema, ProtobufParsedSchema {
  SchemaType type();

  /** Text that is equal for two schemas exactly when they mean the same thing. */
  String canonicalForm();
}
