package io.github.eventcontracts.demo;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.outbox.CdcRelay;
import io.github.eventcontracts.outbox.OrderService;
import io.github.eventcontracts.outbox.Outbox;
import io.github.eventcontracts.outbox.TransactionalConsumer;
import io.github.eventcontracts.serde.AvroSerializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The outbox path of the demo: an embedded PostgreSQL (real binaries, wal_level=logical), orders and
 * their events written in one transaction (some rolled back on purpose), the CDC relay to Kafka, and
 * a consumer whose effect and dedupe row commit together.
 */
final class OutboxDemo {
  /** What happened, for the demo's outbox line. */
  record Result(int committed, int rolledBack, long relayed, long consumed) {}

  static final String TOPIC = "outbox.order-created";

  private OutboxDemo() {}

  static Result run(String bootstrapServers, String registryUrl, int orders) throws Exception {
    Path work = Files.createTempDirectory("outbox-demo");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
        .setServerConfig("max_replication_slots", "2").setServerConfig("max_wal_senders", "2")
        .setServerConfig("synchronous_commit", "on").start()) { // as in production (README: CDC latency)
      DataSource ds = postgres.getPostgresDatabase();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        OrderService.createTables(c);
        TransactionalConsumer.createTable(c);
        s.execute("CREATE TABLE IF NOT EXISTS order_effects (order_id UUID NOT NULL)");
      }
      EmbeddedKafka.createTopics(bootstrapServers, 3, TOPIC);
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(Map.of("schema.registry.url", registryUrl), false);
      OrderService service = new OrderService(ds, new Outbox(serializer), TOPIC);
      int committed = 0;
      int rolledBack = 0;
      try (Connection c = ds.getConnection()) {
        for (int i = 0; i < orders; i++) {
          boolean rollBack = i % 10 == 7; // a business rule refusing every tenth order, after writing both rows
          service.placeOrder(c, "customer-" + (i % 17), 100 + i, Instant.now(), rollBack);
          if (rollBack) {
            rolledBack++;
          } else {
            committed++;
          }
        }
      }
      long consumed;
      long relayed;
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
          "enable.idempotence", true, "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer());
          CdcRelay relay = CdcRelay.start(new CdcRelay.Settings("jdbc:postgresql://localhost:" + postgres.getPort()
              + "/postgres", "postgres", "postgres", "outbox_demo", work.resolve("offsets.dat")), producer)) {
        consumed = consume(bootstrapServers, ds, committed);
        relayed = relay.relayed();
      }
      return new Result(committed, rolledBack, relayed, consumed);
    }
  }

  /** Effects written once each, with their dedupe rows, offsets committed after. */
  private static long consume(String bootstrapServers, DataSource ds, int expected) throws SQLException {
    TransactionalConsumer handler = new TransactionalConsumer(ds, (connection, record) -> {
      try (var insert = connection.prepareStatement("INSERT INTO order_effects (order_id) VALUES (?)")) {
        insert.setObject(1, UUID.randomUUID());
        insert.executeUpdate();
      }
    });
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "group.id", "outbox-demo", "enable.auto.commit", false, "auto.offset.reset", "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (handler.handled() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          handler.handle(r);
        }
        consumer.commitSync();
      }
    }
    return handler.handled();
  }
}
