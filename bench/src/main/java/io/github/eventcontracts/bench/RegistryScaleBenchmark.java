package io.github.eventcontracts.bench;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.server.ScaleFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry with many subjects: 100,000 subjects × 3 versions (half Avro, half Protobuf, every
 * tenth referencing a shared type; {@link ScaleFixture}) in the file log and in Kafka's
 * {@code _schemas} topic, each read back by the standalone registry in its own JVM with
 * {@code -Xmx1g}: start-up (process start to listening, replay included), heap after a full GC,
 * and read latency (p50, p99 of GET latest, a version, a schema by id and a page of subjects, two
 * client threads) beside the same registry holding 100 subjects, in the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.RegistryScaleBenchmark \
 *     registry-server/target/registry-server.jar [subjects, default 100000] [versions, default 3]</pre>
 */
public final class RegistryScaleBenchmark {
  private static final int SMALL = 100;
  private static final int REQUESTS = 20_000;
  private static final int WARMUP = 5_000;

  private RegistryScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "registry-server/target/registry-server.jar");
    int subjects = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int versions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path work = Files.createTempDirectory("registry-scale");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      for (int size : new int[] {SMALL, subjects}) {
        long t = System.nanoTime();
        int made = ScaleFixture.fileLog(work.resolve("log-" + size), size, versions);
        System.out.printf("fixture: file log with %,d subjects, %,d registrations written in %.1f s%n", size, made,
            (System.nanoTime() - t) / 1e9);
        t = System.nanoTime();
        ScaleFixture.kafkaTopic(kafka.bootstrapServers(), "_schemas_scale_" + size, size, versions);
        System.out.printf("fixture: Kafka topic with %,d subjects written in %.1f s%n", size,
            (System.nanoTime() - t) / 1e9);
      }
      for (String store : List.of("file log", "Kafka")) {
        for (int size : new int[] {SMALL, subjects}) {
          List<String> storeArgs = store.equals("Kafka")
              ? List.of("--kafka-bootstrap-servers", kafka.bootstrapServers(), "--kafka-topic", "_schemas_scale_" + size)
              : List.of("--data", work.resolve("log-" + size).toString());
          RegistryProcess probe = start(jar, storeArgs);
          try {
            double indexed = normalFormsIndexed(probe.url());
            long heap = heapAfterGc(probe.process().pid());
            long ids = (long) size * versions + 2;
            double[] latency = latencies(probe.url(), size, versions, ids);
            HttpClient http = HttpClient.newHttpClient();
            long t = System.nanoTime();
            HttpResponse<byte[]> all = http.send(HttpRequest.newBuilder(URI.create(probe.url() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            double allMillis = (System.nanoTime() - t) / 1e6;
            System.out.printf("%s, %,d subjects x %d versions: start-up %,d ms (process start to listening), "
                + "Protobuf normal forms indexed %.1f s later, heap after GC %.0f MiB (-Xmx1g), read latency p50 "
                + "%.2f ms p99 %.2f ms (%,d requests, 2 threads); GET /subjects %,d bytes in %.0f ms%n", store, size,
                versions, probe.startMillis(), indexed, heap / 1048576.0, latency[0], latency[1], REQUESTS,
                all.body().length, allMillis);
          } finally {
            probe.process().destroy();
            probe.process().waitFor(30, TimeUnit.SECONDS);
          }
        }
      }
    }
  }

  private static RegistryProcess start(Path jar, List<String> storeArgs) throws Exception {
    List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
    // e.g. -Dscale.jvm=-XX:StartFlightRecording=filename=/tmp/scale.jfr to profile the registry
    String extra = System.getProperty("scale.jvm", "");
    if (!extra.isBlank()) {
      jvm.addAll(List.of(extra.trim().split("\\s+")));
    }
    return RegistryProcess.start(jar, jvm, storeArgs, ProcessBuilder.Redirect.INHERIT);
  }

  /**
   * Seconds until a lookup that needs the Protobuf normal-form index answers: a schema registered as
   * text, looked up with {@code normalize=true} in another layout. Replayed from Confluent's topic,
   * the index is built after start (a parse per Protobuf schema); the lookup waits for it.
   */
  private static double normalFormsIndexed(String url) throws Exception {
    String reformatted = ScaleFixture.protobuf(1, 1).schema().replace("\n", "\n\n") + "// looked up\n";
    String body = RegistryJson.MAPPER.writeValueAsString(Map.of("schemaType", "PROTOBUF", "schema", reformatted,
        "references", ScaleFixture.protobuf(1, 1).references()));
    long t = System.nanoTime();
    HttpResponse<String> found = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/subjects/"
        + ScaleFixture.subject(1) + "?normalize=true")).header("Content-Type", RegistryJson.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (found.statusCode() != 200 || !found.body().contains("\"version\":1")) {
      throw new IllegalStateException("normalized lookup answered " + found.statusCode() + ": " + found.body());
    }
    return (System.nanoTime() - t) / 1e9;
  }

  /** The process's used heap after a full GC, from {@code jcmd}. */
  private static long heapAfterGc(long pid) throws Exception {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
    String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    info.waitFor();
    Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info said: " + text);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  /** p50 and p99 in ms over a mix of reads at random subjects, versions and ids, after a warm-up. */
  private static double[] latencies(String url, int subjects, int versions, long ids) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<long[]>> runs = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      runs.add(pool.submit(() -> {
        long[] nanos = new long[(WARMUP + REQUESTS) / 2];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < nanos.length; i++) {
          String subject = ScaleFixture.subject(random.nextInt(subjects));
          String path = switch (i % 4) {
            case 0 -> "/subjects/" + subject + "/versions/latest";
            case 1 -> "/subjects/" + subject + "/versions/" + (1 + random.nextInt(versions));
            case 2 -> "/schemas/ids/" + (1 + random.nextLong(ids));
            default -> "/subjects?offset=" + random.nextInt(subjects) + "&limit=100";
          };
          long t0 = System.nanoTime();
          HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
          nanos[i] = System.nanoTime() - t0;
          if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                + new String(r.body(), StandardCharsets.UTF_8));
          }
        }
        return Arrays.copyOfRange(nanos, WARMUP / 2, nanos.length);
      }));
    }
    long[] all = new long[0];
    for (Future<long[]> run : runs) {
      long[] part = run.get();
      long[] joined = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, joined, all.length, part.length);
      all = joined;
    }
    pool.shutdown();
    Arrays.sort(all);
    return new double[] {all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6};
  }
}
