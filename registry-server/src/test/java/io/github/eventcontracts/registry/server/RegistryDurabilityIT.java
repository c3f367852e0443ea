package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar in a child process with --data, 8 threads registering 1,000 distinct schemas,
 * SIGKILL in the middle, restart: every acknowledged id is still served with its schema.
 */
class RegistryDurabilityIT {
  private static final int SCHEMAS = 1000;
  private static final int THREADS = 8;

  private record Server(Process process, String url) {}

  private static Server start(Path data) throws Exception {
    Path jar = Path.of(System.getProperty("registry.jar", "target/registry-server.jar"));
    assertThat(jar).exists();
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--port", "0", "--data", data.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the server's first line").isNotNull().contains("listening on ");
    String url = line.replaceAll(".*listening on (\\S+).*", "$1");
    return new Server(process, url);
  }

  static RegistrySchema schema(int i) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"E" + i + "\",\"namespace\":\"durability\","
        + "\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}");
  }

  @Test
  void sigkillLosesNoAcknowledgedRegistration(@TempDir Path data) throws Exception {
    Server first = start(data);
    RegistryClient client = new RegistryClient(RegistryClientConfig.builder(first.url()).maxRetries(0)
        .requestTimeout(Duration.ofSeconds(5)).build());
    Map<Integer, Integer> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger nextSchema = new AtomicInteger();
    AtomicInteger cutShort = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(SCHEMAS / 4);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        int i;
        while ((i = nextSchema.getAndIncrement()) < SCHEMAS) {
          try {
            acknowledged.put(i, client.register("durability-" + i + "-value", schema(i)));
            enough.countDown();
          } catch (RegistryException e) {
            cutShort.incrementAndGet(); // the server is gone: this writer was mid-run at the kill
            return;
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    assertThat(enough.await(120, TimeUnit.SECONDS)).as("a quarter registered before the kill").isTrue();
    first.process().destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    // the kill landed mid-run: writers were cut off, and not everything was acknowledged
    assertThat(cutShort.get()).as("writers cut off by the kill").isPositive();
    assertThat(threads).noneMatch(Thread::isAlive);
    assertThat(acknowledged.size()).isBetween(SCHEMAS / 4, SCHEMAS - 1);
    assertThat(new HashSet<>(acknowledged.values())).as("distinct schemas, distinct ids").hasSize(acknowledged.size());
    assertThat(Files.size(data.resolve("registry.log"))).isPositive();

    Server second = start(data);
    try {
      RegistryClient after = RegistryClient.of(second.url());
      for (Map.Entry<Integer, Integer> ack : acknowledged.entrySet()) {
        int i = ack.getKey();
        assertThat(after.schemaById(ack.getValue()).schema()).as("schema of id %s", ack.getValue())
            .isEqualTo(schema(i).schema());
        assertThat(after.latest("durability-" + i + "-value").id()).isEqualTo(ack.getValue());
      }
      // the job can be finished, and nothing acknowledged changes id
      for (int i = 0; i < SCHEMAS; i++) {
        int id = after.register("durability-" + i + "-value", schema(i));
        if (acknowledged.containsKey(i)) {
          assertThat(id).isEqualTo(acknowledged.get(i));
        }
      }
      assertThat(after.subjects()).hasSize(SCHEMAS);
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
