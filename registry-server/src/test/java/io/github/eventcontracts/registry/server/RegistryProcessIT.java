package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone jar in a child JVM with a small heap: memory follows the texts, and a fatal error ends it. */
class RegistryProcessIT {
  private record Server(Process process, String url, Path stderr) {}

  private static Server start(Path work, String heap, String... args) throws Exception {
    return start(work, Map.of(), heap, args);
  }

  private static Server start(Path work, Map<String, String> environment, String heap, String... args)
      throws Exception {
    Path jar = Path.of(System.getProperty("registry.jar", "target/registry-server.jar"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        heap, "-jar", jar.toString(), "--port", "0"));
    command.addAll(List.of(args));
    Path stderr = work.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the server's first line; stderr: %s", Files.readString(stderr)).isNotNull()
        .contains("listening on ");
    return new Server(process, line.replaceAll(".*listening on (\\S+).*", "$1"), stderr);
  }

  /** Version n has fields f1..fn, each with a default: every version is BACKWARD of the one before. */
  static RegistrySchema growing(int fields) {
    StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"Growing\",\"namespace\":\"memory\","
        + "\"doc\":\"a record that gains one field per version\",\"fields\":[");
    for (int f = 1; f <= fields; f++) {
      schema.append(f > 1 ? "," : "").append("{\"name\":\"field_number_").append(f)
          .append("\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"field ").append(f).append("\"}");
    }
    return RegistrySchema.avro(schema.append("]}").toString());
  }

  @Test
  void sixHundredAndOneGrowingVersionsAreStoredAndServedIn256Megabytes(@TempDir Path work) throws Exception {
    Server server = start(work, "-Xmx256m", "--data", work.resolve("data").toString());
    try {
      RegistryClient client = RegistryClient.of(server.url());
      for (int n = 1; n <= 601; n++) {
        client.register("growing-value", growing(n));
      }
      RegistryClient fresh = RegistryClient.of(server.url());
      List<Integer> versions = fresh.versions("growing-value");
      assertThat(versions).hasSize(601);
      for (int v : versions) {
        assertThat(fresh.version("growing-value", String.valueOf(v)).schema().schema())
            .contains("field_number_" + v + "\"");
      }
      assertThat(server.process().isAlive()).as("stderr: %s", Files.readString(server.stderr())).isTrue();
      assertThat(Files.readString(server.stderr())).doesNotContain("OutOfMemoryError");
    } finally {
      server.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anOutOfMemoryErrorEndsTheProcessInsteadOfLeavingItHalfAlive(@TempDir Path work) throws Exception {
    // a 48 MB request body in a 64 MB heap: the error is real, not simulated
    Server server = start(work, "-Xmx64m", "--max-request-bytes", "100000000");
    try {
      String huge = RegistryJson.schema(RegistrySchema.avro("\"" + "x".repeat(48_000_000) + "\"")).toString();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      try {
        http.send(HttpRequest.newBuilder(URI.create(server.url() + "/subjects/huge-value/versions"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        // the process went away mid-request: expected
      }
      assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
      assertThat(server.process().exitValue()).isEqualTo(Fatal.EXIT_CODE);
      assertThat(Files.readString(server.stderr())).contains("fatal java.lang.OutOfMemoryError")
          .contains("so that it can be restarted");
    } finally {
      server.process().destroyForcibly();
    }
  }

  @Test
  void credentialsComeFromTheEnvironmentOrAFileNotOnlyTheCommandLine(@TempDir Path work) throws Exception {
    Path file = Files.writeString(work.resolve("registry.credentials"), "ops:from-file\n");
    Server fromEnv = start(Files.createDirectories(work.resolve("env")), Map.of(RegistryServerMain.AUTH_ENV,
        "ops:from-env"), "-Xmx64m");
    Server fromFile = start(Files.createDirectories(work.resolve("file")), Map.of(), "-Xmx64m", "--basic-auth-file",
        file.toString());
    try {
      assertThat(status(fromEnv.url(), null)).isEqualTo(401);
      assertThat(status(fromEnv.url(), "ops:from-env")).isEqualTo(200);
      assertThat(status(fromFile.url(), "ops:from-env")).isEqualTo(401);
      assertThat(status(fromFile.url(), "ops:from-file")).isEqualTo(200);
      // nothing secret on the command line, where ps shows it
      assertThat(fromEnv.process().info().arguments().map(List::of).orElse(List.of())).noneMatch(a -> a.contains("from-"));
    } finally {
      fromEnv.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fromFile.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int status(String url, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/subjects")).GET();
    if (credentials != null) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
