package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binlog relay's own promises on a real MariaDB 11.4, Kafka stood in by a MockProducer: columns
 * found by name through an ALTER TABLE (no schema history), UTF-8 text, settings and positions it
 * cannot work with refused with what to do, and a Kafka refusal that stops it without moving its
 * recorded position.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BinlogRelayTest {
  private EmbeddedMariaDb mariadb;
  @TempDir Path tmp;

  @BeforeAll
  void start() {
    mariadb = EmbeddedMariaDb.start();
  }

  @AfterAll
  void stop() {
    mariadb.close();
  }

  private DataSource outboxDatabase(String name) throws SQLException {
    DataSource ds = mariadb.database(name);
    try (Connection c = ds.getConnection()) {
      Outbox.createTable(c);
    }
    return ds;
  }

  private CdcRelay.Settings settings(String database) {
    return new CdcRelay.Settings(mariadb.jdbcUrl(database), "root", "", "test_" + database, tmp.resolve(database));
  }

  private static OutboxEvent insert(DataSource ds, String key, String topic) throws SQLException {
    OutboxEvent row = new OutboxEvent(UUID.randomUUID(), topic, key, ("frame of " + key).getBytes(StandardCharsets.UTF_8),
        Map.of(Outbox.EVENT_ID_HEADER, UUID.randomUUID().toString(), "note", "grüße"));
    try (Connection c = ds.getConnection()) {
      Outbox.write(c, OutboxDialect.MYSQL, row);
    }
    return row;
  }

  private static void awaitRelayed(CdcRelay relay, int count) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (relay.relayed() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the relay's own count of acknowledged events
    }
    assertThat(relay.relayed()).isEqualTo(count);
  }

  private static void assertSent(ProducerRecord<byte[], byte[]> sent, OutboxEvent row) {
    assertThat(sent.topic()).isEqualTo(row.topic());
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo(row.key());
    assertThat(sent.value()).isEqualTo(row.frame());
    assertThat(new String(sent.headers().lastHeader("note").value(), StandardCharsets.UTF_8)).isEqualTo("grüße");
  }

  @Test
  void findsTheOutboxColumnsByNameAcrossAnAlterTable() throws Exception {
    DataSource ds = outboxDatabase("altered");
    MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(),
        new ByteArraySerializer());
    try (CdcRelay relay = CdcRelay.start(settings("altered"), kafka)) {
      OutboxEvent before = insert(ds, "kunde-ä", "orders");
      awaitRelayed(relay, 1);
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        // every column moves one place right: a relay with positions remembered from before would misread them
        s.execute("ALTER TABLE outbox ADD COLUMN tenant VARCHAR(20) NULL FIRST");
      }
      OutboxEvent after = insert(ds, "kunde-ö", "payments");
      awaitRelayed(relay, 2);
      List<ProducerRecord<byte[], byte[]>> sent = kafka.history();
      assertSent(sent.get(0), before);
      assertSent(sent.get(1), after);
    }
  }

  @Test
  void refusesAServerWithoutTheSettingsItNeedsNamingEach() throws Exception {
    outboxDatabase("settings");
    try (Connection c = mariadb.database("mysql").getConnection(); Statement s = c.createStatement()) {
      s.execute("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
      s.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
      try {
        assertThatThrownBy(() -> CdcRelay.start(settings("settings"), new MockProducer<>()))
            .hasMessageContaining("binlog_row_metadata is MINIMAL, needs binlog_row_metadata=FULL")
            .hasMessageContaining("binlog_row_image is MINIMAL, needs binlog_row_image=FULL")
            .hasMessageContaining("[mysqld]");
      } finally {
        s.execute("SET GLOBAL binlog_row_metadata = 'FULL'");
        s.execute("SET GLOBAL binlog_row_image = 'FULL'");
      }
    }
  }

  @Test
  void refusesADatabaseWithoutAnOutboxTable() throws Exception {
    mariadb.database("empty");
    assertThatThrownBy(() -> CdcRelay.start(settings("empty"), new MockProducer<>()))
        .hasMessageContaining("database empty has no outbox table");
  }

  @Test
  void aPositionNoLongerInTheBinlogStopsTheRelayWithWhatToDo() throws Exception {
    outboxDatabase("purged");
    new BinlogPosition("mariadb-bin.999999", 4).write(tmp.resolve("purged"));
    CdcRelay relay = CdcRelay.start(settings("purged"), new MockProducer<>());
    try {
      Throwable why = relay.awaitFailure();
      assertThat(why).hasMessageContaining("mariadb-bin.999999:4").hasMessageContaining("Delete the offset file");
    } finally {
      relay.close();
    }
  }

  @Test
  void aKafkaRefusalStopsTheRelayAndKeepsItsPosition() throws Exception {
    DataSource ds = outboxDatabase("refused");
    MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(),
        new ByteArraySerializer());
    CdcRelay relay = CdcRelay.start(settings("refused"), kafka);
    String recorded = Files.readString(tmp.resolve("refused")); // the snapshot's position
    try {
      kafka.sendException = new KafkaException("broker says no");
      insert(ds, "k", "orders");
      assertThat(relay.awaitFailure()).hasMessageContaining("broker says no");
      assertThat(Files.readString(tmp.resolve("refused"))).as("position after the refused event").isEqualTo(recorded);
      assertThat(relay.relayed()).isZero();
    } finally {
      relay.close();
    }
  }
}
