package io.github.eventcontracts.sample.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessedLogTest {
  @Test
  void idsSurviveAReopen(@TempDir Path dir) {
    Path file = dir.resolve("sub/processed.log");
    try (ProcessedLog log = ProcessedLog.open(file)) {
      log.add("e-1", "handled", "orders", 0, 10);
      log.add("e-2", "dead-lettered", "orders", 1, 3);
    }
    try (ProcessedLog log = ProcessedLog.open(file)) {
      assertThat(log.contains("e-1")).isTrue();
      assertThat(log.contains("e-2")).isTrue();
      assertThat(log.contains("e-3")).isFalse();
      assertThat(log.size()).isEqualTo(2);
    }
  }

  @Test
  void aLineCutShortByAKillIsDroppedAndTheNextLineStartsClean(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("processed.log");
    Files.writeString(file, "e-1\thandled\torders\t0\t10\ne-2\tha", StandardCharsets.UTF_8);
    try (ProcessedLog log = ProcessedLog.open(file)) {
      assertThat(log.contains("e-1")).isTrue();
      assertThat(log.contains("e-2")).isFalse(); // not known to be done: it will be handled again
      log.add("e-2", "handled", "orders", 0, 11);
    }
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
        .containsExactly("e-1\thandled\torders\t0\t10", "e-2\thandled\torders\t0\t11");
  }

  @Test
  void inMemoryRemembersWithoutAFile() {
    try (ProcessedLog log = ProcessedLog.inMemory()) {
      log.add("e-1", "handled", "orders", 0, 0);
      assertThat(log.contains("e-1")).isTrue();
      assertThat(log.size()).isEqualTo(1);
    }
  }
}
