package io.github.eventcontracts.outbox;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * A place in MySQL's or MariaDB's binary log: a file and the byte where the next event group
 * starts. It is what {@link BinlogRelay} records after Kafka acknowledged everything before it, in a
 * file replaced atomically (written beside, forced to disk, moved over), so a crash leaves either the
 * old position or the new one, never a torn one.
 */
record BinlogPosition(String file, long position) {
  static Optional<BinlogPosition> read(Path offsetFile) {
    if (!Files.exists(offsetFile)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Files.readString(offsetFile, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the relay's binlog position from " + offsetFile, e);
    }
    String file = properties.getProperty("binlog.file");
    String position = properties.getProperty("binlog.position");
    if (file == null || position == null || !position.matches("\\d+")) {
      throw new IllegalStateException(offsetFile + " is not a binlog position (binlog.file=..., binlog.position=...); "
          + "delete it to start again from a snapshot of the outbox table");
    }
    return Optional.of(new BinlogPosition(file, Long.parseLong(position)));
  }

  void write(Path offsetFile) {
    Path absolute = offsetFile.toAbsolutePath();
    Path next = absolute.resolveSibling(absolute.getFileName() + ".next");
    byte[] text = ("binlog.file=" + file + "\nbinlog.position=" + position + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(absolute.getParent());
      try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(java.nio.ByteBuffer.wrap(text));
        channel.force(true);
      }
      Files.move(next, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the relay's binlog position in " + offsetFile, e);
    }
  }

  @Override
  public String toString() {
    return file + ":" + position;
  }
}
