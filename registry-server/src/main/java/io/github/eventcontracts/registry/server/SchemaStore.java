package io.github.eventcontracts.registry.server;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where the registry keeps its changes. The service appends a change here, then applies it; at
 * start the store replays what it holds into the service through the same {@link LogRecord}s, and a
 * shared store (Kafka) keeps delivering other instances' changes. The service knows no more of a
 * store than this.
 */
interface SchemaStore extends AutoCloseable {
  /** What a store needs of the registry it serves. */
  interface Replica {
    /**
     * Applies the records {@code read} gives, under the registry's write lock (so a store can tell,
     * under the same lock, which records it wrote itself and were applied already).
     */
    void applyStored(Supplier<List<LogRecord>> read);

    /** The state so far, which Confluent's record format needs to encode and decode some records. */
    ConfluentStoreFormat.State state();
  }

  /** Replays everything the store holds into {@code replica} before returning; called once. */
  void open(Replica replica);

  /** Makes a change durable (forced to disk, acknowledged by Kafka) before returning; the caller then applies it. */
  void append(List<LogRecord> change);

  /** For the start-up line: e.g. {@code in memory}, {@code log in /var/lib/registry}. */
  String describe();

  @Override
  void close();
}
