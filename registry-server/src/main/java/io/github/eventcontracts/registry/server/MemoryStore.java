package io.github.eventcontracts.registry.server;

import java.util.List;

/** No store: the state lives only in memory, for tests and demos. */
final class MemoryStore implements SchemaStore {
  @Override
  public void open(Replica replica) {
    // nothing to replay
  }

  @Override
  public void append(List<LogRecord> change) {
    // nothing to keep
  }

  @Override
  public String describe() {
    return "in memory";
  }

  @Override
  public void close() {}
}
