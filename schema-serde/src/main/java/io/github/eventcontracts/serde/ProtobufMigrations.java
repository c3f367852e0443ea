package io.github.eventcontracts.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.github.eventcontracts.core.descriptor.FileDescriptors;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Protobuf message written under one version read as another, across major versions, as
 * Confluent's Java deserializer does it: the message, read with the writer's registered schema, as
 * Protobuf JSON; the {@link MigrationPath}'s rules on it; the result read into the target version's
 * message. Both versions' descriptors come from the registry, since the class path holds one.
 */
final class ProtobufMigrations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MigrationPath path;
  private final Descriptor writer;
  private final Descriptor target;

  private ProtobufMigrations(MigrationPath path, Descriptor writer, Descriptor target) {
    this.path = path;
    this.writer = writer;
    this.target = target;
  }

  /**
   * @param writerVersion the version of {@code subject} the frame's id is
   * @param messageName the message the frame carries (its index path resolved)
   */
  static ProtobufMigrations between(RegistryClient client, String subject, int writerVersion, RegistrySchema writer,
      String messageName, SubjectVersion target) {
    return new ProtobufMigrations(MigrationPath.between(client, subject, writerVersion, target),
        message(client, writer, messageName), message(client, target.schema(), messageName));
  }

  Descriptor target() {
    return target;
  }

  /** The payload (the writer's bytes) as the target version's message. */
  DynamicMessage migrate(byte[] data, int offset, int length) throws DomainRules.Failed, IOException {
    DynamicMessage written = DynamicMessage.parseFrom(writer, CodedInputStream.newInstance(data, offset, length));
    JsonNode json = path.run(JSON.readTree(JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(written)));
    DynamicMessage.Builder out = DynamicMessage.newBuilder(target);
    JsonFormat.parser().merge(JSON.writeValueAsString(json), out);
    return out.build();
  }

  /** The named message (else the file's first) of a registered schema, built with its references. */
  static Descriptor message(RegistryClient client, RegistrySchema schema, String messageName) {
    List<SourceFile> references = new ArrayList<>();
    client.referencedSchemas(schema.references()).forEach((name, s) -> references.add(new SourceFile(name, name,
        s.schema())));
    try {
      FileDescriptor file = FileDescriptors.build(new ProtobufContractParser().parse(new SourceFile("registered.proto",
          "registered.proto", schema.schema()), ImportResolver.of(references)).protobuf());
      Descriptor found = find(file, messageName);
      if (found == null && file.getMessageTypes().isEmpty()) {
        throw new IllegalArgumentException("it declares no message");
      }
      return found != null ? found : file.getMessageTypes().get(0);
    } catch (Exception e) {
      throw new org.apache.kafka.common.errors.SerializationException("a registered version of the subject is no "
          + "usable .proto for a migration: " + e.getMessage(), e);
    }
  }

  private static Descriptor find(FileDescriptor file, String fullName) {
    String pkg = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
    if (!fullName.startsWith(pkg)) {
      return null;
    }
    String[] parts = fullName.substring(pkg.length()).split("\\.");
    Descriptor current = file.findMessageTypeByName(parts[0]);
    for (int i = 1; current != null && i < parts.length; i++) {
      current = current.findNestedTypeByName(parts[i]);
    }
    return current;
  }
}
