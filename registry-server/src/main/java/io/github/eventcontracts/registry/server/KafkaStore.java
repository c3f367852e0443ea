package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.ErrorCodes;
import io.github.eventcontracts.registry.server.ConfluentStoreFormat.StoreRecord;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's state in a Kafka topic, as Confluent's registry keeps it: one partition,
 * compacted, records in {@link ConfluentStoreFormat}. On open the whole topic is replayed; then a
 * thread tails it, so records written by another instance reach this one. Only the elected leader
 * writes ({@link #becomeWriter}), each change in one transaction with {@code acks=all}.
 */
final class KafkaStore implements AutoCloseable {
  /**
   * @param topic default {@code _schemas}
   * @param replicationFactor for a topic this store creates
   * @param minInsyncReplicas for a topic this store creates
   */
  /**
   * @param client settings every Kafka client of the store takes, for a secured cluster: Confluent's
   *     {@code kafkastore.security.protocol}, {@code kafkastore.sasl.*}, {@code kafkastore.ssl.*}
   *     without the prefix
   * @param groupId the election's consumer group (Confluent's {@code schema.registry.group.id}), or
   *     null for {@code schema-registry-<topic>}
   */
  public record Options(String bootstrapServers, String topic, short replicationFactor, int minInsyncReplicas,
      Map<String, String> client, String groupId) {
    public Options {
      client = client == null ? Map.of() : Map.copyOf(client);
    }

    Options(String bootstrapServers, String topic, short replicationFactor, int minInsyncReplicas) {
      this(bootstrapServers, topic, replicationFactor, minInsyncReplicas, Map.of(), null);
    }

    static Options of(String bootstrapServers) {
      return new Options(bootstrapServers, "_schemas", (short) 1, 1);
    }

    public Options withClient(Map<String, String> settings, String group) {
      return new Options(bootstrapServers, topic, replicationFactor, minInsyncReplicas, settings, group);
    }

    /** The election's group. */
    String group() {
      return groupId != null ? groupId : "schema-registry-" + topic;
    }

    /** {@code base} with the security settings, for a client of this store. */
    Properties clientProperties(Map<String, Object> base) {
      Properties props = new Properties();
      props.putAll(client);
      props.putAll(base);
      return props;
    }

    @Override
    public String toString() { // the JAAS line and passwords stay out of logs
      return "Options[bootstrapServers=" + bootstrapServers + ", topic=" + topic + ", client=" + client.keySet() + "]";
    }
  }

  /** Receives every record of the topic in order, with its offset. */
  interface Applier {
    void apply(long offset, StoreRecord record);
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Options options;
  private final TopicPartition partition;
  private final Admin admin; // one client for the store's life: the end offset is read on every forwarded write
  private final KafkaConsumer<String, String> consumer;
  private final Thread tailer;
  private final Object progress = new Object();
  private volatile long nextToApply;
  private volatile boolean closed;
  private volatile RuntimeException tailFailure;
  private volatile String clusterId;

  private KafkaStore(Options options, Applier applier, Consumer<String> warn) {
    this.options = options;
    this.partition = new TopicPartition(options.topic(), 0);
    this.admin = Admin.create(options.clientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        options.bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000)));
    try {
      ensureTopic();
      clusterId = admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      clusterId = null; // only for /v1/metadata/id
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
    Properties consumerProps = options.clientProperties(Map.of());
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
    nextToApply = consumer.position(partition, TIMEOUT);
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
        deliver(consumer.poll(Duration.ofMillis(200)), applier);
        // the position, not the last record: transaction markers take offsets too
        long position = consumer.position(partition);
        synchronized (progress) {
          nextToApply = Math.max(nextToApply, position);
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      tailFailure = e;
      warn.accept("stopped reading " + options.topic() + ": " + e);
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close(Duration.ofSeconds(10)); // on the thread that uses it: KafkaConsumer is single-threaded
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

  /** The leader's producer: transactional, so that the next leader's takeover fences it. */
  private volatile KafkaProducer<String, String> writer;

  /**
   * Makes this instance the one writer: a transactional producer whose {@code initTransactions}
   * bumps the epoch of the shared transactional id, which fences a deposed leader (its open
   * transaction is aborted, its next send fails), then catches up with everything committed
   * before, so that no id it gives out was given before.
   */
  void becomeWriter() {
    Properties props = options.clientProperties(Map.of());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "schema-registry-" + options.topic());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    KafkaProducer<String, String> transactional = new KafkaProducer<>(props, new StringSerializer(),
        new StringSerializer());
    transactional.initTransactions();
    awaitApplied(endOffset());
    writer = transactional;
  }

  /** Deposed: stop writing (a write already under way fails when it commits). */
  void stopWriting() {
    KafkaProducer<String, String> old = writer;
    writer = null;
    if (old != null) {
      old.close(Duration.ZERO);
    }
  }

  /**
   * Writes the records in order, in one transaction when this instance is the elected writer;
   * returns their offsets once every in-sync replica has them.
   */
  List<Long> append(List<StoreRecord> records) {
    KafkaProducer<String, String> transactional = writer;
    if (transactional == null) {
      // only the elected leader writes: anything else could give out an id twice
      throw new RegistryError(500, ErrorCodes.UNKNOWN_LEADER,
          "this instance is not the leader; writes go to the leader");
    }
    List<Long> offsets = new ArrayList<>();
    try {
      transactional.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (StoreRecord r : records) {
        sent.add(transactional.send(new ProducerRecord<>(options.topic(), 0, r.key(), r.value())));
      }
      for (Future<RecordMetadata> f : sent) {
        offsets.add(f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset());
      }
      transactional.commitTransaction();
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | IllegalStateException e) {
      throw new RegistryError(500, ErrorCodes.UNKNOWN_LEADER,
          "this instance is no longer the leader; nothing was stored, retry: " + e.getMessage());
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      try {
        transactional.abortTransaction();
      } catch (RuntimeException ignored) {
        // fenced or closed: the transaction is aborted either way
      }
      throw new RegistryError(500, ErrorCodes.STORE_ERROR, "Error while storing the schema in Kafka: "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryError(500, ErrorCodes.STORE_ERROR, "interrupted while storing the schema in Kafka");
    }
    return offsets;
  }

  /** The topic's committed end: every write acknowledged so far lies before it. */
  long endOffset() {
    try {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
              new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(partition).offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new RegistryError(500, ErrorCodes.OPERATION_TIMEOUT, "cannot read the end of " + options.topic() + ": "
          + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryError(500, ErrorCodes.OPERATION_TIMEOUT, "interrupted");
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
          throw new RegistryError(500, ErrorCodes.OPERATION_TIMEOUT, "this instance has not caught up with "
              + options.topic() + " in " + TIMEOUT.toSeconds() + " s");
        }
        try {
          progress.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryError(500, ErrorCodes.OPERATION_TIMEOUT, "interrupted");
        }
      }
    }
  }

  /**
   * Creates the topic (compacted, one partition) or checks an existing one: a topic with more
   * partitions or without compaction would lose or reorder the registry's history, so it is refused.
   */
  private void ensureTopic() {
    try {
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
          if (!(created.getCause() instanceof TopicExistsException)) {
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

  /** The Kafka cluster's id, for {@code /v1/metadata/id}; null if Kafka did not say. */
  String clusterId() {
    return clusterId;
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
    stopWriting();
    admin.close(Duration.ofSeconds(5));
  }

}
