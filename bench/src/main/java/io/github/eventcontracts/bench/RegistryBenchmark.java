package io.github.eventcontracts.bench;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.RegistryOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second against the embedded registry over loopback HTTP, with a plain HttpClient
 * (no client-side cache, so every operation is a real request): reading a schema by id,
 * re-registering a schema the subject already has (the idempotent path every deploy takes), and
 * registering new versions, in memory and durable (fsync per registration).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(4)
public class RegistryBenchmark {
  static final String SCHEMA = "{\"type\":\"record\",\"name\":\"OrderCreated\",\"namespace\":\"com.acme\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"total\",\"type\":\"long\"}]}";

  @State(Scope.Benchmark)
  public static class Registry {
    EmbeddedRegistry registry;
    HttpClient http;
    HttpRequest getById;
    HttpRequest reRegister;

    @Setup(Level.Trial)
    public void start() {
      registry = EmbeddedRegistry.start();
      int id = RegistryClient.of(registry.url()).register("orders-value", RegistrySchema.avro(SCHEMA));
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      getById = HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/" + id)).GET().build();
      String body = "{\"schema\":\"" + SCHEMA.replace("\"", "\\\"") + "\"}";
      reRegister = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/orders-value/versions"))
          .header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
      registry.close();
    }
  }

  /** A registry with an empty subject per thread, for new versions; memory or a log on disk. */
  @State(Scope.Benchmark)
  public static class Versions {
    @Param({"memory", "durable"})
    public String storage;
    EmbeddedRegistry registry;
    HttpClient http;
    Path data;
    final AtomicLong next = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws IOException {
      RegistryOptions options = RegistryOptions.defaults();
      if (storage.equals("durable")) {
        data = Files.createTempDirectory("registry-bench");
        options = options.withDataDirectory(data);
      }
      registry = EmbeddedRegistry.start(options);
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      registry.close();
      if (data != null) {
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }

    /** Version k of a subject: an id and one optional field of its own, so each is BACKWARD of the last. */
    HttpRequest nextVersion() {
      long k = next.incrementAndGet();
      String schema = "{\"type\":\"record\",\"name\":\"OrderCreated\",\"namespace\":\"com.acme\",\"fields\":["
          + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"n" + k + "\",\"type\":\"long\",\"default\":0}]}";
      String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
      // a few subjects, so threads contend as they would in a busy registry
      return HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/versions-" + (k % 8) + "-value/versions"))
          .header("Content-Type", "application/vnd.schemaregistry.v1+json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
  }

  private static String send(Registry r, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = r.http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  @Benchmark
  public String getSchemaById(Registry r) throws Exception {
    return send(r, r.getById);
  }

  @Benchmark
  public String reRegisterExistingSchema(Registry r) throws Exception {
    return send(r, r.reRegister);
  }

  @Benchmark
  public String registerNewVersion(Versions v) throws Exception {
    HttpResponse<String> response = v.http.send(v.nextVersion(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
