package io.github.eventcontracts.sample.consumer;

/** One decoded event with where it came from. */
public record ConsumedEvent(String topic, int partition, long offset, String key, String eventId, int schemaId,
    Object event, String summary) {
  @Override
  public String toString() {
    return "consumed topic=" + topic + " partition=" + partition + " offset=" + offset + " schema-id=" + schemaId
        + " key=" + key + " event-id=" + eventId + " event=" + summary;
  }
}
