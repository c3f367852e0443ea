package io.github.eventcontracts.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Protobuf frames. The id names the registered {@code .proto}; the
 * message-index list names the message inside it. With {@code specific.protobuf.value.type} (or
 * {@code .key.type}) set to a generated class (or its name), messages parse into that class, and a
 * frame naming another message is refused (a {@link Descriptor} given there reads DynamicMessages of
 * that one type); otherwise they parse as {@link DynamicMessage} with descriptors from the
 * descriptor sets on the class path ({@value ProtobufDescriptors#RESOURCE}, which the event-model
 * jar ships).
 *
 * <p>{@code protobuf.frames.without.indexes=true} reads frames from clients that omit the index
 * list (the npm {@code @kafkajs/confluent-schema-registry} client writes {@code 0x00, id, message}):
 * the message then is the specific type, else the file's first message. Off by default, because
 * Confluent's frames always carry the list and guessing would misread them.
 *
 * <p>A version with READ (or WRITEREAD) domain rules has them run on every message read, as
 * Confluent's deserializer runs them. With {@code use.latest.with.metadata} (e.g.
 * {@code major_version=2}) a message written under another version is migrated to the subject's
 * latest with that metadata by the JSONata migration rules on the way ({@link ProtobufMigrations}).
 *
 * <p>Any bad input is a {@link SerializationException} naming the topic and the id. Thread-safe.
 */
public class ProtobufDeserializer<T extends Message> implements Deserializer<T> {
  public static final String VALUE_TYPE = "specific.protobuf.value.type";
  public static final String KEY_TYPE = "specific.protobuf.key.type";
  public static final String WITHOUT_INDEXES = "protobuf.frames.without.indexes";

  private SerdeConfig config;
  private Message specific;
  private boolean withoutIndexes;
  private final Map<Integer, RegisteredFile> files = new ConcurrentHashMap<>();
  /** With use.latest.with.metadata: per (id, message), the way to the target version; empty when it is the target. */
  private final Map<String, java.util.Optional<ProtobufMigrations>> migrations = new ConcurrentHashMap<>();
  private boolean isKey;

