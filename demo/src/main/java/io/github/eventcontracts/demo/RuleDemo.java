package io.github.eventcontracts.demo;

import com.acme.common.Money;
import com.acme.orders.OrderCreated;
import com.acme.orders.SalesChannel;
import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.serde.AvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The data contract at work: {@code schemas/avro/order-created.ruleset.json} (registered by the
 * plugin beside the schema) says an order's total is positive, and sends a record that breaks it
 * to a dead-letter topic. A producer taking its rules from the registered version
 * ({@code use.latest.version}) sends an order of zero: the serializer refuses it and the record
 * lands in the rule's dead-letter topic, with Confluent's {@code __rule.*} headers.
 */
final class RuleDemo {
  static final String RULE = "positiveTotal";
  static final String DEAD_LETTERS = "order-created.rules-dlq";

  /** What happened: orders refused by the rule, records found in its dead-letter topic. */
  record Result(int refused, int deadLettered, String reason) {}

  private RuleDemo() {}

  static Result run(String bootstrapServers, String registryUrl, String topic) {
    EmbeddedKafka.createTopics(bootstrapServers, 1, DEAD_LETTERS);
    OrderCreated free = OrderCreated.newBuilder()
        .setOrderId(UUID.randomUUID())
        .setCustomerId("customer-0")
        .setCreatedAt(Instant.now())
        .setTotal(Money.newBuilder().setUnits(0).setCurrency("EUR").build())
        .setChannel(SalesChannel.WEB)
        .setCouponCode(null)
        .build();
    int refused = 0;
    String reason = null;
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl,
        "auto.register.schemas", false, "use.latest.version", true);
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
        serializer(config))) {
      producer.send(new ProducerRecord<>(topic, free.getOrderId().toString(), free));
    } catch (SerializationException e) {
      refused++;
      reason = e.getMessage();
    }
    return new Result(refused, countDeadLetters(bootstrapServers), reason);
  }

  private static AvroSerializer serializer(Map<String, Object> config) {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config, false);
    return serializer;
  }

  /** The dead letters the rule wrote: sent and flushed before the serializer failed, so they are there. */
  private static int countDeadLetters(String bootstrapServers) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "group.id", "rule-demo-" + System.nanoTime(), "auto.offset.reset", "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      int count = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (count == 0 && System.nanoTime() < deadline) {
        count += consumer.poll(Duration.ofMillis(500)).count();
      }
      return count;
    }
  }
}
