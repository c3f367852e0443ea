package io.github.eventcontracts.registry.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Confluent's {@code _schemas} topic ({@link KafkaStore}, records in {@link ConfluentStoreFormat}),
 * shared by several instances: the topic is replayed at open, then tailed, so other instances'
 * writes are applied here too; this instance's own writes, applied when written, are skipped.
 */
final class KafkaTopicStore implements SchemaStore {
  private final KafkaStore.Options options;
  private final Consumer<String> warn;
  /** Offsets this instance wrote and applied when it wrote them. */
  private final Set<Long> ownOffsets = ConcurrentHashMap.newKeySet();
  private volatile KafkaStore topic;
  private volatile Replica replica;

  KafkaTopicStore(KafkaStore.Options options, Consumer<String> warn) {
    this.options = options;
    this.warn = warn;
  }

  @Override
  public void open(Replica replica) {
    this.replica = replica;
    this.topic = KafkaStore.open(options, (offset, record) -> replica.applyStored(
        () -> ownOffsets.remove(offset) ? List.of() : ConfluentStoreFormat.decode(record, replica.state(), warn)), warn);
  }

  @Override
  public void append(List<LogRecord> change) {
    // called under the registry's write lock, which the tailer takes too: it cannot see these
    // offsets before they are recorded as ours
    ownOffsets.addAll(topic.append(ConfluentStoreFormat.encode(change, replica.state())));
  }

  /** The topic, for the leader election and forwarding; null before {@link #open}. */
  KafkaStore topic() {
    return topic;
  }

  @Override
  public String describe() {
    return "Kafka topic " + options.topic();
  }

  @Override
  public void close() {
    if (topic != null) {
      topic.close();
    }
  }
}
