package io.github.eventcontracts.bench;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * The registry on Kafka, 1 and 3 instances (each its own JVM, on the in-process KRaft Kafka):
 * registrations/s and GET-by-id req/s with 8 client threads spread over the instances (medians of
 * three rounds), and the failover time: leader SIGKILLed, to the first write that succeeds (for one
 * instance, through its restart).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.KafkaRegistryBenchmark registry-server/target/registry-server.jar</pre>
 */
public final class KafkaRegistryBenchmark {
  private static final int THREADS = 8;
  private static final int REGISTRATIONS = 600;

  private record Instance(Process process, String url) {}

  private KafkaRegistryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "registry-server/target/registry-server.jar");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      for (int n : new int[] {1, 3}) {
        String topic = "_schemas_bench_" + n;
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          instances.add(start(jar, kafka.bootstrapServers(), topic));
        }
        List<String> urls = new ArrayList<>(instances.stream().map(Instance::url).toList());
        register(urls, "warmup", 50);
        double[] writes = new double[3];
        double[] reads = new double[3];
        for (int round = 0; round < 3; round++) {
          writes[round] = register(urls, "r" + round, REGISTRATIONS);
          reads[round] = getById(urls, Duration.ofSeconds(4));
        }
        String leader = leaderOf(kafka.bootstrapServers(), topic);
        Instance victim = instances.stream().filter(i -> i.url().equals(leader)).findFirst().orElseThrow();
        long killed = System.nanoTime();
        victim.process().destroyForcibly();
        victim.process().waitFor();
        instances.remove(victim);
        if (instances.isEmpty()) {
          instances.add(start(jar, kafka.bootstrapServers(), topic)); // one instance: failover is its restart
        }
        String via = instances.get(0).url();
        RegistryClient client = new RegistryClient(RegistryClientConfig.builder(via).maxRetries(0)
            .requestTimeout(Duration.ofSeconds(30)).build());
        while (true) {
          try {
            client.register("after-kill-value", schema("after", 0));
            break;
          } catch (RegistryException e) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
          }
        }
        double failover = (System.nanoTime() - killed) / 1e9;
        System.out.printf("%d instance(s): %.0f registrations/s, %.0f GET-by-id req/s (medians of 3), failover "
            + "(leader SIGKILL -> first successful write) %.1f s%n", n, median(writes), median(reads), failover);
        instances.forEach(i -> i.process().destroy());
        for (Instance i : instances) {
          i.process().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static Instance start(Path jar, String bootstrapServers, String topic) throws Exception {
    RegistryProcess started = RegistryProcess.start(jar, List.of(), List.of("--kafka-bootstrap-servers",
        bootstrapServers, "--kafka-topic", topic), ProcessBuilder.Redirect.DISCARD);
    return new Instance(started.process(), started.url());
  }

  static RegistrySchema schema(String prefix, int i) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"E" + i + "\",\"namespace\":\"bench." + prefix
        + "\",\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}");
  }

  /** Registrations/s: distinct subjects, 8 threads, each thread's requests to one instance, spread over them. */
  private static double register(List<String> urls, String prefix, int count) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        // one client per thread, as a producer keeps one: its connection stays open
        RegistryClient client = RegistryClient.of(urls.get(thread % urls.size()));
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          client.register(prefix + "-" + i + "-value", schema(prefix, i));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /** GET /schemas/ids/{id} req/s over the instances for a while. */
  private static double getById(List<String> urls, Duration duration) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    AtomicInteger requests = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        int i = thread;
        while (System.nanoTime() < end) {
          String url = urls.get(i % urls.size());
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + (1 + i % 50)))
              .build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + r.statusCode());
          }
          requests.incrementAndGet();
          i++;
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return requests.get() / (duration.toNanos() / 1e9);
  }

  private static String leaderOf(String bootstrapServers, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      for (MemberDescription m : admin.describeConsumerGroups(List.of("schema-registry-" + topic)).all().get()
          .get("schema-registry-" + topic).members()) {
        if (!m.assignment().topicPartitions().isEmpty()) {
          return m.clientId();
        }
      }
    }
    throw new IllegalStateException("no leader");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
