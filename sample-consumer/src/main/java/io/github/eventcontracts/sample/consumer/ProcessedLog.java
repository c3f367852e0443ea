package io.github.eventcontracts.sample.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids of events already handled (or dead-lettered), so a redelivered event is dropped rather
 * than handled twice. Kept in memory, and when given a file, appended there one line per event
 * ({@code id, outcome, topic, partition, offset}), written through to the operating system at
 * once: a consumer killed between handling and committing finds the ids on restart. A line cut
 * short by a kill is discarded on open. The handler's effect and this line are two writes, not one:
 * a kill between them handles that one event again on restart; a sink that records the id in the
 * same transaction as the effect closes that gap.
 */
public final class ProcessedLog implements AutoCloseable {
  private final Set<String> ids = new HashSet<>();
  private final Writer writer;

  private ProcessedLog(Writer writer) {
    this.writer = writer;
  }

  public static ProcessedLog inMemory() {
    return new ProcessedLog(null);
  }

  public static ProcessedLog open(Path file) {
    try {
      ProcessedLog log;
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        if (complete < text.length()) { // a line cut short by a kill: drop it
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
          }
        }
        log = new ProcessedLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        for (String line : text.substring(0, complete).split("\n")) {
          if (!line.isEmpty()) {
            log.ids.add(line.substring(0, line.indexOf('\t') < 0 ? line.length() : line.indexOf('\t')));
          }
        }
      } else {
        Files.createDirectories(file.toAbsolutePath().getParent());
        log = new ProcessedLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW));
      }
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the processed-events log " + file + ": " + e.getMessage(), e);
    }
  }

  public boolean contains(String eventId) {
    return ids.contains(eventId);
  }

  public int size() {
    return ids.size();
  }

  /** Remembers an event as done. */
  public void add(String eventId, String outcome, String topic, int partition, long offset) {
    ids.add(eventId);
    if (writer != null) {
      try {
        writer.write(eventId + "\t" + outcome + "\t" + topic + "\t" + partition + "\t" + offset + "\n");
        writer.flush(); // survives a SIGKILL: the bytes are the kernel's now
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the processed-events log: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
