package io.github.eventcontracts.serde;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
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
 */
public class ProtobufSerializer<T extends Message> implements Serializer<T> {
  /** Where the event-model jar keeps contract texts, by the path protoc compiled them under. */
  public static final String SCHEMA_RESOURCE_ROOT = io.github.eventcontracts.core.project.SchemaLibrary.JAR_FOLDER;
  private SerdeConfig config;
  private boolean isKey;
  private final Map<SubjectType, byte[]> headers = new ConcurrentHashMap<>();
  /** The last (topic, type) served: a producer mostly sends one type to one topic, so most records skip the map. */
  private volatile LastHeader last;

  private record SubjectType(String subject, Descriptor type) {}

  private record LastHeader(String topic, Descriptor type, byte[] header) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.of(configs, isKey);
    this.isKey = isKey;
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
    LastHeader seen = last;
    byte[] header;
    if (seen != null && seen.type() == type && seen.topic().equals(topic)) {
      header = seen.header();
    } else {
      String subject = config.strategy().subject(topic, isKey, type.getFullName());
      header = headers.computeIfAbsent(new SubjectType(subject, type), k -> header(topic, subject, type));
      last = new LastHeader(topic, type, header);
    }
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

  private byte[] header(String topic, String subject, Descriptor type) {
    int id;
    try {
      if (config.useLatestVersion()) {
        id = config.client().latest(subject).id();
      } else {
        RegistrySchema schema = schemaOf(type.getFile(), topic);
        id = config.idOf(subject, schema);
      }
    } catch (RegistryException e) {
      throw new SerializationException("schema of " + type.getFullName() + " (" + type.getFile().getName()
          + ") for topic " + topic + " (subject " + subject + "): " + e.getMessage(), e);
    }
    return WireFrame.header(id, MessageIndexes.of(type));
  }

  /** The file's registry form, its imports registered or looked up first (references first). */
  private RegistrySchema schemaOf(FileDescriptor file, String topic) {
    List<SchemaReference> references = new ArrayList<>();
    for (FileDescriptor dependency : file.getDependencies()) {
      if (dependency.getName().startsWith("google/protobuf/")) {
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
