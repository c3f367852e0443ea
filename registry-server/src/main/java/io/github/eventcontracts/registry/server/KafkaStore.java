package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.server.ConfluentStoreFormat.StoreRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's state in a Kafka topic, as Confluent's registry keeps it: one partition,
 * compacted, records in {@link ConfluentStoreFormat}. On open the whole topic is replayed; then a
 * thread tails it, so records written by another instance reach this one. Writes go through an
 * idempotent producer with {@code acks=all} and return their offsets once the brokers have them.
 */
final class KafkaStore implements AutoCloseable {
  /**
   * @param topic default {@code _schemas}
   * @param replicationFactor for a topic this store creates
   * @param minInsyncReplicas for a topic this store creates
   */
  record Options(String bootstrapServers, String topic, short replicationFactor, int minInsyncReplicas) {
    static Options of(String bootstrapServers) {
      return new Options(bootstrapServers, "_schemas", (short) 1, 1);
    }
  }

  /** Receives every record of the topic in order, with its offset. */
  interface Applier {
    void apply(long offset, StoreRecord record);
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Options options;
  private final TopicPartition partition;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread tailer;
  private final Object progress = new Object();
  private volatile long nextToApply;
  private volatile boolean closed;
  private volatile RuntimeException tailFailure;

  private KafkaStore(Options options, Applier applier, Consumer<String> warn) {
    this.options = options;
    this.partition = new TopicPartition(options.topic(), 0);
    ensureTopic(options);
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    // replay everything there is before serving anything
    long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
    while (consumer.position(partition, TIMEOUT) < end) {
      deliver(consumer.poll(Duration.ofMillis(200)), applier);
    }
    this.tailer = new Thread(() -> tail(applier, warn), "registry-kafka-tail");
    tailer.setDaemon(true);
    tailer.start();
  }

  static KafkaStore open(Options options, Applier applier, Consumer<String> warn) {
    return new KafkaStore(options, applier, warn);
  }

  private void tail(Applier applier, Consumer<String> warn) {
    try {
      while (!closed) {
        deliver(consumer.poll(Duration.ofMillis(500)), applier);
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      tailFailure = e;
      warn.accept("stopped reading " + options.topic() + ": " + e);
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  private void deliver(Iterable<ConsumerRecord<String, String>> records, Applier applier) {
    for (ConsumerRecord<String, String> r : records) {
      applier.apply(r.offset(), new StoreRecord(r.key(), r.value()));
      synchronized (progress) {
        nextToApply = r.offset() + 1;
        progress.notifyAll();
      }
    }
  }

  /** Writes the records in order; returns their offsets once every in-sync replica has them. */
  List<Long> append(List<StoreRecord> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (StoreRecord r : records) {
      sent.add(producer.send(new ProducerRecord<>(options.topic(), 0, r.key(), r.value())));
    }
    List<Long> offsets = new ArrayList<>();
    try {
      for (Future<RecordMetadata> f : sent) {
        offsets.add(f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset());
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new RegistryError(500, 50001, "Error while storing the schema in Kafka: "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryError(500, 50001, "interrupted while storing the schema in Kafka");
    }
    return offsets;
  }

  /** The topic's end: every record before it has been acknowledged to some writer. */
  long endOffset() {
    return consumer == null ? 0 : endOffsetOf();
  }

  private long endOffsetOf() {
    try (Admin admin = admin(options)) {
      return admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest())).all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(partition).offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new RegistryError(500, 50002, "cannot read the end of " + options.topic() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryError(500, 50002, "interrupted");
    }
  }

  /** Waits until every record before {@code offset} has been applied here (read your writes). */
  void awaitApplied(long offset) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (progress) {
      while (nextToApply < offset) {
        if (tailFailure != null) {
          throw tailFailure;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new RegistryError(500, 50002, "this instance has not caught up with " + options.topic() + " in "
              + TIMEOUT.toSeconds() + " s");
        }
        try {
          progress.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryError(500, 50002, "interrupted");
        }
      }
    }
  }

  /**
   * Creates the topic (compacted, one partition) or checks an existing one: a topic with more
   * partitions or without compaction would lose or reorder the registry's history, so it is refused.
   */
  static void ensureTopic(Options options) {
    try (Admin admin = admin(options)) {
      TopicDescription description;
      try {
        description = admin.describeTopics(List.of(options.topic())).allTopicNames()
            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(options.topic());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        NewTopic topic = new NewTopic(options.topic(), 1, options.replicationFactor()).configs(Map.of(
            "cleanup.policy", "compact", "min.insync.replicas", String.valueOf(options.minInsyncReplicas())));
        try {
          admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException created) {
          if (!(created.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw created;
          }
        }
        return;
      }
      if (description.partitions().size() != 1) {
        throw new IllegalStateException("topic " + options.topic() + " has " + description.partitions().size()
            + " partitions; the registry's store needs exactly one (its records are ordered). Use another "
            + "--kafka-topic, or recreate this one with one partition");
      }
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, options.topic());
      Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .get(resource);
      String policy = config.get("cleanup.policy") == null ? "" : config.get("cleanup.policy").value();
      if (!policy.contains("compact")) {
        throw new IllegalStateException("topic " + options.topic() + " has cleanup.policy=" + policy + "; the "
            + "registry's store needs compact (delete would drop old schemas). Set it with kafka-configs "
            + "--alter --add-config cleanup.policy=compact, or use another --kafka-topic");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + options.bootstrapServers() + " to open topic "
          + options.topic() + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening " + options.topic(), e);
    }
  }

  private static Admin admin(Options options) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000));
  }

  String topic() {
    return options.topic();
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      tailer.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
    consumer.close(Duration.ofSeconds(10));
  }

  static Collection<String> keyTypes() {
    return List.of("SCHEMA", "CONFIG", "MODE", "DELETE_SUBJECT", "CLEAR_SUBJECT", "NOOP");
  }
}
