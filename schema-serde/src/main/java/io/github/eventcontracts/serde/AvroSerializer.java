package io.github.eventcontracts.serde;

import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro values (SpecificRecord, GenericRecord, and primitives) in Confluent's wire format. The id of
 * each schema is fetched once per process (registered when {@code auto.register.schemas}, else
 * looked up, or the subject's latest with {@code use.latest.version}). Thread-safe.
 */
public class AvroSerializer implements Serializer<Object> {
  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
  /** One growing buffer per thread: a record costs the copy out of it, not a new, regrown buffer. */
  private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(256));
  private static final int MAX_KEPT_BUFFER = 1 << 20;
  private SerdeConfig config;
  private boolean isKey;
  private final Map<SubjectSchema, Target> ids = new ConcurrentHashMap<>();
  private DlqAction dlq;
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

  /** The last (topic, schema) served: a producer mostly sends one type to one topic, so most records skip the map. */
  private volatile LastId last;

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * The id to write and the registered version whose rules run on each value: the latest version
   * with the configured metadata ({@code use.latest.with.metadata}) or the latest
   * ({@code use.latest.version}), as Confluent's serializers take their rules from it; none otherwise
   * (the value's own schema has no rule set). {@code writeSchema}: that version's schema, which the
   * value is written with as Confluent's serializer writes it, when it is not the value's own.
   */
  private record Target(int id, String subject, RegistrySchema version, Schema writeSchema, boolean hasWriteRules) {
    Target(int id, String subject, RegistrySchema version, Schema writeSchema) {
      this(id, subject, version, writeSchema, DomainRules.any(version, Rule.Mode.WRITE)); // decided once, not per record
    }
  }

  private record LastId(String topic, Schema schema, Target target) {}

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.config = SerdeConfig.of(configs, isKey);
    this.isKey = isKey;
    this.dlq = new DlqAction(configs);
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (config == null) {
      throw new SerializationException("AvroSerializer used before configure()");
    }
    Schema schema = AvroSchemas.of(data);
    LastId seen = last;
    Target target;
    if (seen != null && seen.schema() == schema && seen.topic().equals(topic)) {
      target = seen.target();
    } else {
      String subject = config.strategy().subject(topic, isKey, AvroSchemas.recordName(schema));
      target = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> targetOf(topic, subject, schema));
      last = new LastId(topic, schema, target);
    }
    int id = target.id();
    Schema writeWith = schema;
    if (target.writeSchema() != null) {
      data = asVersion(topic, target, schema, data);
      writeWith = target.writeSchema();
    }
    if (target.hasWriteRules()) {
      data = withRules(topic, target, writeWith, data);
    }
    try {
      ByteArrayOutputStream out = BUFFER.get();
      out.reset();
      WireFrame.writeHeader(out, id);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, ENCODER.get());
      ENCODER.set(encoder);
      writers.computeIfAbsent(writeWith, AvroSerializer::writerFor).write(AvroSchemas.value(data), encoder);
      encoder.flush();
      byte[] frame = out.toByteArray();
      if (frame.length > MAX_KEPT_BUFFER) {
        BUFFER.remove(); // one huge record must not pin its buffer on this thread for good
      }
      return frame;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot serialize a " + schema.getFullName() + " for topic " + topic
          + " with schema id " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * The record as the registered version the frame will name (its id, its rules): read from the
   * record's own schema into the version's by Avro's schema resolution (fields by name, the
   * version's defaults for fields the record lacks), so the bytes always decode with that id.
   */
  private Object asVersion(String topic, Target target, Schema own, Object data) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
      writers.computeIfAbsent(own, AvroSerializer::writerFor).write(AvroSchemas.value(data), encoder);
      encoder.flush();
      return new org.apache.avro.generic.GenericDatumReader<Object>(own, target.writeSchema())
          .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("a " + own.getFullName() + " cannot be written as schema id " + target.id()
          + " of " + target.subject() + " (topic " + topic + "), the version use.latest.version or "
          + "use.latest.with.metadata picked: " + e.getMessage() + "; send records of that version's schema, or "
          + "register this one", e);
    }
  }

  /** The value after the version's WRITE rules, or the rule's action: an error, a dead letter, or nothing. */
  private Object withRules(String topic, Target target, Schema schema, Object data) {
    try {
      return AvroRules.run(target.version(), Rule.Mode.WRITE, schema, AvroSchemas.value(data));
    } catch (DomainRules.Failed failed) {
      return dlq.onWriteFailure(failed, target.subject(), topic, data,
          () -> DlqAction.json(schema, AvroSchemas.value(data)));
    }
  }

  @Override
  public void close() {
    if (dlq != null) {
      dlq.close();
    }
  }

  private Target targetOf(String topic, String subject, Schema schema) {
    String text = config.removeJavaProperties() ? AvroSchemas.withoutJavaProperties(schema) : schema.toString();
    RegistrySchema registrySchema = RegistrySchema.avro(text);
    try {
      if (!config.latestWithMetadata().isEmpty()) {
        var latest = config.client().latestWithMetadata(subject, config.latestWithMetadata());
        return new Target(latest.id(), subject, latest.schema(), writeSchema(schema, latest.schema()));
      }
      if (config.useLatestVersion()) {
        var latest = config.client().latest(subject);
        return new Target(latest.id(), subject, latest.schema(), writeSchema(schema, latest.schema()));
      }
      return new Target(config.idOf(subject, registrySchema), subject, null, null);
    } catch (RegistryException e) {
      throw new SerializationException("schema " + schema.getFullName() + " for topic " + topic + " (subject "
          + subject + "): " + e.getMessage() + (e instanceof RegistryException.SchemaNotFoundException
              && text.contains("avro.java.string") ? "; the class's schema carries avro.java.string, set "
              + "avro.remove.java.properties=true" : ""), e);
    }
  }

  /** The registered version's schema when it is not the record's own (by canonical form); else null. */
  private Schema writeSchema(Schema own, RegistrySchema version) {
    Schema.Parser parser = new Schema.Parser();
    config.client().referencedSchemas(version.references()).values().forEach(r -> parser.parse(r.schema()));
    Schema registered = parser.parse(version.schema());
    return org.apache.avro.SchemaNormalization.toParsingForm(registered).equals(
        org.apache.avro.SchemaNormalization.toParsingForm(own)) ? null : registered;
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(Schema schema) {
    return schema.getType() == Schema.Type.RECORD && isSpecific(schema)
        ? (DatumWriter<Object>) (DatumWriter<?>) new SpecificDatumWriter<>(schema)
        : new GenericDatumWriter<>(schema);
  }

  private static boolean isSpecific(Schema schema) {
    return org.apache.avro.specific.SpecificData.get().getClass(schema) != null;
  }
}
