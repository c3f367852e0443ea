package io.github.eventcontracts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.serde.AvroSerializer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle: the relay (CDC and polling each) loses no committed event when killed and
 * restarted, duplicates possible and counted; the consumer killed and restarted leaves each event's
 * effect exactly once, and the duplicates it dropped are exactly the records it had processed but
 * not yet committed the offsets of.
 */
class OutboxCrashTest extends OutboxTestBase {
  static final int ORDERS = 2_000;

  @TempDir Path tmp;

  private static String jdbcUrl(String name) {
    return fixture.jdbcUrl(name);
  }

  /** The process's arguments, with the database's credentials. */
  private static String[] withCredentials(String... args) {
    java.util.List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(fixture.credentials()));
    return all.toArray(String[]::new);
  }

  /** Commits the orders (and their outbox rows); returns the event ids, in order. */
  private static List<UUID> commitOrders(DataSource ds, String topic) throws SQLException {
    return commitOrders(ds, topic, 0, ORDERS);
  }

  /** Commits orders {@code from} (inclusive) to {@code to} (exclusive), one transaction each. */
  private static List<UUID> commitOrders(DataSource ds, String topic, int from, int to) throws SQLException {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    Outbox outbox = new Outbox(serializer);
    List<UUID> ids = new ArrayList<>();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      for (int i = from; i < to; i++) {
        var order = OrderService.order("customer-" + (i % 20), i, start.plusMillis(i));
        ids.add(outbox.append(c, topic, order.getCustomerId(), order, Map.of()).eventId());
        c.commit();
      }
    }
    return ids;
  }

  private static Process java(Class<?> main, Path output, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (output != null) {
      builder.redirectOutput(output.toFile());
    }
    return builder.start();
  }

  /** Event ids in the topic, in offset order per partition, duplicates included. */
  private static List<UUID> eventIds(String topic, int atLeastDistinct) {
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", "count-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest"), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<UUID> ids = new ArrayList<>();
      Set<UUID> distinct = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (distinct.size() < atLeastDistinct && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          UUID id = TransactionalConsumer.eventId(r);
          ids.add(id);
          distinct.add(id);
        }
      }
      return ids;
    }
  }

  private static long topicSize(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      var latest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p,
          p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
      return latest.values().stream().mapToLong(i -> i.offset()).sum();
    }
  }

  /**
   * The relay is up and past its first-start snapshot before the orders commit, so it is killed
   * while following the database's log — the path a restart resumes from its recorded position.
   */
  void relayKilledMidStreamLosesNothing(String mode) throws Exception {
    String db = "relay_" + mode;
    String topic = "orders-" + mode;
    kafka.createTopics(3, topic);
    DataSource ds = database(db);
    String[] args = withCredentials("--jdbc-url", jdbcUrl(db), "--bootstrap-servers", kafka.bootstrapServers(), "--mode",
        mode, "--slot", "crash_" + mode, "--offsets", tmp.resolve(mode + ".offsets").toString());
    Path firstOut = tmp.resolve(mode + "-1.out");
    Process first = java(OutboxRelayMain.class, firstOut, args);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (first.isAlive() && !Files.readString(firstOut).contains("started") && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the relay says it started
    }
    // a first order relayed before the rest are written: the relay is past its first-start snapshot
    // (Debezium's begins after "started" is printed, and a kill inside it resends the whole snapshot)
    List<UUID> committed = new ArrayList<>(commitOrders(ds, topic, 0, 1));
    while (topicSize(topic) < 1 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<List<UUID>> writing = writer.submit(() -> commitOrders(ds, topic, 1, ORDERS));
    while (topicSize(topic) < ORDERS / 3 && first.isAlive() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the relay's progress is the topic's size
    }
    assertThat(first.isAlive()).as("relay still running at the kill: " + Files.readString(firstOut)).isTrue();
    long atKill = topicSize(topic);
    first.destroyForcibly(); // SIGKILL
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    committed.addAll(writing.get(3, TimeUnit.MINUTES));
    writer.shutdown();
    assertThat(atKill).as("killed mid-stream").isLessThan(ORDERS);

    Process second = java(OutboxRelayMain.class, tmp.resolve(mode + "-2.out"), args);
    List<UUID> delivered = eventIds(topic, ORDERS);
    second.destroyForcibly();
    second.waitFor(30, TimeUnit.SECONDS);
    assertThat(new HashSet<>(delivered)).as("every committed event, none other").isEqualTo(new HashSet<>(committed));
    long duplicates = delivered.size() - new HashSet<>(delivered).size();
    System.out.printf("outbox crash (%s relay, %s): killed after %d of %d events; none lost; %d duplicate(s)%n", mode,
        fixture.kind, atKill, ORDERS, duplicates);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void cdcRelayKilledAndRestartedLosesNoCommittedEvent() throws Exception {
    relayKilledMidStreamLosesNothing("cdc");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void pollingRelayKilledAndRestartedLosesNoCommittedEvent() throws Exception {
    relayKilledMidStreamLosesNothing("polling");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void consumerKilledAndRestartedHasEachEffectOnceAndDropsExactlyTheRedeliveries() throws Exception {
    String db = "consumer";
    String topic = "orders-consumed";
    kafka.createTopics(3, topic);
    DataSource ds = database(db);
    List<UUID> committed = commitOrders(ds, topic);
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "enable.idempotence", true, "acks", "all"),
        new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      PollingRelay relay = new PollingRelay(ds, producer, 500);
      while (relay.relayOnce() > 0) {
        // all of it, once
      }
    }
    String group = "effects";
    String[] args = withCredentials("--jdbc-url", jdbcUrl(db), "--bootstrap-servers", kafka.bootstrapServers(), "--topic",
        topic, "--group", group, "--expect", String.valueOf(ORDERS));
    Process first = java(OutboxConsumerMain.class, null, args);
    int handled = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null && handled < ORDERS / 3; line = out.readLine()) {
        if (line.startsWith("handled ")) {
          handled++;
        }
      }
      assertThat(first.isAlive()).isTrue();
      first.destroyForcibly(); // SIGKILL: effects committed, some offsets not
    }
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<TopicPartition, OffsetAndMetadata> offsets;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }
    // processed before the kill but past the committed offsets: these will come again
    Set<String> uncommitted = new HashSet<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT topic, kafka_partition, kafka_offset FROM processed_events")) {
      while (rs.next()) {
        OffsetAndMetadata at = offsets.get(new TopicPartition(rs.getString(1), rs.getInt(2)));
        if (at == null || rs.getLong(3) >= at.offset()) {
          uncommitted.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3));
        }
      }
    }
    Path secondOut = tmp.resolve("consumer-2.out");
    Process second = java(OutboxConsumerMain.class, secondOut, args);
    assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("restarted consumer finished").isTrue();
    Set<String> dropped = Files.readAllLines(secondOut).stream().filter(l -> l.startsWith("duplicate dropped"))
        .map(l -> l.replaceAll(".*topic=(\\S+) partition=(\\d+) offset=(\\d+).*", "$1/$2/$3"))
        .collect(Collectors.toSet());
    assertThat(dropped).as("duplicates dropped = redeliveries").isEqualTo(uncommitted);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM order_effects")) {
      rs.next();
      assertThat(rs.getLong(1)).as("effects").isEqualTo(ORDERS);
      assertThat(rs.getLong(2)).as("distinct effects").isEqualTo(ORDERS);
    }
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT event_id FROM order_effects")) {
      Set<UUID> effects = new HashSet<>();
      while (rs.next()) {
        effects.add(UUID.fromString(rs.getString(1)));
      }
      assertThat(effects).isEqualTo(new HashSet<>(committed));
    }
    System.out.printf("outbox crash (consumer, " + fixture.kind + "): killed after %d handled; %d redelivered and dropped%n", handled,
        dropped.size());
  }
}
