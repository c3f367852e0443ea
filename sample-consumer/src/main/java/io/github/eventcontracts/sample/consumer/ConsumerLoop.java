package io.github.eventcontracts.sample.consumer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consume loop: poll, handle each record, commit the batch's offsets only after every record in
 * it is handled or dead-lettered (at-least-once), and drop redeliveries by event id (so effectively
 * once). Values are read as bytes and decoded here, so a poison pill can go to the dead-letter topic
 * as it arrived instead of stopping the partition.
 */
public final class ConsumerLoop implements AutoCloseable {
  private final Settings settings;
  private final EventHandler handler;
  private final ProcessedLog processed;
  private final PrintStream out;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final EventDecoder decoder;
  private long handled;
  private long duplicates;
  private long deadLettered;
  private long retries;

  /** Where to read, as whom, how patiently. */
  public record Settings(String bootstrapServers, String registryUrl, String groupId, List<String> topics,
      RetryPolicy retry, int maxPollRecords, boolean printEach, Duration sessionTimeout,
      Map<String, Object> registryClient) {
    public Settings(String bootstrapServers, String registryUrl, String groupId, List<String> topics,
        RetryPolicy retry, int maxPollRecords, boolean printEach, Duration sessionTimeout) {
      this(bootstrapServers, registryUrl, groupId, topics, retry, maxPollRecords, printEach, sessionTimeout, Map.of());
    }

    /** Kafka's default session timeout (45 s): how long a dead member holds its partitions. */
    public Settings(String bootstrapServers, String registryUrl, String groupId, List<String> topics,
        RetryPolicy retry, int maxPollRecords, boolean printEach) {
      this(bootstrapServers, registryUrl, groupId, topics, retry, maxPollRecords, printEach, Duration.ofSeconds(45));
    }
  }

  /** Counts of one run. */
  public record Stats(long handled, long duplicates, long deadLettered, long retries) {}

  public ConsumerLoop(Settings settings, EventHandler handler, ProcessedLog processed, PrintStream out) {
    this.settings = settings;
    this.handler = handler;
    this.processed = processed;
    this.out = out;
    this.decoder = new EventDecoder(settings.registryUrl(), settings.topics(), settings.registryClient());
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sample-consumer");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, settings.sessionTimeout().toMillis() / 3));
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = new DeadLetters(settings.bootstrapServers());
  }

  /** Runs until {@code done} says so (checked after every batch) or {@link #wakeup()} is called. */
  public Stats run(BooleanSupplier done) {
    consumer.subscribe(settings.topics());
    try {
      while (!done.getAsBoolean()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          process(record);
          offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        consumer.commitSync(offsets); // after processing: a crash before here means redelivery, not loss
      }
    } catch (WakeupException e) {
      // asked to stop; what was processed but not committed is redelivered and dropped as duplicates
    }
    return stats();
  }

  public Stats stats() {
    return new Stats(handled, duplicates, deadLettered, retries);
  }

  /** Makes {@link #run} return from a blocking poll (thread-safe, for shutdown hooks). */
  public void wakeup() {
    consumer.wakeup();
  }

  private void process(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Header idHeader = record.headers().lastHeader("event-id");
    String eventId = idHeader != null ? new String(idHeader.value(), StandardCharsets.UTF_8)
        : record.topic() + "/" + record.partition() + "/" + record.offset();
    if (processed.contains(eventId)) {
      duplicates++;
      out.println("duplicate dropped topic=" + record.topic() + " partition=" + record.partition() + " offset="
          + record.offset() + " event-id=" + eventId);
      return;
    }
    EventDecoder.Decoded decoded;
    try {
      decoded = decoder.decode(record.topic(), record.value());
    } catch (SerializationException e) { // a poison pill: retrying cannot help
      deadLetter(record, eventId, "deserialization", e);
      return;
    }
    ConsumedEvent event = new ConsumedEvent(record.topic(), record.partition(), record.offset(), key, eventId,
        decoded.schemaId(), decoded.event(), decoded.summary());
    for (int attempt = 1; ; attempt++) {
      try {
        handler.handle(event);
        processed.add(eventId, "handled", record.topic(), record.partition(), record.offset());
        handled++;
        if (settings.printEach()) {
          out.println(event);
        }
        return;
      } catch (EventHandler.TransientFailure e) {
        if (attempt >= settings.retry().attempts()) {
          deadLetter(record, eventId, "retries-exhausted", e);
          return;
        }
        retries++;
        sleep(settings.retry().backoff(attempt));
      } catch (Exception e) {
        deadLetter(record, eventId, "handler-failed", e);
        return;
      }
    }
  }

  private void deadLetter(ConsumerRecord<byte[], byte[]> record, String eventId, String reason, Exception e) {
    String topic = deadLetters.send(record, reason, e);
    processed.add(eventId, "dead-lettered", record.topic(), record.partition(), record.offset());
    deadLettered++;
    out.println("dead-lettered topic=" + record.topic() + " partition=" + record.partition() + " offset="
        + record.offset() + " to=" + topic + " reason=" + reason + " error=" + e.getMessage());
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      consumer.close();
    } finally {
      deadLetters.close();
    }
  }
}
