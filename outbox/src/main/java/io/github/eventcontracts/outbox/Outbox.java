package io.github.eventcontracts.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events into the {@code outbox} table inside the caller's JDBC transaction: the event is
 * published if and only if that transaction commits (a relay copies committed rows to Kafka). The
 * event is serialized here, with the registry's serializer, so the row holds the exact frame a
 * consumer will read, schema id included.
 */
public final class Outbox {
  /** The header every outbox event carries, its unique id: what consumers deduplicate by. */
  public static final String EVENT_ID_HEADER = "event-id";

  static final ObjectMapper JSON = new ObjectMapper();

  private final Serializer<Object> serializer;

  /** @param serializer configured for values (e.g. schema-serde's AvroSerializer) */
  public Outbox(Serializer<Object> serializer) {
    this.serializer = serializer;
  }

  /** Creates the outbox table in the connection's database dialect (PostgreSQL, MySQL, MariaDB). */
  public static void createTable(Connection connection) throws SQLException {
    OutboxDialect.of(connection).createOutbox(connection);
  }

  /**
   * Serializes {@code event} for {@code topic} and writes it in the caller's transaction; the
   * connection's auto-commit must be off, or the event would not share the business change's fate.
   */
  public OutboxEvent append(Connection connection, String topic, String key, Object event, Map<String, String> headers)
      throws SQLException {
    if (connection.getAutoCommit()) {
      throw new IllegalStateException("the outbox row must be written in the business transaction: turn auto-commit off");
    }
    UUID eventId = UUID.randomUUID();
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(EVENT_ID_HEADER, eventId.toString());
    OutboxEvent row = new OutboxEvent(eventId, topic, key, serializer.serialize(topic, event), all);
    write(connection, OutboxDialect.of(connection), row);
    return row;
  }

  static void write(Connection connection, OutboxDialect dialect, OutboxEvent row) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO outbox (event_id, aggregate_id, topic, payload, headers) VALUES (?, ?, ?, ?, ?)")) {
      dialect.setUuid(insert, 1, row.eventId());
      insert.setString(2, row.key());
      insert.setString(3, row.topic());
      insert.setBytes(4, row.frame());
      insert.setString(5, headersJson(row.headers()));
      insert.executeUpdate();
    }
  }

  static String headersJson(Map<String, String> headers) {
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> headers(String json) {
    try {
      return JSON.readValue(json, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an outbox row's headers are not a JSON object: " + json, e);
    }
  }
}
