package io.github.eventcontracts.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer whose effect (a row in {@code order_effects}) and dedupe row commit together, offsets
 * committed after: {@code --jdbc-url ... --bootstrap-servers ... --topic T --group G --expect N}.
 * Prints {@code handled <event-id>} or {@code duplicate dropped topic=.. partition=.. offset=..}
 * per record, and stops once N events are handled in total (across restarts).
 */
public final class OutboxConsumerMain {
  /** The effect table in a dialect's types. */
  public static String effectDdl(OutboxDialect dialect) {
    return "CREATE TABLE IF NOT EXISTS order_effects (event_id " + dialect.uuidType() + " NOT NULL, topic "
        + dialect.textType() + " NOT NULL, kafka_offset BIGINT NOT NULL)";
  }

  private OutboxConsumerMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = OutboxRelayMain.options(args);
    javax.sql.DataSource ds = OutboxRelayMain.dataSource(OutboxRelayMain.required(options, "--jdbc-url"),
        options.getOrDefault("--user", "postgres"), options.getOrDefault("--password", "postgres"));
    long expect = Long.parseLong(options.getOrDefault("--expect", "0"));
    TransactionalConsumer handler = new TransactionalConsumer(ds, (connection, record) -> {
      try (var insert = connection.prepareStatement("INSERT INTO order_effects (event_id, topic, kafka_offset) VALUES (?, ?, ?)")) {
        OutboxDialect.of(connection).setUuid(insert, 1, TransactionalConsumer.eventId(record));
        insert.setString(2, record.topic());
        insert.setLong(3, record.offset());
        insert.executeUpdate();
      }
    });
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", OutboxRelayMain.required(options, "--bootstrap-servers"),
        "group.id", options.getOrDefault("--group", "outbox-consumer"), "enable.auto.commit", false,
        "auto.offset.reset", "earliest", "max.poll.records", 200, "session.timeout.ms", 6000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(OutboxRelayMain.required(options, "--topic")));
      while (expect == 0 || processed(ds) < expect) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (handler.handle(r)) {
            System.out.println("handled " + TransactionalConsumer.eventId(r));
          } else {
            System.out.println("duplicate dropped topic=" + r.topic() + " partition=" + r.partition() + " offset="
                + r.offset());
          }
        }
        System.out.flush();
        consumer.commitSync(); // after the effects committed: a crash before this redelivers, the rows dedupe
      }
    }
  }

  private static long processed(javax.sql.DataSource ds) throws Exception {
    try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM processed_events")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
