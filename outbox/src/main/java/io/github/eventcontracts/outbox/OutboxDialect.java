package io.github.eventcontracts.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What differs between the databases the outbox runs on: PostgreSQL, and the MySQL family (MySQL
 * 8.0.1+ and MariaDB 10.6+, which both have {@code FOR UPDATE SKIP LOCKED}). The pattern is the
 * same everywhere — the event in the business transaction, rows relayed in id order, a dedupe row
 * beside the consumer's effect — only the column types and a few statements are not.
 */
public enum OutboxDialect {
  POSTGRESQL(List.of("""
      CREATE TABLE IF NOT EXISTS outbox (
        id BIGSERIAL PRIMARY KEY,
        event_id UUID NOT NULL UNIQUE,
        aggregate_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        payload BYTEA NOT NULL,
        headers TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        sent_at TIMESTAMPTZ
      )""", "CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (id) WHERE sent_at IS NULL"), List.of("""
      CREATE TABLE IF NOT EXISTS processed_events (
        event_id UUID PRIMARY KEY,
        topic TEXT NOT NULL,
        kafka_partition INT NOT NULL,
        kafka_offset BIGINT NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )""")),
  MYSQL(List.of("""
      CREATE TABLE IF NOT EXISTS outbox (
        id BIGINT AUTO_INCREMENT PRIMARY KEY,
        event_id CHAR(36) NOT NULL UNIQUE,
        aggregate_id VARCHAR(255) NOT NULL,
        topic VARCHAR(249) NOT NULL,
        payload LONGBLOB NOT NULL,
        headers TEXT NOT NULL,
        created_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        sent_at TIMESTAMP(6) NULL,
        KEY outbox_unsent (sent_at, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""), List.of("""
      CREATE TABLE IF NOT EXISTS processed_events (
        event_id CHAR(36) PRIMARY KEY,
        topic VARCHAR(249) NOT NULL,
        kafka_partition INT NOT NULL,
        kafka_offset BIGINT NOT NULL,
        processed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""));

  private final List<String> outboxDdl;
  private final List<String> processedEventsDdl;

  OutboxDialect(List<String> outboxDdl, List<String> processedEventsDdl) {
    this.outboxDdl = outboxDdl;
    this.processedEventsDdl = processedEventsDdl;
  }

  /** The dialect of the database behind {@code connection}, from its JDBC metadata. */
  public static OutboxDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mysql") || product.contains("mariadb")) {
      return MYSQL;
    }
    throw new SQLException("the outbox runs on PostgreSQL, MySQL 8 and MariaDB, not on " + product);
  }

  /** The column type a UUID is kept in. */
  public String uuidType() {
    return this == POSTGRESQL ? "UUID" : "CHAR(36)";
  }

  /** A short text column (a key, a name). */
  public String textType() {
    return this == POSTGRESQL ? "TEXT" : "VARCHAR(255)";
  }

  /** A point in time, to the microsecond. */
  public String timestampType() {
    return this == POSTGRESQL ? "TIMESTAMPTZ" : "TIMESTAMP(6)";
  }

  void createOutbox(Connection connection) throws SQLException {
    execute(connection, outboxDdl);
  }

  void createProcessedEvents(Connection connection) throws SQLException {
    execute(connection, processedEventsDdl);
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql); // one at a time: MySQL's drivers take no multi-statement strings by default
      }
    }
  }

  /** A UUID as this dialect's columns hold it: PostgreSQL's uuid, the MySQL family's CHAR(36). */
  public void setUuid(PreparedStatement statement, int index, UUID eventId) throws SQLException {
    if (this == POSTGRESQL) {
      statement.setObject(index, eventId);
    } else {
      statement.setString(index, eventId.toString());
    }
  }

  /** Marks relayed rows as sent, in one statement. */
  void markSent(Connection connection, List<Long> ids) throws SQLException {
    if (this == POSTGRESQL) {
      try (PreparedStatement mark = connection.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY (?)")) {
        mark.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
        mark.executeUpdate();
      }
      return;
    }
    try (PreparedStatement mark = connection.prepareStatement("UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(6) WHERE id IN ("
        + String.join(",", Collections.nCopies(ids.size(), "?")) + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        mark.setLong(i + 1, ids.get(i));
      }
      mark.executeUpdate();
    }
  }

  /**
   * Claims an event for a consumer: true when this transaction is the first to handle it. On
   * PostgreSQL {@code ON CONFLICT DO NOTHING}; on MySQL and MariaDB a plain insert whose duplicate
   * key refusal means "seen" (their drivers report a no-op upsert as a changed row, so an upsert
   * cannot tell).
   */
  boolean claim(Connection connection, UUID eventId, String topic, int partition, long offset) throws SQLException {
    String sql = "INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?)"
        + (this == POSTGRESQL ? " ON CONFLICT (event_id) DO NOTHING" : "");
    try (PreparedStatement claim = connection.prepareStatement(sql)) {
      setUuid(claim, 1, eventId);
      claim.setString(2, topic);
      claim.setInt(3, partition);
      claim.setLong(4, offset);
      return claim.executeUpdate() > 0;
    } catch (java.sql.SQLIntegrityConstraintViolationException e) {
      if (this == MYSQL) {
        return false;
      }
      throw e;
    } catch (SQLException e) {
      if (this == MYSQL && "23000".equals(e.getSQLState())) {
        return false; // a driver that reports the duplicate key without the specific subclass
      }
      throw e;
    }
  }
}
