package io.github.eventcontracts.sample.consumer;

import com.acme.events.EventCatalog;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.github.eventcontracts.serde.AvroDeserializer;
import io.github.eventcontracts.serde.ProtobufDeserializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a topic's bytes into its generated event type. Which type a topic carries comes from the
 * event-model jar's catalog (subject {@code <topic>-value}), so no schema is written by hand here.
 */
public final class EventDecoder {
  private final Map<String, Deserializer<?>> byTopic = new HashMap<>();

  /** A decoded event and the schema id its frame carried. */
  public record Decoded(Object event, int schemaId) {
    /** One line: Avro records as JSON, Protobuf messages in short text form. */
    public String summary() {
      return event instanceof Message m ? m.getDescriptorForType().getName() + "{" + TextFormat.printer()
          .emittingSingleLine(true).printToString(m).trim() + "}" : event.getClass().getSimpleName() + event;
    }
  }

  public EventDecoder(String registryUrl, List<String> topics) {
    this(registryUrl, topics, Map.of());
  }

  /** @param registryClient Confluent's registry client settings beyond the URL (TLS, credentials) */
  public EventDecoder(String registryUrl, List<String> topics, Map<String, Object> registryClient) {
    for (String topic : topics) {
      EventCatalog.Entry entry = EventCatalog.forSubject(topic + "-value").orElseThrow(() -> new IllegalArgumentException(
          "topic " + topic + " has no contract in the event-model jar (no subject " + topic + "-value in EventCatalog)"));
      Map<String, Object> config = new HashMap<>();
      config.put("schema.registry.url", registryUrl);
      config.putAll(registryClient);
      Deserializer<?> deserializer;
      if (entry.schemaType().equals("PROTOBUF")) {
        config.put(ProtobufDeserializer.VALUE_TYPE, entry.load());
        deserializer = new ProtobufDeserializer<>();
      } else {
        config.put("specific.avro.reader", true);
        deserializer = new AvroDeserializer();
      }
      deserializer.configure(config, false);
      byTopic.put(topic, deserializer);
    }
  }

  /** Decodes one value; any bad frame (magic byte, unknown id, wrong type, garbage) is a SerializationException. */
  public Decoded decode(String topic, byte[] value) {
    Deserializer<?> deserializer = byTopic.get(topic);
    if (deserializer == null) {
      throw new SerializationException("no decoder for topic " + topic);
    }
    Object event = deserializer.deserialize(topic, value);
    if (event == null) {
      throw new SerializationException("null value (tombstone) on topic " + topic + ": no event to handle");
    }
    return new Decoded(event, io.github.eventcontracts.serde.WireFrame.read(topic, value, false).schemaId());
  }
}
