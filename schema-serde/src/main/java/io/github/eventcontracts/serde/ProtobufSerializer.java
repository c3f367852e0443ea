package io.github.eventcontracts.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Protobuf messages in Confluent's wire format: 0x00, the schema id, the message-index list (the
 * message's path inside its file), then the message. The id is fetched once per (subject, message
 * type) per process and the frame is written into one exactly-sized array. Thread-safe.
 *
 * <p>The schema sent for registration or lookup is the {@code .proto} text itself, read from
 * {@code META-INF/schemas/<file>} on the class path (the event-model jar ships every contract there,
 * under the path protoc knew it by), so it is the very text the build registered. With
 * {@code use.latest.version=true} no text is needed. Imports other than {@code google/protobuf/*}
 * become references named and (as Confluent's default reference subject strategy does) subjected by
 * their import path.
 *
 * <p>With {@code use.latest.version} or {@code use.latest.with.metadata}, the version's WRITE rules
 * run on every message before it is written (CEL conditions, CEL_FIELD transforms on tagged fields),
 * with Confluent's actions ERROR, NONE and DLQ (the message as JSON to the rule's {@code dlq.topic}).
 */
public class ProtobufSerializer<T extends Message> implements Serializer<T> {
  /** Where the event-model jar keeps contract texts, by the path protoc compiled them under. */
  public static final String SCHEMA_RESOURCE_ROOT = io.github.eventcontracts.core.project.SchemaLibrary.JAR_FOLDER;
  private SerdeConfig config;
  private boolean isKey;
  private final Map<SubjectType, Target> targets = new ConcurrentHashMap<>();
  private DlqAction dlq;
  /** The last (topic, type) served: a producer mostly sends one type to one topic, so most records skip the map. */
  private volatile LastTarget last;

  private record SubjectType(String subject, Descriptor type) {}

  /**
   * The frame header to write and the registered version whose WRITE rules run on each message (the
   * version {@code use.latest.version} or {@code use.latest.with.metadata} picked, as Confluent's
   * serializer takes its rules from it; none otherwise).
   */
  private record Target(byte[] header, String subject, RegistrySchema version, boolean hasWriteRules) {
    Target(byte[] header, String subject, RegistrySchema version) {
      this(header, subject, version, DomainRules.any(version, Rule.Mode.WRITE)); // decided once, not per record
    }
  }

  private record LastTarget(String topic, Descriptor type, Target target) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.of(configs, isKey);
    this.isKey = isKey;
    this.dlq = new DlqAction(configs);
  }

  @Override
  public byte[] serialize(String topic, T message) {
    if (message == null) {
      return null;
    }
    if (config == null) {
      throw new SerializationException("ProtobufSerializer used before configure()");
    }
    Descriptor type = message.getDescriptorForType();
    LastTarget seen = last;
    Target target;
    if (seen != null && seen.type() == type && seen.topic().equals(topic)) {
      target = seen.target();
    } else {
      String subject = config.strategy().subject(topic, isKey, type.getFullName());
      target = targets.computeIfAbsent(new SubjectType(subject, type), k -> targetOf(topic, subject, type));
      last = new LastTarget(topic, type, target);
    }
    Message written = target.hasWriteRules() ? withRules(topic, target, message) : message;
    return frame(topic, target.header(), type, written);
  }

  private static byte[] frame(String topic, byte[] header, Descriptor type, Message message) {
    int size = message.getSerializedSize();
    byte[] frame = new byte[header.length + size];
    System.arraycopy(header, 0, frame, 0, header.length);
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(frame, header.length, size);
      message.writeTo(out);
      out.checkNoSpaceLeft();
      return frame;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot serialize a " + type.getFullName() + " for topic " + topic + ": "
          + e.getMessage(), e);
    }
  }

  /** The message after the version's WRITE rules, or the rule's action: an error, a dead letter, or nothing. */
  private Message withRules(String topic, Target target, Message message) {
    try {
      return ProtobufRules.run(target.version(), Rule.Mode.WRITE, message);
    } catch (DomainRules.Failed failed) {
      return dlq.onWriteFailure(failed, target.subject(), topic, message, () -> DlqAction.json(message));
    }
  }

  @Override
  public void close() {
    if (dlq != null) {
      dlq.close();
    }
  }

  private Target targetOf(String topic, String subject, Descriptor type) {
    int[] indexes = MessageIndexes.of(type);
    try {
      if (!config.latestWithMetadata().isEmpty()) {
        var latest = config.client().latestWithMetadata(subject, config.latestWithMetadata());
        return new Target(WireFrame.header(latest.id(), indexes), subject, latest.schema());
      }
      if (config.useLatestVersion()) {
        var latest = config.client().latest(subject);
        return new Target(WireFrame.header(latest.id(), indexes), subject, latest.schema());
      }
      RegistrySchema schema = schemaOf(type.getFile(), topic);
      return new Target(WireFrame.header(config.idOf(subject, schema), indexes), subject, null);
    } catch (RegistryException e) {
      throw new SerializationException("schema of " + type.getFullName() + " (" + type.getFile().getName()
          + ") for topic " + topic + " (subject " + subject + "): " + e.getMessage(), e);
    }
  }

  /** The file's registry form, its imports registered or looked up first (references first). */
  private RegistrySchema schemaOf(FileDescriptor file, String topic) {
    List<SchemaReference> references = new ArrayList<>();
    for (FileDescriptor dependency : file.getDependencies()) {
      if (io.github.eventcontracts.core.parse.ProtobufContractParser.isKnownDependency(dependency.getName())) {
        continue; // well-known types: every registry knows them, Confluent sends no reference
      }
      RegistrySchema referenced = schemaOf(dependency, topic);
      String subject = dependency.getName();
      config.idOf(subject, referenced);
      int version = config.client().lookup(subject, referenced, config.normalize()).version();
      references.add(new SchemaReference(dependency.getName(), subject, version));
    }
    return RegistrySchema.protobuf(text(file, topic), references);
  }

  private static String text(FileDescriptor file, String topic) {
    String resource = SCHEMA_RESOURCE_ROOT + file.getName();
    try (InputStream in = ProtobufDescriptors.classLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SerializationException("no schema text for " + file.getName() + " (topic " + topic + "): "
            + resource + " is not on the class path. Put the event-model jar (which ships its contracts "
            + "there) on the class path, or set use.latest.version=true to use the subject's latest schema");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SerializationException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
