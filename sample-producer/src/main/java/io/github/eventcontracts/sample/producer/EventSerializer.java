package io.github.eventcontracts.sample.producer;

import com.google.protobuf.Message;
import io.github.eventcontracts.serde.AvroSerializer;
import io.github.eventcontracts.serde.ProtobufSerializer;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One value serializer for both kinds of generated event: Protobuf messages go through
 * {@link ProtobufSerializer}, everything else (Avro SpecificRecords) through {@link AvroSerializer}.
 * Both take the same Confluent-style configuration.
 */
public final class EventSerializer implements Serializer<Object> {
  private final AvroSerializer avro = new AvroSerializer();
  private final ProtobufSerializer<Message> protobuf = new ProtobufSerializer<>();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    avro.configure(configs, isKey);
    protobuf.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    return data instanceof Message message ? protobuf.serialize(topic, message) : avro.serialize(topic, data);
  }
}
