package io.github.eventcontracts.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.orders.v1.OrderShipped;
import com.acme.orders.v1.ShipmentStatus;
import io.github.eventcontracts.sample.consumer.ConsumerLoop;
import io.github.eventcontracts.sample.consumer.DeadLetters;
import io.github.eventcontracts.sample.consumer.EventHandler;
import io.github.eventcontracts.sample.consumer.ProcessedLog;
import io.github.eventcontracts.sample.consumer.RetryPolicy;
import io.github.eventcontracts.sample.producer.OrderEvents;
import io.github.eventcontracts.sample.producer.SampleProducer;
import io.github.eventcontracts.sample.support.Endpoints;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * 10,000 events through a real (in-process, KRaft) Kafka with 3 partitions per topic, consumed while
 * they are produced: the consumer ends with exactly the produced set of event ids, in produced order
 * per key, transient failures retried, and a poison pill in the dead-letter topic with the stream
 * carrying on past it.
 */
class EndToEndTest {
  static final int ORDERS = 2_500; // x 4 events = 10,000

  @Test
  void tenThousandEventsArriveOnceInOrderPerKeyAndThePoisonPillIsDeadLettered() throws Exception {
    try (Endpoints endpoints = Endpoints.resolve(null, null, System.out)) {
      DeadLetters.createTopics(endpoints.bootstrapServers(), OrderEvents.TOPICS);

      // The consumer runs while the producer publishes. The handler records the order it sees per
      // key and topic, and fails every 1000th event once (transient) to exercise the retries.
      Map<String, List<String>> seenPerKey = new ConcurrentHashMap<>();
      Map<String, List<ShipmentStatus>> statusesPerOrder = new ConcurrentHashMap<>();
      Set<String> failedOnce = ConcurrentHashMap.newKeySet();
      AtomicInteger calls = new AtomicInteger();
      EventHandler handler = event -> {
        if (calls.incrementAndGet() % 1000 == 0 && failedOnce.add(event.eventId())) {
          throw new EventHandler.TransientFailure("downstream busy");
        }
        seenPerKey.computeIfAbsent(event.topic() + "|" + event.key(), k -> new CopyOnWriteArrayList<>()).add(event.eventId());
        if (event.event() instanceof OrderShipped shipped) {
          statusesPerOrder.computeIfAbsent(shipped.getOrderId(), k -> new CopyOnWriteArrayList<>()).add(shipped.getStatus());
        }
      };
      ConsumerLoop.Settings settings = new ConsumerLoop.Settings(endpoints.bootstrapServers(), endpoints.registryUrl(),
          "e2e", OrderEvents.TOPICS, new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(100)), 500, false);
      ByteArrayOutputStream consumerOutput = new ByteArrayOutputStream();
      ExecutorService executor = Executors.newSingleThreadExecutor();
      AtomicBoolean timedOut = new AtomicBoolean();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      try (ProcessedLog processed = ProcessedLog.inMemory();
          ConsumerLoop loop = new ConsumerLoop(settings, handler, processed,
              new PrintStream(consumerOutput, true, StandardCharsets.UTF_8))) {
        Future<ConsumerLoop.Stats> consuming = executor.submit(() -> loop.run(() -> {
          if (processed.size() >= ORDERS * OrderEvents.PER_ORDER + 1) {
            return true;
          }
          timedOut.set(System.nanoTime() > deadline);
          return timedOut.get();
        }));

        // produce the first half, the poison pill, then the rest: the pill sits mid-stream
        List<SampleProducer.Sent> sent = new ArrayList<>(SampleProducer.publish(settings(endpoints, ORDERS / 2, 1), s -> { }));
        byte[] pill = {0x7, 1, 2, 3, 4, 5}; // not a Confluent frame: magic byte 0x07
        Demo.sendRaw(endpoints.bootstrapServers(), OrderEvents.ORDER_SHIPPED, "poison", pill);
        sent.addAll(SampleProducer.publish(settings(endpoints, ORDERS - ORDERS / 2, 2), s -> { }));
        assertThat(sent).hasSize(ORDERS * OrderEvents.PER_ORDER);

        ConsumerLoop.Stats stats = consuming.get(5, TimeUnit.MINUTES);
        executor.shutdown();
        assertThat(timedOut).as("consumer finished before the deadline").isFalse();

        // exactly the produced set, each once
        assertThat(stats.handled()).isEqualTo(10_000);
        assertThat(stats.duplicates()).isZero();
        Set<String> consumedIds = seenPerKey.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(seenPerKey.values().stream().mapToInt(List::size).sum()).isEqualTo(10_000);
        assertThat(consumedIds).isEqualTo(sent.stream().map(SampleProducer.Sent::eventId).collect(Collectors.toSet()));

        // ordering per key: the producer's acknowledgement order within a key (same partition) is
        // the log order; the consumer saw the same sequence, and shipments went packed, shipped, delivered
        Map<String, List<String>> producedPerKey = new ConcurrentHashMap<>();
        sent.forEach(s -> producedPerKey.computeIfAbsent(s.topic() + "|" + s.key(), k -> new ArrayList<>()).add(s.eventId()));
        assertThat(seenPerKey).isEqualTo(producedPerKey);
        assertThat(statusesPerOrder).hasSize(ORDERS).allSatisfy((order, statuses) -> assertThat(statuses).containsExactly(
            ShipmentStatus.SHIPMENT_STATUS_PACKED, ShipmentStatus.SHIPMENT_STATUS_SHIPPED,
            ShipmentStatus.SHIPMENT_STATUS_DELIVERED));
        assertThat(sent.stream().map(s -> s.topic() + "-" + s.partition()).collect(Collectors.toSet()))
            .as("all 3 partitions of both topics used").hasSize(6);

        // transient failures were retried, not dead-lettered
        assertThat(failedOnce).isNotEmpty();
        assertThat(stats.retries()).isEqualTo(failedOnce.size());
        assertThat(consumedIds).containsAll(failedOnce);

        // the pill: dead-lettered as it arrived, with the reason, and the stream went on past it
        assertThat(stats.deadLettered()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> letter = readOne(endpoints.bootstrapServers(), OrderEvents.ORDER_SHIPPED + ".dlq");
        assertThat(letter.value()).isEqualTo(pill);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(header(letter, "dlq.reason")).isEqualTo("deserialization");
        assertThat(header(letter, "dlq.error")).contains("magic byte 0x07");
        assertThat(header(letter, "dlq.original.topic")).isEqualTo(OrderEvents.ORDER_SHIPPED);
        assertThat(consumerOutput.toString(StandardCharsets.UTF_8)).contains("dead-lettered topic=order-shipped");
      }
    }
  }

  private static SampleProducer.Settings settings(Endpoints endpoints, int orders, long run) {
    return new SampleProducer.Settings(endpoints.bootstrapServers(), endpoints.registryUrl(), orders, 0, true, run);
  }

  static ConsumerRecord<byte[], byte[]> readOne(String bootstrapServers, String topic) {
    return read(bootstrapServers, topic, 1).get(0);
  }

  /**
   * Reads a topic from the start until {@code count} records arrived, and checks from the topic's
   * offsets (not by waiting a while) that it holds no more than that.
   */
  static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic, int count) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
        "group.id", "reader-" + System.nanoTime(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).as("records in " + topic).hasSize(count);
      var partitions = consumer.assignment();
      long inTopic = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum()
          - consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
      assertThat(inTopic).as("records the topic " + topic + " holds").isEqualTo(count);
      return records;
    }
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

}
