package io.github.eventcontracts.bench;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second against the embedded registry over loopback HTTP, with a plain HttpClient
 * (no client-side cache, so every operation is a real request): reading a schema by id, and
 * re-registering a schema the subject already has (the idempotent path every deploy takes).
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
}