  /** Deserializer for one generated type, configured later by Kafka. */
  public ProtobufDeserializer() {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.of(configs, isKey);
    this.isKey = isKey;
    Object type = configs.get(isKey ? KEY_TYPE : VALUE_TYPE);
    this.specific = type == null ? null : defaultInstance(type);
    Object without = configs.get(WITHOUT_INDEXES);
    this.withoutIndexes = without != null && Boolean.parseBoolean(String.valueOf(without).trim());
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new SerializationException("ProtobufDeserializer used before configure()");
    }
    WireFrame.Header header = WireFrame.read(topic, data, !withoutIndexes);
    RegisteredFile file = files.computeIfAbsent(header.schemaId(), id -> registeredFile(topic, id));
    if (!config.latestWithMetadata().isEmpty()) {
      java.util.Optional<ProtobufMigrations> way = wayFrom(topic, header, file);
      if (way.isPresent()) {
        return (T) migrated(topic, header, way.get(), data);
      }
    }
    Parser<? extends Message> parser = file.parser(topic, header, this);
    Message message;
    try {
      message = parser.parseFrom(data, header.payloadOffset(), data.length - header.payloadOffset());
    } catch (Exception | StackOverflowError e) {
      throw new SerializationException("cannot decode the Protobuf payload with schema id " + header.schemaId()
          + " on topic " + topic + ": " + e.getMessage(), e);
    }
    return (T) (file.readRules == null ? message : withReadRules(topic, file.readRules, message));
  }

  /**
   * With {@code use.latest.with.metadata}: the way from the frame's version to the subject's latest
   * with that metadata, when they differ (else empty: read as written).
   */
  private java.util.Optional<ProtobufMigrations> wayFrom(String topic, WireFrame.Header header, RegisteredFile file) {
    String name = file.messageName(topic, header.messageIndexes() == null ? new int[] {0} : header.messageIndexes());
    String key = header.schemaId() + "/" + name;
    java.util.Optional<ProtobufMigrations> known = migrations.get(key);
    if (known != null) {
      return known;
    }
    String subject = config.strategy().subject(topic, isKey, name);
    java.util.Optional<ProtobufMigrations> way;
    try {
      var target = config.client().latestWithMetadata(subject, config.latestWithMetadata());
      if (target.id() == header.schemaId()) {
        way = java.util.Optional.empty();
      } else {
        int writerVersion = MigrationPath.versionOf(config.client(), subject, header.schemaId());
        if (writerVersion < 0) {
          throw new SerializationException("schema id " + header.schemaId() + " on topic " + topic + " is no version "
              + "of " + subject + ": it cannot be migrated to " + config.latestWithMetadata());
        }
        way = java.util.Optional.of(ProtobufMigrations.between(config.client(), subject, writerVersion,
            config.client().schemaById(header.schemaId()), name, target));
      }
    } catch (RegistryException e) {
      throw new SerializationException("subject " + subject + " on topic " + topic + ", the latest version with "
          + config.latestWithMetadata() + ": " + e.getMessage(), e);
    }
    if (migrations.size() < 1024) { // bounded: hostile frames must not grow it
      migrations.put(key, way);
    }
    return way;
  }

  /** The frame's message migrated to the target version (as the configured class when it is that message). */
  private Message migrated(String topic, WireFrame.Header header, ProtobufMigrations way, byte[] data) {
    try {
      Message out = way.migrate(data, header.payloadOffset(), data.length - header.payloadOffset());
      if (specific != null && specific.getDescriptorForType().getFullName().equals(way.target().getFullName())) {
        return specific.getParserForType().parseFrom(out.toByteString());
      }
      return out;
    } catch (DomainRules.Failed failed) {
      throw new SerializationException(failed.getMessage() + " (topic " + topic + ", schema id " + header.schemaId()
          + ")", failed);
    } catch (java.io.IOException | RuntimeException e) {
      throw new SerializationException("cannot migrate the Protobuf payload with schema id " + header.schemaId()
          + " on topic " + topic + " to " + config.latestWithMetadata() + ": " + e.getMessage(), e);
    }
  }

  /** The message after the version's READ rules (a transform builds a new one), or the rule's error. */
  private static Message withReadRules(String topic, RegistrySchema version, Message message) {
    try {
      return ProtobufRules.run(version, Rule.Mode.READ, message);
    } catch (DomainRules.Failed failed) {
      if (failed.action.equals("NONE")) {
        return message;
      }
      // no dead letters on read: the consumer's own error handling decides (the sample consumer's DLQ)
      throw new SerializationException(failed.getMessage() + " (topic " + topic + ")", failed);
    }
  }

  private RegisteredFile registeredFile(String topic, int id) {
    RegistrySchema schema;
    try {
      schema = config.client().schemaById(id);
    } catch (RegistryException e) {
      throw new SerializationException("schema id " + id + " on topic " + topic + ": " + e.getMessage(), e);
    }
    if (!RegistrySchema.PROTOBUF.equals(schema.schemaType())) {
      throw new SerializationException("schema id " + id + " on topic " + topic + " is " + schema.schemaType()
          + ", not Protobuf");
    }
    try {
      return new RegisteredFile(id, ProtoParser.Companion.parse(Location.get("schema-" + id + ".proto"), schema.schema()),
          DomainRules.any(schema, Rule.Mode.READ) ? schema : null);
    } catch (RuntimeException e) {
      throw new SerializationException("schema id " + id + " on topic " + topic + " is not a usable .proto: "
          + e.getMessage(), e);
    }
  }

  /**
   * One registered file and the messages resolved in it: the last one first (nearly always the next
   * one), then by index path.
   */
  private static final class RegisteredFile {
    private final int id;
    private final ProtoFileElement file;
    /** The version, when it has READ rules to run on every message; else null. */
    private final RegistrySchema readRules;
    private final Map<List<Integer>, Parser<? extends Message>> byPath = new ConcurrentHashMap<>();
    private volatile Resolved last;

    private record Resolved(int[] indexes, Parser<? extends Message> parser) {}

    RegisteredFile(int id, ProtoFileElement file, RegistrySchema readRules) {
      this.id = id;
      this.file = file;
      this.readRules = readRules;
    }

    Parser<? extends Message> parser(String topic, WireFrame.Header header, ProtobufDeserializer<?> owner) {
      Resolved seen = last;
      if (seen != null && Arrays.equals(seen.indexes, header.messageIndexes())) {
        return seen.parser;
      }
      int[] indexes = header.messageIndexes();
      List<Integer> path = indexes == null ? List.of() : Arrays.stream(indexes).boxed().toList();
      Parser<? extends Message> parser = byPath.get(path);
      if (parser == null) {
        parser = resolve(topic, indexes, owner); // a bad path throws here and is not remembered
        if (byPath.size() < 1024) { // bounded: hostile frames must not grow it
          byPath.put(path, parser);
        }
      }
      last = new Resolved(indexes, parser);
      return parser;
    }

    private Parser<? extends Message> resolve(String topic, int[] indexes, ProtobufDeserializer<?> owner) {
      String name;
      if (indexes == null) { // frame without an index list
        name = owner.specific != null ? owner.specific.getDescriptorForType().getFullName() : messageName(topic, new int[] {0});
      } else {
        name = messageName(topic, indexes);
      }
      if (owner.specific != null) {
        String expected = owner.specific.getDescriptorForType().getFullName();
        if (!expected.equals(name)) {
          throw new SerializationException("frame with schema id " + id + " on topic " + topic + " carries a " + name
              + " (message indexes " + Arrays.toString(indexes) + "), but this deserializer reads " + expected
              + " (" + VALUE_TYPE + "/" + KEY_TYPE + ")");
        }
        return owner.specific.getParserForType();
      }
      Descriptor descriptor = ProtobufDescriptors.onClassPath().find(name);
      if (descriptor == null) {
        throw new SerializationException("frame with schema id " + id + " on topic " + topic + " carries a " + name
            + ", which no descriptor set on the class path (" + ProtobufDescriptors.RESOURCE + ") describes; put the "
            + "event-model jar on the class path or set " + VALUE_TYPE + " to its generated class");
      }
      return DynamicMessage.getDefaultInstance(descriptor).getParserForType();
    }

    String messageName(String topic, int[] indexes) {
      try {
        return MessageIndexes.messageName(file, indexes);
      } catch (MessageIndexes.UnknownPathException e) {
        throw new SerializationException("frame with schema id " + id + " on topic " + topic + ": " + e.getMessage());
      }
    }
  }

  private static Message defaultInstance(Object type) {
    if (type instanceof Descriptor descriptor) { // no generated class: DynamicMessages of this type
      return DynamicMessage.getDefaultInstance(descriptor);
    }
    try {
      Class<?> cls = type instanceof Class<?> c ? c : Class.forName(String.valueOf(type).trim(), true,
          ProtobufDescriptors.classLoader());
      if (!Message.class.isAssignableFrom(cls)) {
        throw new org.apache.kafka.common.config.ConfigException(cls.getName() + " is not a generated Protobuf message class");
      }
      return (Message) cls.getMethod("getDefaultInstance").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new org.apache.kafka.common.config.ConfigException("cannot load the Protobuf class '" + type + "' ("
          + VALUE_TYPE + "/" + KEY_TYPE + "): " + e);
    }
  }
}
