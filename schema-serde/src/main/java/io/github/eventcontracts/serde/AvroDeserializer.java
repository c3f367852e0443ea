package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro frames: the writer schema comes from the registry by the id in
 * the frame (once per id per process); with {@code specific.avro.reader} records decode into their
 * generated classes when those are on the classpath. Any bad input, truncated or hostile, is a
 * {@link SerializationException} naming the topic and the id.
 */
public class AvroDeserializer implements Deserializer<Object> {
  private SerdeConfig config;
  private boolean isKey;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  /** Per id, its registered version when that has READ rules (decided once, not per record). */
  private final Map<Integer, java.util.Optional<RegistrySchema>> readRules = new ConcurrentHashMap<>();
  /** With {@code use.latest.with.metadata}: per writer id, the way to the target version (empty: none needed). */
  private final Map<Integer, java.util.Optional<AvroMigrations>> migrations = new ConcurrentHashMap<>();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.of(configs, isKey);
    this.isKey = isKey;
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new SerializationException("AvroDeserializer used before configure()");
    }
    WireFrame.Header header = WireFrame.read(topic, data, false);
    DatumReader<Object> reader = readers.computeIfAbsent(header.schemaId(), id -> readerFor(topic, id));
    try {
      BoundedDecoder decoder = new BoundedDecoder(data, header.payloadOffset(), data.length - header.payloadOffset(),
          config.maxZeroByteItems());
      Object value = reader.read(null, decoder);
      if (!decoder.atEnd()) {
        throw new SerializationException("frame with schema id " + header.schemaId() + " on topic " + topic
            + " has bytes after the record: it was not written with that schema");
      }
      if (!config.latestWithMetadata().isEmpty()) {
        return migrated(topic, header.schemaId(), value);
      }
      java.util.Optional<RegistrySchema> version = readRules.computeIfAbsent(header.schemaId(),
          id -> java.util.Optional.of(registered(topic, id)).filter(v -> DomainRules.any(v, Rule.Mode.READ)));
      if (version.isPresent()) {
        return withReadRules(topic, version.get(), AvroSchemas.of(value), value);
      }
      return value;
    } catch (SerializationException e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      throw new SerializationException("cannot decode the Avro payload with schema id " + header.schemaId()
          + " on topic " + topic + ": " + e, e);
    }
  }

  /**
   * The value as the subject's latest version with the configured metadata (e.g. the latest of
   * major version 2), migrated by the versions' rules when it was written under another.
   */
  private Object migrated(String topic, int id, Object value) throws java.io.IOException {
    java.util.Optional<AvroMigrations> way = migrations.computeIfAbsent(id, key -> wayFrom(topic, key));
    if (way.isEmpty()) {
      return value;
    }
    try {
      return way.get().migrate(value);
    } catch (DomainRules.Failed failed) {
      if (failed.action.equals("NONE")) {
        return value;
      }
      throw new SerializationException(failed.getMessage() + " (topic " + topic + ", schema id " + id + ")", failed);
    }
  }

  /** The registered schema of an id, with the data contract whose READ rules run on its records. */
  private RegistrySchema registered(String topic, int id) {
    try {
      return config.client().schemaById(id);
    } catch (RegistryException e) {
      throw new SerializationException("schema id " + id + " on topic " + topic + ": " + e.getMessage(), e);
    }
  }

  /** The value after the version's READ rules (a transform works on a copy), or the rule's error. */
  private Object withReadRules(String topic, RegistrySchema version, Schema schema, Object value) {
    try {
      return AvroRules.run(version, Rule.Mode.READ, schema, value);
    } catch (DomainRules.Failed failed) {
      if (failed.action.equals("NONE")) {
        return value;
      }
      // no dead letters on read: the consumer's own error handling decides (the sample consumer's DLQ)
      throw new SerializationException(failed.getMessage() + " (topic " + topic + ")", failed);
    }
  }

  private java.util.Optional<AvroMigrations> wayFrom(String topic, int id) {
    Schema writer = writerSchema(topic, id);
    String subject = config.strategy().subject(topic, isKey, AvroSchemas.recordName(writer));
    try {
      var target = config.client().latestWithMetadata(subject, config.latestWithMetadata());
      if (target.id() == id) {
        return java.util.Optional.empty();
      }
      int writerVersion = config.client().subjectVersionsById(id).stream().filter(v -> v.subject().equals(subject))
          .mapToInt(v -> v.version()).max().orElseThrow(() -> new SerializationException("schema id " + id
              + " on topic " + topic + " is no version of " + subject + ": it cannot be migrated to "
              + config.latestWithMetadata()));
      return java.util.Optional.of(AvroMigrations.between(config.client(), subject, writerVersion, target, writer,
          writerSchema(topic, target.id())));
    } catch (RegistryException e) {
      throw new SerializationException("subject " + subject + " on topic " + topic + ", the latest version with "
          + config.latestWithMetadata() + ": " + e.getMessage(), e);
    }
  }

  private DatumReader<Object> readerFor(String topic, int id) {
    Schema writer = writerSchema(topic, id);
    if (config.specificReader()) {
      Class<?> generated = SpecificData.get().getClass(writer);
      if (generated != null) {
        return new SpecificDatumReader<>(writer, SpecificData.get().getSchema(generated));
      }
    }
    return new GenericDatumReader<>(writer);
  }

  private Schema writerSchema(String topic, int id) {
    try {
      RegistrySchema schema = config.client().schemaById(id);
      if (!RegistrySchema.AVRO.equals(schema.schemaType())) {
        throw new SerializationException("schema id " + id + " on topic " + topic + " is " + schema.schemaType()
            + ", not Avro");
      }
      Schema.Parser parser = new Schema.Parser();
      config.client().referencedSchemas(schema.references()).values().forEach(r -> parser.parse(r.schema()));
      return parser.parse(schema.schema());
    } catch (RegistryException e) {
      throw new SerializationException("schema id " + id + " on topic " + topic + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      throw new SerializationException("schema id " + id + " on topic " + topic + " is not a usable Avro schema: "
          + e.getMessage(), e);
    }
  }
}
