package io.github.eventcontracts.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the outbox keeps it and Kafka receives it: the value is already a Confluent frame
 * (magic byte, schema id, body), so the relay copies bytes and never needs the schema.
 *
 * @param eventId unique per event; consumers dedupe on it (also sent as the {@code event-id} header)
 * @param key the Kafka key (the aggregate id): events of one key keep their order
 */
public record OutboxEvent(UUID eventId, String topic, String key, byte[] frame, Map<String, String> headers) {
  public OutboxEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(frame, "frame");
    headers = Map.copyOf(headers);
  }
}
