package io.github.eventcontracts.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * "Handled exactly once in effect": a record's effect and its {@code processed_events} row commit in
 * one database transaction, and the Kafka offset is committed only after. A redelivered record
 * (the consumer died between the database commit and the offset commit) finds its row and is
 * skipped, so the effect happens once however often the record arrives.
 */
public final class TransactionalConsumer {
  /** The effect of one record, written with the given connection, in the transaction this class owns. */
  @FunctionalInterface
  public interface Effect {
    void apply(Connection connection, ConsumerRecord<byte[], byte[]> record) throws SQLException;
  }

  private final DataSource dataSource;
  private final Effect effect;
  private long handled;
  private long duplicates;

  public TransactionalConsumer(DataSource dataSource, Effect effect) {
    this.dataSource = dataSource;
    this.effect = effect;
  }

  /** Creates {@code processed_events} in the connection's dialect (PostgreSQL, MySQL, MariaDB). */
  public static void createTable(Connection connection) throws SQLException {
    OutboxDialect.of(connection).createProcessedEvents(connection);
  }

  /** Applies the record once: true when its effect was written now, false for a duplicate. */
  public boolean handle(ConsumerRecord<byte[], byte[]> record) throws SQLException {
    UUID eventId = eventId(record);
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!dialect(connection).claim(connection, eventId, record.topic(), record.partition(), record.offset())) {
          connection.rollback();
          duplicates++;
          return false;
        }
        effect.apply(connection, record);
        connection.commit();
        handled++;
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private OutboxDialect dialect;

  private OutboxDialect dialect(Connection connection) throws SQLException {
    if (dialect == null) {
      dialect = OutboxDialect.of(connection);
    }
    return dialect;
  }

  static UUID eventId(ConsumerRecord<byte[], byte[]> record) {
    Header header = record.headers().lastHeader(Outbox.EVENT_ID_HEADER);
    if (header == null) {
      throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "/" + record.offset()
          + " has no event-id header; outbox events always carry one");
    }
    return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
  }

  public long handled() {
    return handled;
  }

  public long duplicates() {
    return duplicates;
  }
}
