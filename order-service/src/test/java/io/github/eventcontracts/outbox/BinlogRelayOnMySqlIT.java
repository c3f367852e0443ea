package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The binlog relay on MySQL 8 itself (MariaDB is what runs everywhere else): the snapshot path MySQL
 * needs (FLUSH TABLES WITH READ LOCK, SHOW MASTER STATUS), then the binlog, a rolled-back row never
 * relayed. Needs Docker; skipped cleanly without.
 */
@Testcontainers(disabledWithoutDocker = true)
class BinlogRelayOnMySqlIT {
  @Container
  static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.0")
      .withUsername("root").withPassword("secret").withDatabaseName("orders")
      .withCommand("--binlog-row-metadata=FULL", "--default-authentication-plugin=mysql_native_password");

  @TempDir Path tmp;

  private static OutboxEvent row(String key) {
    return new OutboxEvent(UUID.randomUUID(), "orders", key, key.getBytes(StandardCharsets.UTF_8),
        Map.of(Outbox.EVENT_ID_HEADER, UUID.randomUUID().toString()));
  }

  private static void write(DataSource ds, OutboxEvent row, boolean commit) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Outbox.write(c, OutboxDialect.MYSQL, row);
      if (commit) {
        c.commit();
      } else {
        c.rollback();
      }
    }
  }

  @Test
  void snapshotThenBinlogOnMySql8() throws Exception {
    DataSource ds = Databases.dataSource(MYSQL.getJdbcUrl(), "root", "secret");
    try (Connection c = ds.getConnection()) {
      Outbox.createTable(c);
    }
    OutboxEvent before = row("before");
    write(ds, before, true);
    MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(),
        new ByteArraySerializer());
    try (CdcRelay relay = CdcRelay.start(new CdcRelay.Settings(MYSQL.getJdbcUrl(), "root", "secret", "mysql_it",
        tmp.resolve("offsets")), kafka)) {
      write(ds, row("rolled-back"), false);
      OutboxEvent after = row("after");
      write(ds, after, true);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (relay.relayed() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      List<ProducerRecord<byte[], byte[]>> sent = kafka.history();
      assertThat(sent).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("before", "after");
    }
  }
}
