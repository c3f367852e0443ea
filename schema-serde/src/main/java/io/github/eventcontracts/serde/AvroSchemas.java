package io.github.eventcontracts.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/** The Avro schema of a value, as Confluent's serializer derives it. */
final class AvroSchemas {
  /** Primitive values by their boxed class; the same Schema instance each time, so ids cache by identity. */
  private static final Map<Class<?>, Schema> PRIMITIVES = Map.of(
      Boolean.class, Schema.create(Schema.Type.BOOLEAN),
      Integer.class, Schema.create(Schema.Type.INT),
      Long.class, Schema.create(Schema.Type.LONG),
      Float.class, Schema.create(Schema.Type.FLOAT),
      Double.class, Schema.create(Schema.Type.DOUBLE));
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroSchemas() {}

  static Schema of(Object data) {
    if (data instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (data instanceof CharSequence) {
      return STRING;
    }
    if (data instanceof byte[] || data instanceof ByteBuffer) {
      return BYTES;
    }
    Schema primitive = PRIMITIVES.get(data.getClass());
    if (primitive != null) {
      return primitive;
    }
    throw new SerializationException("cannot serialize a " + data.getClass().getName()
        + " as Avro: use a SpecificRecord, a GenericRecord or a primitive");
  }

  /** byte[] is written as Avro bytes, which Avro's writers take as a ByteBuffer. */
  static Object value(Object data) {
    return data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
  }

  static String recordName(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getFullName();
      default -> schema.getType().getName();
    };
  }

  /** The schema text without Java-specific properties (avro.java.string), as the contract has it. */
  static String withoutJavaProperties(Schema schema) {
    return new Schema.Parser().parse(schema.toString()).toString().replaceAll(",\"avro\\.java\\.string\":\"[A-Za-z]+\"", "");
  }
}
