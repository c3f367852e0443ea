package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.orders.OrderCreated;
import io.github.eventcontracts.serde.AvroDeserializer;
import io.github.eventcontracts.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL (embedded binaries, wal_level=logical) or MariaDB (binlog in ROW format), real Kafka (in-process KRaft) and our
 * registry: 5,000 orders, every tenth rolled back after writing its outbox row. Each relay must
 * deliver exactly the committed orders' events, in order per key, as frames that decode with the
 * registered schema.
 */
class OutboxEndToEndTest extends OutboxTestBase {
  static final int ORDERS = 5_000;
  static final int CUSTOMERS = 50;

  @TempDir Path tmp;

  private static Outbox outbox() {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    return new Outbox(serializer);
  }

  /** Places the orders; returns the committed ones in the order they were committed. */
  private static List<OrderCreated> placeOrders(OrderService service, DataSource ds) throws SQLException {
    List<OrderCreated> committed = new ArrayList<>();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (Connection connection = ds.getConnection()) { // one connection, a transaction per order
      for (int i = 0; i < ORDERS; i++) {
        boolean rollBack = i % 10 == 7;
        OrderCreated order = service.placeOrder(connection, "customer-" + (i % CUSTOMERS), 100 + i,
            start.plusMillis(i), rollBack);
        if (!rollBack) {
          committed.add(order);
        }
      }
    }
    return committed;
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "enable.idempotence", true,
        "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Test
  void changeDataCaptureRelaysExactlyTheCommittedEvents() throws Exception {
    String topic = OrderService.TOPIC;
    kafka.createTopics(3, topic);
    DataSource ds = database("cdc");
    OrderService service = new OrderService(ds, outbox());
    List<OrderCreated> committed;
    try (KafkaProducer<byte[], byte[]> producer = producer();
        CdcRelay relay = CdcRelay.start(fixture.cdcSettings("cdc", "outbox_cdc", tmp.resolve("offsets.dat")), producer)) {
      committed = placeOrders(service, ds);
      List<ConsumerRecord<byte[], byte[]>> records = readExactly(topic, committed.size());
      verify(committed, records);
      assertThat(relay.relayed()).isEqualTo(committed.size());
    }
  }

  @Test
  void pollingRelaysExactlyTheCommittedEvents() throws Exception {
    String topic = OrderService.TOPIC + "-polled";
    kafka.createTopics(3, topic);
    DataSource ds = database("polling");
    List<OrderCreated> committed = placeOrdersTo(ds, topic);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      PollingRelay relay = new PollingRelay(ds, producer, 500);
      int sent = 0;
      for (int n = relay.relayOnce(); n > 0; n = relay.relayOnce()) {
        sent += n;
      }
      assertThat(sent).isEqualTo(committed.size());
    }
    verify(committed, readExactly(topic, committed.size()));
  }

  /** As placeOrders, writing the events to another topic (the polling test's own). */
  private static List<OrderCreated> placeOrdersTo(DataSource ds, String topic) throws SQLException {
    Outbox outbox = outbox();
    List<OrderCreated> committed = new ArrayList<>();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < ORDERS; i++) {
        boolean rollBack = i % 10 == 7;
        OrderCreated order = OrderService.order("customer-" + (i % CUSTOMERS), 100 + i, start.plusMillis(i));
        outbox.append(c, topic, order.getCustomerId(), order, Map.of());
        if (rollBack) {
          c.rollback();
        } else {
          c.commit();
          committed.add(order);
        }
      }
    }
    return committed;
  }

  /** Exactly the committed events, none from a rollback, in commit order per key, decodable. */
  private static void verify(List<OrderCreated> committed, List<ConsumerRecord<byte[], byte[]>> records) {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(Map.of("schema.registry.url", registry.url(), "specific.avro.reader", true), false);
    Map<UUID, OrderCreated> expected = new HashMap<>();
    committed.forEach(o -> expected.put(o.getOrderId(), o));
    Map<String, List<Instant>> perKey = new HashMap<>();
    Set<UUID> seen = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      OrderCreated event = (OrderCreated) deserializer.deserialize(r.topic(), r.value());
      assertThat(expected).as("an event of a committed order").containsKey(event.getOrderId());
      assertThat(event).isEqualTo(expected.get(event.getOrderId()));
      assertThat(seen.add(event.getOrderId())).as("delivered once").isTrue();
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(event.getCustomerId());
      assertThat(r.headers().lastHeader("event-id")).isNotNull();
      perKey.computeIfAbsent(event.getCustomerId(), k -> new ArrayList<>()).add(event.getCreatedAt());
    }
    assertThat(seen).hasSize(committed.size());
    perKey.forEach((key, times) -> assertThat(times).as("order of %s's events", key).isSorted());
  }

  /** Reads the topic until {@code count} records arrived, then checks from its offsets that it holds no more. */
  static List<ConsumerRecord<byte[], byte[]>> readExactly(String topic, int count) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "verify-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (out.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      assertThat(out).as("records in " + topic).hasSize(count);
      Set<TopicPartition> partitions = consumer.assignment();
      long held = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()
          - consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
      assertThat(held).as("records the topic holds").isEqualTo(count);
      return out;
    }
  }
}
