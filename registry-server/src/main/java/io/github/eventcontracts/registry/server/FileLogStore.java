package io.github.eventcontracts.registry.server;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The registry's own append-only file log ({@link DurableLog}), one JSON {@link LogRecord} a frame. */
final class FileLogStore implements SchemaStore {
  private final DurableLog log;
  private final Path directory;

  /** @param repair open a damaged log by keeping what can be read (see {@link DurableLog}) */
  FileLogStore(Path directory, boolean repair, Consumer<String> notes) {
    this.directory = directory;
    this.log = DurableLog.open(directory, repair, notes);
  }

  @Override
  public void open(Replica replica) {
    replica.applyStored(() -> log.takeReplayed().stream().map(LogRecord::fromJson).toList());
  }

  @Override
  public void append(List<LogRecord> change) {
    log.append(change.stream().map(LogRecord::toJson).toList());
  }

  @Override
  public String describe() {
    return "log in " + directory;
  }

  @Override
  public void close() {
    log.close();
  }
}
