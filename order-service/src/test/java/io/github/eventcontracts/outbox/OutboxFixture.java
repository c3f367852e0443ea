package io.github.eventcontracts.outbox;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real database — PostgreSQL (wal_level=logical) or MariaDB 11.4 (binlog in ROW format) — the
 * in-process Kafka and our registry, for the outbox's tests.
 */
final class OutboxFixture implements AutoCloseable {
  /** The databases the outbox runs on, each from real binaries. */
  enum Database { POSTGRESQL, MARIADB }

  final Database kind;
  final EmbeddedPostgres postgres;
  final EmbeddedMariaDb mariadb;
  final EmbeddedKafka kafka;
  final EmbeddedRegistry registry;

  OutboxFixture(Database kind) throws Exception {
    this.kind = kind;
    if (kind == Database.POSTGRESQL) {
      postgres = EmbeddedPostgres.builder()
          .setServerConfig("wal_level", "logical")
          .setServerConfig("max_replication_slots", "4")
          .setServerConfig("max_wal_senders", "4")
          .setServerConfig("synchronous_commit", "off") // the tests' speed, not their guarantees: commits stay atomic
          .start();
      mariadb = null;
    } else {
      postgres = null;
      mariadb = EmbeddedMariaDb.start();
    }
    kafka = EmbeddedKafka.start();
    registry = EmbeddedRegistry.start();
  }

  /** A fresh database with the order, outbox, processed-event and effect tables. */
  DataSource database(String name) throws SQLException {
    DataSource ds;
    if (kind == Database.POSTGRESQL) {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      ds = postgres.getDatabase("postgres", name);
    } else {
      ds = mariadb.database(name);
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      OrderService.createTables(c);
      TransactionalConsumer.createTable(c);
      s.execute(OutboxConsumerMain.effectDdl(OutboxDialect.of(c)));
    }
    return ds;
  }

  /** The database's JDBC URL, for the relay and consumer processes. */
  String jdbcUrl(String name) {
    return kind == Database.POSTGRESQL ? "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name
        : mariadb.jdbcUrl(name);
  }

  /** The CDC relay's settings for database {@code name}: PostgreSQL's slot or the binlog replica named {@code relayName}. */
  CdcRelay.Settings cdcSettings(String name, String relayName, java.nio.file.Path offsetFile) {
    String[] credentials = credentials();
    return new CdcRelay.Settings(jdbcUrl(name), credentials[1], credentials[3], relayName, offsetFile);
  }

  /** {@code --user u --password p} for those processes. */
  String[] credentials() {
    return kind == Database.POSTGRESQL ? new String[] {"--user", "postgres", "--password", "postgres"}
        : new String[] {"--user", "root", "--password", ""};
  }

  @Override
  public void close() throws Exception {
    registry.close();
    kafka.close();
    if (postgres != null) {
      postgres.close();
    }
    if (mariadb != null) {
      mariadb.close();
    }
  }
}
