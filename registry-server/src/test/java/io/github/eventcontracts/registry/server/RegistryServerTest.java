package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of our server beyond the client contract: HTTP details, limits, auth, concurrency, restarts. */
class RegistryServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String ORDER = "{\"type\":\"record\",\"name\":\"O\",\"namespace\":\"a\",\"fields\":[]}";

  private static HttpResponse<String> send(String method, String url, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void speaksConfluentsContentTypeAndErrorShape() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      HttpResponse<String> root = send("GET", registry.url() + "/", null);
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).isEqualTo("{}");
      assertThat(root.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");

      HttpResponse<String> missing = send("GET", registry.url() + "/subjects/nope/versions", null);
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'nope' not found.\"}");

      HttpResponse<String> registered = send("POST", registry.url() + "/subjects/a%2Fb-value/versions",
          "{\"schema\":" + quote(ORDER) + "}", "Content-Type", "application/vnd.schemaregistry.v1+json");
      assertThat(registered.body()).isEqualTo("{\"id\":1}");
      assertThat(send("GET", registry.url() + "/subjects", null).body()).isEqualTo("[\"a/b-value\"]");
      assertThat(send("GET", registry.url() + "/subjects/a%2Fb-value/versions/1/schema", null).body()).isEqualTo(ORDER);
      // Avro's schemaType is left out, as Confluent does
      assertThat(send("GET", registry.url() + "/schemas/ids/1", null).body()).isEqualTo("{\"schema\":" + quote(ORDER) + "}");

      HttpResponse<String> xml = send("POST", registry.url() + "/subjects/x/versions",
          "{\"schema\":\"<x/>\",\"schemaType\":\"XML\"}");
      assertThat(xml.statusCode()).isEqualTo(422);
      assertThat(xml.body()).contains("\"error_code\":42201").contains("Invalid schema type");

      assertThat(send("GET", registry.url() + "/no/such/path", null).statusCode()).isEqualTo(404);
      assertThat(send("POST", registry.url() + "/subjects/x/versions", "not json").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void refusesBodiesOverTheLimit() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withMaxRequestBytes(1000))) {
      String big = "{\"schema\":\"" + "x".repeat(2000) + "\"}";
      HttpResponse<String> response = send("POST", registry.url() + "/subjects/s/versions", big);
      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(response.body()).contains("\"error_code\":413");
    }
  }

  @Test
  void basicAuthWhenConfigured() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withBasicAuth("ops:s3cret"))) {
      HttpResponse<String> anonymous = send("GET", registry.url() + "/subjects", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
      String token = java.util.Base64.getEncoder().encodeToString("ops:s3cret".getBytes());
      assertThat(send("GET", registry.url() + "/subjects", null, "Authorization", "Basic " + token).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void concurrentRegistrationsOfOneSchemaGetOneIdAndOneVersion() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(() -> RegistryClient.of(registry.url()).register("orders-value", RegistrySchema.avro(ORDER)));
      }
      Set<Integer> ids = new HashSet<>();
      for (Future<Integer> f : pool.invokeAll(calls)) {
        ids.add(f.get());
      }
      pool.shutdown();
      assertThat(ids).hasSize(1);
      assertThat(RegistryClient.of(registry.url()).versions("orders-value")).containsExactly(1);
    }
  }

  @Test
  void durableStateSurvivesARestart(@TempDir Path data) {
    int id;
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withDataDirectory(data))) {
      RegistryClient client = RegistryClient.of(registry.url());
      id = client.register("orders-value", RegistrySchema.avro(ORDER));
      client.setCompatibility("orders-value", "FULL");
      client.register("other-value", RegistrySchema.avro(ORDER.replace("\"O\"", "\"P\"")));
      client.deleteSubject("other-value", false);
    }
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withDataDirectory(data))) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.schemaById(id).schema()).isEqualTo(ORDER);
      assertThat(client.compatibility("orders-value", false)).isEqualTo("FULL");
      assertThat(client.subjects()).containsExactly("orders-value");
      // ids keep counting from where they were
      assertThat(client.register("third-value", RegistrySchema.avro(ORDER.replace("\"O\"", "\"Q\"")))).isEqualTo(3);
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** An Avro schema with one reference; version -1 asks the registry to pin the subject's latest. */
  private static RegistrySchema referencing(String schema, String name, String subject, int version) {
    return new RegistrySchema(schema, "AVRO",
        List.of(new io.github.eventcontracts.registry.client.SchemaReference(name, subject, version)));
  }

  private static List<String> pinnedReferences(RegistryClient client, int id) {
    return client.schemaById(id).references().stream().map(r -> r.subject() + "@" + r.version()).toList();
  }

  @Test
  void referencesToTheLatestVersionArePinnedAtRegistration() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      String lib = "{\"type\":\"record\",\"name\":\"Lib\",\"namespace\":\"r\",\"fields\":[]}";
      client.register("lib", RegistrySchema.avro(lib));
      String user = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"r\",\"fields\":[{\"name\":\"l\",\"type\":\"r.Lib\"}]}";
      assertThat(pinnedReferences(client, client.register("user", referencing(user, "r.Lib", "lib", -1))))
          .containsExactly("lib@1");
      // the pinned version is protected like any referenced version, soft and permanent
      assertThatThrownBy(() -> client.deleteVersion("lib", "1", false))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42206));
      assertThatThrownBy(() -> client.deleteSubject("lib", false))
          .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42206));

      // no cycle can be stored: b@1 -> a@latest pins a@1, so a@2 -> b@1 -> a@1
      String a1 = "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"c\",\"fields\":[]}";
      client.register("a", RegistrySchema.avro(a1));
      String b = "{\"type\":\"record\",\"name\":\"B\",\"namespace\":\"c\",\"fields\":[{\"name\":\"a\",\"type\":\"c.A\"}]}";
      assertThat(pinnedReferences(client, client.register("b", referencing(b, "c.A", "a", -1))))
          .containsExactly("a@1");

      assertThatThrownBy(() -> client.register("orphan", referencing(user, "r.Lib", "nothing-here", -1)))
          .isInstanceOf(RegistryException.InvalidSchemaException.class).hasMessageContaining("nothing-here");
      assertThatThrownBy(() -> client.register("zero", referencing(user, "r.Lib", "lib", 0)))
          .isInstanceOf(RegistryException.InvalidSchemaException.class).hasMessageContaining("version 0");
    }
  }
}
