package io.github.eventcontracts.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * An append-only log of JSON records. Each record is framed as length (4 bytes), CRC-32C (4 bytes),
 * then the UTF-8 JSON, and {@link #append} returns only after the bytes are forced to disk. A crash
 * can leave a torn last record; replay stops at the first frame that is short or fails its checksum
 * and truncates the file there, so what was acknowledged survives and nothing half-written is read.
 */
final class DurableLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEADER = 8;
  private static final int MAX_RECORD = 64 * 1024 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final List<JsonNode> replayed;

  private DurableLog(Path file, FileChannel channel, List<JsonNode> replayed) {
    this.file = file;
    this.channel = channel;
    this.replayed = replayed;
  }

  static DurableLog open(Path directory) {
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve("registry.log");
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      List<JsonNode> records = new ArrayList<>();
      long good = readAll(channel, records);
      if (good < channel.size()) {
        channel.truncate(good);
        channel.force(true);
      }
      channel.position(good);
      return new DurableLog(file, channel, records);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open registry log in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** The records found when the log was opened, in order. */
  List<JsonNode> replayed() {
    return replayed;
  }

  Path file() {
    return file;
  }

  /** Appends records as one write and forces them to disk before returning. */
  synchronized void append(List<JsonNode> records) {
    try {
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
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write registry log " + file + ": " + e.getMessage(), e);
    }
  }

  private static long readAll(FileChannel channel, List<JsonNode> out) throws IOException {
    long position = 0;
    long size = channel.size();
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (position + HEADER <= size) {
      header.clear();
      channel.read(header, position);
      header.flip();
      int length = header.getInt();
      int expected = header.getInt();
      if (length < 0 || length > MAX_RECORD || position + HEADER + length > size) {
        break;
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      channel.read(payload, position + HEADER);
      CRC32C crc = new CRC32C();
      crc.update(payload.array());
      if ((int) crc.getValue() != expected) {
        break;
      }
      out.add(JSON.readTree(new String(payload.array(), StandardCharsets.UTF_8)));
      position += HEADER + length;
    }
    return position;
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
