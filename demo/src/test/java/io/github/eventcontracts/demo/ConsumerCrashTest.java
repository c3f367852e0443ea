package io.github.eventcontracts.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.sample.consumer.DeadLetters;
import io.github.eventcontracts.sample.consumer.SampleConsumer;
import io.github.eventcontracts.sample.producer.OrderEvents;
import io.github.eventcontracts.sample.producer.SampleProducer;
import io.github.eventcontracts.sample.support.Endpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer, in its own JVM, is killed with SIGKILL in the middle of the stream and started
 * again. Afterwards every produced event is in its processed log exactly once (nothing lost, nothing
 * handled twice), and the redeliveries it dropped as duplicates are exactly the records it had
 * processed but not yet committed when it died.
 */
class ConsumerCrashTest {
  static final int ORDERS = 2_500; // 10,000 events
  static final String GROUP = "crash-test";

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES) // a hung consumer fails the test instead of the build
  void killedMidStreamAndRestartedLosesNothingAndHandlesNothingTwice(@TempDir Path dir) throws Exception {
    try (Endpoints endpoints = Endpoints.resolve(null, null, System.out)) {
      DeadLetters.createTopics(endpoints.bootstrapServers(), OrderEvents.TOPICS);
      List<SampleProducer.Sent> sent = SampleProducer.publish(new SampleProducer.Settings(endpoints.bootstrapServers(),
          endpoints.registryUrl(), ORDERS, 0, true, 7), s -> { });
      Path log = dir.resolve("processed.log");
      List<String> args = List.of("--bootstrap-servers=" + endpoints.bootstrapServers(),
          "--registry-url=" + endpoints.registryUrl(), "--group=" + GROUP, "--processed-log=" + log,
          "--expect=" + sent.size(), "--work-ms=1", "--max-poll-records=200", "--quiet",
          // the broker's minimum: the killed member's partitions move to the restarted one sooner
          "--session-timeout-ms=6000");

      // The first consumer prints a line per handled event, after its processed-log entry: read its
      // output as it comes and kill it once it has handled 3,000, wherever that falls in a batch.
      List<String> firstArgs = new ArrayList<>(args);
      firstArgs.remove("--quiet");
      Process first = consumer(firstArgs, null);
      int handled = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null && handled < 3_000; line = out.readLine()) {
          if (line.startsWith("consumed topic=")) {
            handled++;
          }
        }
        assertThat(handled).as("events the first consumer handled before the kill").isEqualTo(3_000);
        assertThat(first.isAlive()).as("first consumer still running at the kill").isTrue();
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no close
      }
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      List<String> beforeRestart = lines(log);
      Map<TopicPartition, OffsetAndMetadata> committed;
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.bootstrapServers()))) {
        committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
      }
      assertThat(beforeRestart.size()).isBetween(3_000, sent.size() - 1);

      Process second = consumer(args, dir.resolve("second.out"));
      assertThat(second.waitFor(3, TimeUnit.MINUTES)).as("restarted consumer finished").isTrue();
      assertThat(second.exitValue()).isZero();

      // nothing lost, nothing handled twice
      List<String> after = lines(log);
      List<String> ids = after.stream().map(l -> l.split("\t")[0]).toList();
      assertThat(ids).hasSize(sent.size()).doesNotHaveDuplicates();
      assertThat(Set.copyOf(ids)).isEqualTo(sent.stream().map(SampleProducer.Sent::eventId).collect(Collectors.toSet()));

      // the duplicates dropped are exactly the processed-but-uncommitted records of the first run
      Set<String> uncommitted = beforeRestart.stream().map(l -> l.split("\t")).filter(f -> {
        OffsetAndMetadata c = committed.get(new TopicPartition(f[2], Integer.parseInt(f[3])));
        return c == null || Long.parseLong(f[4]) >= c.offset();
      }).map(f -> f[2] + "/" + f[3] + "/" + f[4]).collect(Collectors.toSet());
      Set<String> dropped = Files.readAllLines(dir.resolve("second.out"), StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("duplicate dropped"))
          .map(l -> field(l, "topic") + "/" + field(l, "partition") + "/" + field(l, "offset"))
          .collect(Collectors.toSet());
      assertThat(dropped).isEqualTo(uncommitted);
      System.out.println("crash test: killed after " + beforeRestart.size() + " events; " + dropped.size()
          + " redelivered and dropped as duplicates");
    }
  }

  /** The consumer in a JVM of its own, its output to {@code output}, or to a pipe when null. */
  private static Process consumer(List<String> args, Path output) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SampleConsumer.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (output != null) {
      builder.redirectOutput(output.toFile());
    }
    return builder.start();
  }

  private static List<String> lines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    List<String> complete = new ArrayList<>(List.of(text.split("\n")));
    if (!text.endsWith("\n") && !complete.isEmpty()) {
      complete.remove(complete.size() - 1); // a line being written
    }
    complete.removeIf(String::isEmpty);
    return complete;
  }

  private static String field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in: " + line);
  }

}
