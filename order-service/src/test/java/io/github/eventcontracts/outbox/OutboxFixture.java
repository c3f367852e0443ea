package io.github.eventcontracts.outbox;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Real PostgreSQL (wal_level=logical), the in-process Kafka and our registry, for the outbox's tests. */
final class OutboxFixture implements AutoCloseable {
  final EmbeddedPostgres postgres;
  final EmbeddedKafka kafka;
  final EmbeddedRegistry registry;

  OutboxFixture() throws Exception {
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("wal_level", "logical")
        .setServerConfig("max_replication_slots", "4")
        .setServerConfig("max_wal_senders", "4")
        .setServerConfig("synchronous_commit", "off") // the tests' speed, not their guarantees: commits stay atomic
        .start();
    kafka = EmbeddedKafka.start();
    registry = EmbeddedRegistry.start();
  }

  /** A fresh database with the order, outbox, processed-event and effect tables. */
  DataSource database(String name) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    DataSource ds = postgres.getDatabase("postgres", name);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      OrderService.createTables(c);
      TransactionalConsumer.createTable(c);
      s.execute(OutboxConsumerMain.EFFECT_DDL);
    }
    return ds;
  }

  @Override
  public void close() throws Exception {
    registry.close();
    kafka.close();
    postgres.close();
  }
}
