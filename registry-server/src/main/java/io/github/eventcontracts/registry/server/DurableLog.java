package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An append-only log of JSON records. Each record is framed as length (4 bytes), CRC-32C (4 bytes),
 * then the UTF-8 JSON, and {@link #append} returns only after the bytes are forced to disk.
 *
 * <p>On open, every frame is checked. A crash can tear only the last append, which was never
 * acknowledged: a frame that runs past the end of the file, or whose tail was never written (zeros),
 * with no readable frame after it, is cut, and the cut is reported. Anything else that fails its length or
 * checksum is damage in the middle of the log, and the log is not opened: the records after the
 * damage hold acknowledged schemas whose ids would otherwise be given out again. With
 * {@code repair}, every readable record is kept, the damaged file is set aside, and an
 * {@code id-floor} record keeps the next id above every id the log ever mentioned.
 */
final class DurableLog implements Closeable {
  static final String FILE_NAME = "registry.log";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEADER = 8;
  private static final int MAX_RECORD = 64 * 1024 * 1024;

  private final Path file;
  private final FileChannel channel;
  private List<JsonNode> replayed;

  private DurableLog(Path file, FileChannel channel, List<JsonNode> replayed) {
    this.file = file;
    this.channel = channel;
    this.replayed = replayed;
  }

  /** The log refuses to open: damage in the middle of the file, named by file and byte offset. */
  static final class DamagedLogException extends RuntimeException {
    final long offset;

    DamagedLogException(Path file, long offset, int goodRecords, String reason) {
      super(file + " is damaged at byte offset " + offset + " (after " + goodRecords + " good record(s)): " + reason
          + ". The registry does not start on a damaged log: the records after the damage hold acknowledged "
          + "schemas, and their ids would be given out again. Restore the file from a backup, or start with "
          + "--repair-log to keep every record that can still be read (the damaged file is kept beside it) and "
          + "never reuse an id the log mentions");
      this.offset = offset;
    }
  }

  static DurableLog open(Path directory) {
    return open(directory, false, message -> System.err.println("registry-server: " + message));
  }

  /**
   * @param repair keep every readable record of a damaged log instead of refusing it
   * @param notes where what was cut or repaired is reported
   */
  static DurableLog open(Path directory, boolean repair, Consumer<String> notes) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Files.createDirectories(directory);
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      try {
        Scan scan = Scan.of(file, channel, repair);
        if (scan.damaged.isEmpty()) {
          if (scan.end < channel.size()) {
            notes.accept(file + ": cut a torn last record at byte offset " + scan.end + " (" + (channel.size() - scan.end)
                + " byte(s) of an append a crash interrupted, never acknowledged); " + scan.records.size()
                + " record(s) kept");
            channel.truncate(scan.end);
            channel.force(true);
          }
          channel.position(scan.end);
          return new DurableLog(file, channel, scan.records);
        }
        channel.close();
        return repaired(directory, file, scan, notes);
      } catch (RuntimeException | IOException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open registry log in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Sets the damaged file aside and writes the readable records, plus an id floor, as the new log. */
  private static DurableLog repaired(Path directory, Path file, Scan scan, Consumer<String> notes) throws IOException {
    Path aside = directory.resolve(FILE_NAME + ".damaged-" + System.currentTimeMillis());
    Path fresh = directory.resolve(FILE_NAME + ".repairing");
    List<JsonNode> records = new ArrayList<>(scan.records);
    records.add(JSON.createObjectNode().put("op", "id-floor").put("id", scan.highestId));
    try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer frames = frames(records);
      while (frames.hasRemaining()) {
        out.write(frames);
      }
      out.force(true);
    }
    Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
    Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    notes.accept(file + ": repaired. Damaged byte ranges " + scan.damaged + " were skipped; " + scan.records.size()
        + " readable record(s) kept; ids continue above " + scan.highestId + ", the highest the log mentions. "
        + "The damaged file is kept as " + aside);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.position(channel.size());
    return new DurableLog(file, channel, records);
  }

  /** The records found when the log was opened, in order, once: the log keeps no copy of them after. */
  List<JsonNode> takeReplayed() {
    List<JsonNode> records = replayed;
    replayed = List.of();
    return records;
  }

  /** Appends records as one write and forces them to disk before returning. */
  synchronized void append(List<JsonNode> records) {
    try {
      ByteBuffer buffer = frames(records);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write registry log " + file + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer frames(List<JsonNode> records) throws IOException {
    List<byte[]> payloads = new ArrayList<>(records.size());
    int total = 0;
    for (JsonNode record : records) {
      byte[] payload = JSON.writeValueAsBytes(record);
      payloads.add(payload);
      total += HEADER + payload.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(total);
    for (byte[] payload : payloads) {
      CRC32C crc = new CRC32C();
      crc.update(payload);
      buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    }
    return buffer.flip();
  }

  /** One pass over the file: the good records, where they end, and (repairing) the damaged ranges skipped. */
  private static final class Scan {
    final List<JsonNode> records = new ArrayList<>();
    final List<String> damaged = new ArrayList<>();
    long end;
    int highestId;

    static Scan of(Path file, FileChannel channel, boolean repair) throws IOException {
      Scan scan = new Scan();
      long size = channel.size();
      long position = 0;
      while (position < size) {
        Frame frame = Frame.at(channel, position, size);
        if (frame.record != null) {
          scan.add(frame.record);
          position += HEADER + frame.length;
          continue;
        }
        long next = nextGoodFrame(channel, position + 1, size);
        // Torn by a crash: the bytes of the last append stop short, or were never written (zeros;
        // a record's JSON ends with '}', never with 0). A whole last frame that fails its checksum
        // was written and then damaged: it may have been acknowledged, so it is not cut.
        boolean tornTail = next < 0 && (frame.runsPastEnd || lastByte(channel, size) == 0);
        if (tornTail) {
          break; // the caller cuts it and says so
        }
        if (!repair) {
          throw new DamagedLogException(file, position, scan.records.size(), frame.problem);
        }
        long resume = next < 0 ? size : next;
        scan.damaged.add(position + "-" + resume + " (" + frame.problem + ")");
        position = resume;
      }
      scan.end = position;
      return scan;
    }

    void add(JsonNode record) {
      records.add(record);
      // every id the log mentions, in schema and version records alike: never to be given out again
      JsonNode id = record.get("id");
      if (id != null && id.canConvertToInt()) {
        highestId = Math.max(highestId, id.asInt());
      }
    }
  }

  /** A frame read at a position: its record, or why it is not one. */
  private record Frame(JsonNode record, int length, boolean runsPastEnd, String problem) {
    static Frame at(FileChannel channel, long position, long size) throws IOException {
      if (position + HEADER > size) {
        return new Frame(null, 0, true, "an incomplete frame header");
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      channel.read(header, position);
      header.flip();
      int length = header.getInt();
      int expected = header.getInt();
      if (length < 0 || length > MAX_RECORD) {
        return new Frame(null, 0, false, "an impossible record length " + length);
      }
      if (position + HEADER + length > size) {
        return new Frame(null, length, true, "a record length " + length + " that runs past the end of the file");
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      channel.read(payload, position + HEADER);
      CRC32C crc = new CRC32C();
      crc.update(payload.array());
      if ((int) crc.getValue() != expected) {
        return new Frame(null, length, false, "a record whose checksum does not match its bytes");
      }
      try {
        JsonNode record = JSON.readTree(payload.array());
        if (record == null || !record.isObject()) {
          return new Frame(null, length, false, "a record that is not a JSON object");
        }
        return new Frame(record, length, false, null);
      } catch (IOException e) {
        return new Frame(null, length, false, "a record that is not JSON");
      }
    }
  }

  /**
   * The first position from {@code from} where a whole good frame starts, or -1. A frame's JSON
   * starts with '{', so only positions whose payload does are checked fully.
   */
  private static long nextGoodFrame(FileChannel channel, long from, long size) throws IOException {
    ByteBuffer probe = ByteBuffer.allocate(HEADER + 1);
    for (long p = from; p + HEADER + 2 <= size; p++) {
      probe.clear();
      channel.read(probe, p);
      int length = probe.getInt(0);
      if (length < 2 || length > MAX_RECORD || p + HEADER + length > size || probe.get(HEADER) != '{') {
        continue;
      }
      if (Frame.at(channel, p, size).record != null) {
        return p;
      }
    }
    return -1;
  }

  private static int lastByte(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
