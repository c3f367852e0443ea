package io.github.eventcontracts.outbox;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The change-data-capture relay: Debezium's embedded engine reads the outbox table's inserts from
 * PostgreSQL's write-ahead log (logical decoding with {@code pgoutput}, no server extension) in
 * commit order, so only committed rows exist for it, rolled-back ones never do. Each batch is sent
 * to Kafka and acknowledged before Debezium may record its offset: a relay killed in between starts
 * again from the last recorded offset and sends those rows again (duplicates, never loss). The
 * replication slot and publication are named by {@link CdcRelay.Settings#name()}.
 */
final class WalRelay extends AbstractCdcRelay {
  /** Where PostgreSQL is, from a {@code jdbc:postgresql://host[:port]/database} URL (port 5432 unless named). */
  record Endpoint(String host, int port, String database) {
    static Endpoint of(String jdbcUrl) {
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1));
    }
  }

  static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "outbox-cdc-relay");
    t.setDaemon(true);
    return t;
  });

  WalRelay(CdcRelay.Settings settings, Producer<byte[], byte[]> producer) {
    Endpoint endpoint = Endpoint.of(settings.jdbcUrl());
    Properties props = new Properties();
    props.setProperty("name", "outbox-relay-" + settings.name());
    props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    props.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    props.setProperty("offset.storage.file.filename", settings.offsetFile().toString());
    props.setProperty("offset.flush.interval.ms", "0");
    props.setProperty("database.hostname", endpoint.host());
    props.setProperty("database.port", String.valueOf(endpoint.port()));
    props.setProperty("database.user", settings.user());
    props.setProperty("database.password", settings.password());
    props.setProperty("database.dbname", endpoint.database());
    props.setProperty("topic.prefix", "outbox");
    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", settings.name());
    props.setProperty("publication.name", settings.name());
    props.setProperty("publication.autocreate.mode", "filtered");
    props.setProperty("table.include.list", "public.outbox");
    // the relay reads topic, key, frame and headers: converting the two timestamps and the uuid of
    // every row was ~a fifth of Debezium's work per event (JFR), with nothing reading them
    props.setProperty("column.exclude.list", "public\\.outbox\\.(event_id|created_at|sent_at)");
    props.setProperty("snapshot.mode", "initial");
    props.setProperty("binary.handling.mode", "bytes");
    props.setProperty("tombstones.on.delete", "false");
    // Debezium hands a batch over when it is full or when this interval ends; its default of 500 ms
    // was most of the relay's commit-to-consume latency (OutboxBenchmark p50: ~390 ms at 500, ~35 ms at 10)
    props.setProperty("poll.interval.ms", String.valueOf(POLL_INTERVAL.toMillis()));
    this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
        .using(props)
        .using((success, message, error) -> stopped.complete(
            success ? null : error != null ? error : new IllegalStateException(message))) // after close(): a no-op
        .notifying((List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) -> {
          List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
          for (RecordChangeEvent<SourceRecord> event : records) {
            ProducerRecord<byte[], byte[]> record = toKafka(event.record());
            if (record != null) {
              batch.add(record);
            }
          }
          try {
            Relay.sendAll(producer, batch);
          } catch (ExecutionException e) {
            // nothing marked: Debezium stops, and a restart sends the batch again
            throw new IllegalStateException("Kafka refused outbox events: " + e.getCause(), e);
          }
          for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
          }
          committer.markBatchFinished();
          relayed.addAndGet(batch.size());
        })
        .build();
    executor.execute(engine);
  }

  /** An inserted (or snapshot) outbox row as the Kafka record it stands for; null for anything else. */
  static ProducerRecord<byte[], byte[]> toKafka(SourceRecord change) {
    if (change.value() == null || !change.topic().endsWith(".public.outbox") || !(change.value() instanceof Struct value)) {
      return null;
    }
    String op = value.getString("op");
    if (!"c".equals(op) && !"r".equals(op)) {
      return null; // the polling relay's sent_at updates, deletes by a cleanup job
    }
    Struct row = value.getStruct("after");
    Object payload = row.get("payload");
    byte[] frame = payload instanceof ByteBuffer buffer ? toArray(buffer) : (byte[]) payload;
    return Relay.record(row.getString("topic"), row.getString("aggregate_id"), frame,
        Outbox.headers(row.getString("headers")));
  }

  private static byte[] toArray(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public void close() throws IOException {
    stopped.complete(null); // first: the engine's stop is not a failure
    engine.close();
    executor.shutdown();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
