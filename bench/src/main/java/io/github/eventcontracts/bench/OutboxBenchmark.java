package io.github.eventcontracts.bench;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.outbox.CdcRelay;
import io.github.eventcontracts.outbox.OrderService;
import io.github.eventcontracts.outbox.Outbox;
import io.github.eventcontracts.outbox.OutboxEvent;
import io.github.eventcontracts.outbox.PollingRelay;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.serde.AvroSerializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Outbox to Kafka, CDC against polling, in one run on the same embedded PostgreSQL, Kafka and
 * registry: throughput draining a backlog of outbox rows, and commit-to-consume latency (p50, p99)
 * with the relay running while one writer commits orders one transaction each.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.OutboxBenchmark [events]</pre>
 */
public final class OutboxBenchmark {
  private OutboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "4").setServerConfig("max_wal_senders", "4").start();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      for (String relay : List.of("cdc", "polling")) {
        String db = "bench_" + relay;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + db);
        }
        DataSource ds = postgres.getDatabase("postgres", db);
        try (Connection c = ds.getConnection()) {
          Outbox.createTable(c);
        }
        String backlogTopic = relay + "-backlog";
        String liveTopic = relay + "-live";
        kafka.createTopics(3, backlogTopic, liveTopic);
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(Map.of("schema.registry.url", registry.url()), false);
        Outbox outbox = new Outbox(serializer);

        // throughput: a backlog written first, then drained
        write(ds, outbox, backlogTopic, events, null);
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = consume(kafka.bootstrapServers(), List.of(backlogTopic, liveTopic), received, stop);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
            kafka.bootstrapServers(), "enable.idempotence", true, "acks", "all", "linger.ms", 5),
            new ByteArraySerializer(), new ByteArraySerializer())) {
          Runnable stopRelay = startRelay(relay, postgres, db, ds, producer, stop);
          awaitCount(received, events);
          double throughput = events / ((System.nanoTime() - started) / 1e9);

          // latency: commit-to-consume while the relay runs
          Map<String, Long> committedAt = new ConcurrentHashMap<>();
          int live = Math.min(events, 2_000);
          write(ds, outbox, liveTopic, live, committedAt);
          awaitCount(received, events + live);
          List<Long> latencies = new ArrayList<>();
          committedAt.forEach((id, at) -> latencies.add(received.get(id) - at));
          Collections.sort(latencies);
          System.out.printf("%s relay: %.0f events/s draining a backlog of %d; commit-to-consume p50 %.1f ms, p99 %.1f ms"
              + " (%d events, one transaction each)%n", relay, throughput, events,
              latencies.get(latencies.size() / 2) / 1e6, latencies.get((int) (latencies.size() * 0.99)) / 1e6, live);
          stopRelay.run();
        }
        stop.set(true);
        consumer.join();
      }
    }
  }

  private static void write(DataSource ds, Outbox outbox, String topic, int count, Map<String, Long> committedAt)
      throws Exception {
    Instant start = Instant.now();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        var order = OrderService.order("customer-" + (i % 50), i, start.plusMillis(i));
        OutboxEvent row = outbox.append(c, topic, order.getCustomerId(), order, Map.of());
        c.commit();
        if (committedAt != null) {
          committedAt.put(row.eventId().toString(), System.nanoTime());
        }
      }
    }
  }

  private static Runnable startRelay(String relay, EmbeddedPostgres postgres, String db, DataSource ds,
      KafkaProducer<byte[], byte[]> producer, AtomicBoolean stop) throws Exception {
    if (relay.equals("cdc")) {
      CdcRelay cdc = CdcRelay.start(new CdcRelay.Settings("localhost", postgres.getPort(), db, "postgres", "postgres",
          "bench_" + db, Files.createTempDirectory("cdc").resolve("offsets.dat")), producer);
      return () -> {
        try {
          cdc.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      };
    }
    PollingRelay polling = new PollingRelay(ds, producer, 500);
    AtomicBoolean done = new AtomicBoolean();
    Thread thread = new Thread(() -> {
      while (!done.get()) {
        try {
          if (polling.relayOnce() == 0) {
            Thread.sleep(50); // the polling interval: what this relay's latency is made of
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
    thread.start();
    return () -> {
      done.set(true);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static Thread consume(String bootstrapServers, List<String> topics, Map<String, Long> received,
      AtomicBoolean stop) {
    Thread thread = new Thread(() -> {
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
          "group.id", "bench-" + UUID.randomUUID(), "auto.offset.reset", "earliest"), new ByteArrayDeserializer(),
          new ByteArrayDeserializer())) {
        consumer.subscribe(topics);
        while (!stop.get()) {
          for (var r : consumer.poll(Duration.ofMillis(20))) {
            received.putIfAbsent(new String(r.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8),
                System.nanoTime());
          }
        }
      }
    });
    thread.start();
    return thread;
  }

  private static void awaitCount(Map<String, Long> received, int count) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (received.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + received.size() + " of " + count + " events arrived");
      }
      Thread.onSpinWait();
    }
  }
}
