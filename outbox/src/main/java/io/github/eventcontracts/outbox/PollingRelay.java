package io.github.eventcontracts.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The simpler relay: poll unsent rows in id order, {@code FOR UPDATE SKIP LOCKED} so several relays
 * can share the table (PostgreSQL, MySQL 8.0.1+, MariaDB 10.6+), send them, wait for Kafka's acknowledgements, mark them sent, commit. A relay
 * killed after sending and before its commit sends those rows again (duplicates, never loss).
 * Per-key order holds with one relay; with several, rows of one key can be taken by two relays.
 */
public final class PollingRelay {
  private final DataSource dataSource;
  private final Producer<byte[], byte[]> producer;
  private final int batchSize;
  private OutboxDialect dialect;

  public PollingRelay(DataSource dataSource, Producer<byte[], byte[]> producer, int batchSize) {
    this.dataSource = dataSource;
    this.producer = producer;
    this.batchSize = batchSize;
  }

  /** Relays one batch; returns how many rows it sent (0: nothing waiting). */
  public int relayOnce() throws SQLException, ExecutionException, InterruptedException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      // READ COMMITTED: InnoDB's default REPEATABLE READ gap-locks the unsent range it scans, and
      // the application's own outbox inserts then deadlock against the relay (found by the crash
      // test once orders were written while the relay ran); PostgreSQL's default already is this
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      List<Long> ids = new ArrayList<>();
      List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT id, aggregate_id, topic, payload, headers "
          + "FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
        select.setInt(1, batchSize);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
            records.add(Relay.record(rows.getString(3), rows.getString(2), rows.getBytes(4),
                Outbox.headers(rows.getString(5))));
          }
        }
      }
      if (ids.isEmpty()) {
        connection.rollback();
        return 0;
      }
      Relay.sendAll(producer, records);
      if (dialect == null) {
        dialect = OutboxDialect.of(connection);
      }
      dialect.markSent(connection, ids);
      connection.commit();
      return ids.size();
    }
  }
}
