package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three registry JVMs on one Kafka topic; eight writers register through all three; the leader's
 * JVM is killed with SIGKILL mid-run and started again later. Every acknowledged registration must
 * then be served by every instance with the same id and version, no id may serve two schemas, each
 * subject's versions must be contiguous, and a new leader must have taken writes.
 */
class RegistryFailoverIT {
  private static final int WRITERS = 8;
  private static final int VERSIONS_PER_WRITER = 20;
  private static final String TOPIC = "_schemas";

  private record Instance(Process process, String url, Path log) {}

  private static Instance start(String bootstrapServers) throws Exception {
    Path jar = Path.of(System.getProperty("registry.jar", "target/registry-server.jar"));
    assertThat(jar).exists();
    Path log = java.nio.file.Files.createTempFile(Path.of("target"), "failover-instance-", ".log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--port", "0", "--kafka-bootstrap-servers", bootstrapServers, "--kafka-topic", TOPIC)
        .redirectError(log.toFile())
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the server's first line").isNotNull().contains("listening on ");
    return new Instance(process, line.replaceAll(".*listening on (\\S+).*", "$1"), log);
  }

  /** Version k of a writer's subject: k optional fields, so each version reads the one before. */
  static RegistrySchema schema(int writer, int k) {
    StringBuilder fields = new StringBuilder("{\"name\":\"id\",\"type\":\"string\"}");
    for (int f = 1; f < k; f++) {
      fields.append(",{\"name\":\"f").append(f).append("\",\"type\":\"long\",\"default\":0}");
    }
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"W" + writer + "\",\"namespace\":\"failover\","
        + "\"fields\":[" + fields + "]}");
  }

  private static String leaderOf(String bootstrapServers) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (System.nanoTime() < deadline) {
        for (MemberDescription m : admin.describeConsumerGroups(List.of("schema-registry-" + TOPIC)).all().get()
            .get("schema-registry-" + TOPIC).members()) {
          if (!m.assignment().topicPartitions().isEmpty()) {
            return m.clientId();
          }
        }
      }
    }
    throw new AssertionError("no leader elected within a minute");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void theLeaderKilledMidRunLosesNoAcknowledgedRegistration() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      List<Instance> instances = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        instances.add(start(kafka.bootstrapServers()));
      }
      Map<String, Integer> acknowledged = new ConcurrentHashMap<>(); // "writer/k" -> id
      AtomicInteger acks = new AtomicInteger();
      AtomicLong killedAt = new AtomicLong();
      AtomicLong firstWriteAfterKill = new AtomicLong();
      CountDownLatch thirdDone = new CountDownLatch(1);
      List<String> urls = new ArrayList<>(instances.stream().map(Instance::url).toList());
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          for (int k = 1; k <= VERSIONS_PER_WRITER; k++) {
            int attempt = 0;
            while (true) {
              String url = urls.get((writer + k + attempt) % urls.size());
              RegistryClient client = new RegistryClient(RegistryClientConfig.builder(url).maxRetries(0)
                  .requestTimeout(Duration.ofSeconds(20)).build());
              try {
                int id = client.register("w" + writer + "-value", schema(writer, k));
                acknowledged.put(writer + "/" + k, id);
                if (killedAt.get() != 0) {
                  firstWriteAfterKill.compareAndSet(0, System.nanoTime());
                }
                if (acks.incrementAndGet() == WRITERS * VERSIONS_PER_WRITER / 3) {
                  thirdDone.countDown();
                }
                break;
              } catch (RegistryException e) {
                attempt++; // a dead instance, no leader yet, a fenced write: the same registration again
                if (attempt > 1000) {
                  throw new AssertionError("writer " + writer + " could not register version " + k, e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // retry backoff
              }
            }
          }
          return null;
        }));
      }
      assertThat(thirdDone.await(3, TimeUnit.MINUTES)).as("a third of the registrations done").isTrue();
      String leader = leaderOf(kafka.bootstrapServers());
      Instance victim = instances.stream().filter(i -> i.url().equals(leader)).findFirst().orElseThrow();
      int acksBeforeKill = acks.get();
      victim.process().destroyForcibly(); // SIGKILL: no shutdown hook, no leave-group, no flush
      killedAt.set(System.nanoTime());
      assertThat(victim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Future<?> f : writers) {
        f.get(4, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertThat(acksBeforeKill).as("the kill landed mid-run").isLessThan(WRITERS * VERSIONS_PER_WRITER);
      double failover = (firstWriteAfterKill.get() - killedAt.get()) / 1e9;
      System.out.printf("failover: leader killed after %d of %d registrations; first write after the kill "
          + "%.1f s later; new leader %s%n", acksBeforeKill, WRITERS * VERSIONS_PER_WRITER, failover,
          leaderOf(kafka.bootstrapServers()));
      assertThat(firstWriteAfterKill.get()).as("a write succeeded after the kill").isNotZero();
      // not left to the 6 s session: a follower saw the dead leader's port refuse connections
      String survivors = "";
      for (Instance i : instances) {
        if (i != victim) {
          survivors += java.nio.file.Files.readString(i.log());
        }
      }
      assertThat(survivors).as("the survivors' logs").contains("the leader " + victim.url()
          + " refuses connections (gone); removed it from the election");

      // the killed instance comes back and replays the topic
      instances.remove(victim);
      instances.add(start(kafka.bootstrapServers()));
      Map<Integer, String> schemaById = new HashMap<>();
      for (Instance instance : instances) {
        RegistryClient client = RegistryClient.of(instance.url());
        for (int w = 0; w < WRITERS; w++) {
          String subject = "w" + w + "-value";
          List<Integer> versions = client.versions(subject);
          assertThat(versions).as("versions of %s on %s", subject, instance.url())
              .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
          for (int k = 1; k <= VERSIONS_PER_WRITER; k++) {
            var found = client.lookup(subject, schema(w, k));
            assertThat(found.id()).as("id of %s version %d on %s", subject, k, instance.url())
                .isEqualTo(acknowledged.get(w + "/" + k));
            String previous = schemaById.putIfAbsent(found.id(), subject + "#" + k);
            assertThat(previous == null || previous.equals(subject + "#" + k))
                .as("id %d serves one schema only (%s and %s#%d)", found.id(), previous, subject, k).isTrue();
          }
        }
      }
      assertThat(acknowledged).hasSize(WRITERS * VERSIONS_PER_WRITER);
      instances.forEach(i -> i.process().destroy());
      for (Instance i : instances) {
        i.process().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
