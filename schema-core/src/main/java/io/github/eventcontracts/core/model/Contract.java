package io.github.eventcontracts.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One event contract: where it came from, its language, its text, its parsed form, the other files
 * it depends on and a fingerprint that stays the same while the schema's meaning does.
 *
 * @param file the path the user knows the file by (relative to a schemas folder where possible)
 * @param type the schema language
 * @param text the file's text as read
 * @param parsed the parsed form; see {@link ParsedSchema}
 * @param references the other files this one needs, in declaration order
 * @param fingerprint hex SHA-256 of the schema's canonical form
 */
public record Contract(
    String file,
    SchemaType type,
    String text,
    ParsedSchema parsed,
    List<ContractReference> references,
    String fingerprint) {

  public Contract {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(parsed, "parsed");
    references = List.copyOf(references);
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (parsed.type() != type) {
      throw new IllegalArgumentException("parsed form is " + parsed.type() + ", contract is " + type);
    }
  }

  /**
   * Changes whenever a reader may notice: Avro's full JSON rendering (defaults, aliases, docs kept,
   * which the Parsing Canonical Form of {@link #fingerprint} drops, so removing a default would look
   * unchanged), the fingerprint for Protobuf. Decides whether a contract changed since a version.
   */
  public String revision() {
    return parsed instanceof AvroParsedSchema avro ? Fingerprints.sha256Hex(avro.schema().toString()) : fingerprint;
  }

  /** The parsed form of an Avro contract. */
  public AvroParsedSchema avro() {
    if (parsed instanceof AvroParsedSchema avro) {
      return avro;
    }
    throw new IllegalStateException(file + " is a " + type + " contract, not Avro");
  }

  /** The parsed form of a Protobuf contract. */
  public ProtobufParsedSchema protobuf() {
    if (parsed instanceof ProtobufParsedSchema proto) {
      return proto;
    }
    throw new IllegalStateException(file + " is a " + type + " contract, not Protobuf");
  }
}
