package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the registry does with a log a crash tore or a disk damaged. */
class DurableLogTest {
  @TempDir Path data;

  static RegistrySchema schema(String name) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"t\",\"fields\":[]}");
  }

  /** Registers A, B, C (ids 1, 2, 3) in the durable log and stops. */
  private void registerThree() {
    try (EmbeddedRegistry registry = start(false)) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.register("a-value", schema("A"))).isEqualTo(1);
      assertThat(client.register("b-value", schema("B"))).isEqualTo(2);
      assertThat(client.register("c-value", schema("C"))).isEqualTo(3);
    }
  }

  private EmbeddedRegistry start(boolean repair) {
    return EmbeddedRegistry.start(RegistryOptions.defaults().withDataDirectory(data).withRepairLog(repair));
  }

  private Path log() {
    return data.resolve(DurableLog.FILE_NAME);
  }

  /** Byte offsets where each frame starts. */
  private List<Long> frames() throws IOException {
    byte[] bytes = Files.readAllBytes(log());
    List<Long> out = new ArrayList<>();
    for (int p = 0; p + 8 <= bytes.length; p += 8 + ByteBuffer.wrap(bytes, p, 4).getInt()) {
      out.add((long) p);
    }
    return out;
  }

  private void poke(long offset, byte[] bytes) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
      file.seek(offset);
      file.write(bytes);
    }
  }

  private void flipByte(long offset) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
      file.seek(offset);
      int b = file.read();
      file.seek(offset);
      file.write(b ^ 0x20);
    }
  }

  @Test
  void aTornLastRecordIsCutSaidAndTheRestServed() throws IOException {
    registerThree();
    long size = Files.size(log());
    long lastFrame = frames().get(frames().size() - 1);
    try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "rw")) {
      file.setLength(size - 5); // the crash stopped the last append short
    }
    List<String> notes = new ArrayList<>();
    try (DurableLog log = DurableLog.open(data, false, notes::add)) {
      assertThat(log.takeReplayed()).hasSize(frames().size());
    }
    assertThat(notes).singleElement().asString().contains("cut a torn last record at byte offset " + lastFrame)
        .contains("never acknowledged");
    assertThat(Files.size(log())).isEqualTo(lastFrame);
    try (EmbeddedRegistry registry = start(false)) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.schemaById(3).schema()).contains("\"C\""); // C's schema record came before its version
      assertThat(client.register("d-value", schema("D"))).isEqualTo(4);
    }
  }

  @Test
  void aLastAppendThatWasNeverWrittenIsCut() throws IOException {
    registerThree();
    long size = Files.size(log());
    // the file grew but the data never reached the disk: a frame header, then zeros
    poke(size, ByteBuffer.allocate(8 + 40).putInt(40).putInt(12345).array());
    List<String> notes = new ArrayList<>();
    try (DurableLog log = DurableLog.open(data, false, notes::add)) {
      assertThat(log.takeReplayed()).hasSize(frames().size());
    }
    assertThat(notes).singleElement().asString().contains("byte offset " + size);
    assertThat(Files.size(log())).isEqualTo(size);
  }

  @Test
  void oneFlippedByteInTheMiddleRefusesToStartNamingFileAndOffset() throws IOException {
    registerThree();
    byte[] before = Files.readAllBytes(log());
    long bFrame = frames().get(2); // A's schema and version, then B's schema record
    flipByte(bFrame + 20);
    assertThatThrownBy(() -> start(false))
        .isInstanceOfSatisfying(DurableLog.DamagedLogException.class, e -> assertThat(e.offset).isEqualTo(bFrame))
        .hasMessageContaining(log().toString())
        .hasMessageContaining("byte offset " + bFrame)
        .hasMessageContaining("checksum")
        .hasMessageContaining("--repair-log");
    // nothing was cut: the file is as it was but for the flipped byte
    assertThat(Files.size(log())).isEqualTo(before.length);
  }

  @Test
  void anImpossibleLengthInTheMiddleRefusesToStart() throws IOException {
    registerThree();
    long bFrame = frames().get(2);
    long size = Files.size(log());
    poke(bFrame, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
    assertThatThrownBy(() -> start(false)).isInstanceOf(DurableLog.DamagedLogException.class)
        .hasMessageContaining("byte offset " + bFrame);
    poke(bFrame, ByteBuffer.allocate(4).putInt((int) size).array()); // runs past the end, but good frames follow
    assertThatThrownBy(() -> start(false)).isInstanceOf(DurableLog.DamagedLogException.class)
        .hasMessageContaining("runs past the end");
    assertThat(Files.size(log())).isEqualTo(size);
  }

  @Test
  void aWholeLastRecordWithABadChecksumIsDamageNotATear() throws IOException {
    registerThree();
    long last = frames().get(frames().size() - 1);
    flipByte(last + 12);
    assertThatThrownBy(() -> start(false)).isInstanceOf(DurableLog.DamagedLogException.class)
        .hasMessageContaining("byte offset " + last);
  }

  @Test
  void repairKeepsEveryReadableRecordAndNeverReusesAnId() throws IOException {
    registerThree();
    flipByte(frames().get(2) + 20); // B's schema record
    try (EmbeddedRegistry registry = start(true)) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.schemaById(1).schema()).contains("\"A\"");
      assertThat(client.schemaById(3).schema()).contains("\"C\"");
      assertThat(client.subjects()).containsExactly("a-value", "c-value"); // B's version had no schema left
      assertThatThrownBy(() -> client.schemaById(2)).isInstanceOf(RegistryException.SchemaNotFoundException.class);
      assertThat(client.register("d-value", schema("D"))).isEqualTo(4);
    }
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("registry.log.damaged-"));
    }
    // the repaired log opens cleanly, and the id floor stays
    try (EmbeddedRegistry registry = start(false)) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.register("b-value", schema("B"))).isEqualTo(5);
    }
  }

  @Test
  void repairDoesNotReuseTheIdOfALostLastSchema() throws IOException {
    registerThree();
    // damage C's schema record; C's version record after it still names id 3
    List<Long> frames = frames();
    flipByte(frames.get(4) + 20);
    try (EmbeddedRegistry registry = start(true)) {
      assertThat(RegistryClient.of(registry.url()).register("d-value", schema("D"))).isEqualTo(4);
    }
  }
}
