package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** /mode as Confluent's registry has it: READONLY refuses writes, IMPORT keeps the ids a migration brings. */
class ModeAndImportTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static JsonNode call(EmbeddedRegistry registry, String method, String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", RegistryJson.CONTENT_TYPE)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = RegistryJson.MAPPER.readTree(response.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("_status", response.statusCode());
    return node;
  }

  @Test
  void importModeKeepsGivenIdsAndVersionsThenTheRegistryGoesOnAfterThem() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"A\\\",\\\"fields\\\":[]}\"";
      // an id outside IMPORT mode is refused
      assertThat(call(registry, "POST", "/subjects/a-value/versions", schema + ",\"id\":42,\"version\":3}")
          .path("error_code").asInt()).isEqualTo(42205);
      assertThat(call(registry, "PUT", "/mode", "{\"mode\":\"IMPORT\"}").path("mode").asText()).isEqualTo("IMPORT");
      assertThat(call(registry, "POST", "/subjects/a-value/versions", schema + ",\"id\":42,\"version\":3}")
          .path("id").asInt()).isEqualTo(42);
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.versions("a-value")).containsExactly(3);
      assertThat(client.schemaById(42).schema()).contains("\"A\"");
      assertThat(call(registry, "PUT", "/mode", "{\"mode\":\"READWRITE\"}").path("mode").asText()).isEqualTo("READWRITE");
      // new ids come after the imported ones, never one of them
      int next = client.register("b-value", RegistrySchema.avro("{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}"));
      assertThat(next).isGreaterThan(42);
      // IMPORT on a registry that holds subjects needs force
      assertThat(call(registry, "PUT", "/mode", "{\"mode\":\"IMPORT\"}").path("error_code").asInt()).isEqualTo(42205);
      assertThat(call(registry, "PUT", "/mode?force=true", "{\"mode\":\"IMPORT\"}").path("mode").asText()).isEqualTo("IMPORT");
    }
  }

  @Test
  void readOnlySubjectsRefuseWritesAndSayWhy() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      assertThat(call(registry, "PUT", "/mode/frozen-value", "{\"mode\":\"READONLY\"}").path("mode").asText())
          .isEqualTo("READONLY");
      assertThat(call(registry, "GET", "/mode/frozen-value", null).path("mode").asText()).isEqualTo("READONLY");
      assertThat(call(registry, "GET", "/mode", null).path("mode").asText()).isEqualTo("READWRITE");
      JsonNode refused = call(registry, "POST", "/subjects/frozen-value/versions", "{\"schema\":\"\\\"string\\\"\"}");
      assertThat(refused.path("_status").asInt()).isEqualTo(422);
      assertThat(refused.path("error_code").asInt()).isEqualTo(42205);
      assertThat(refused.path("message").asText()).contains("read-only");
      assertThat(call(registry, "PUT", "/mode", "{\"mode\":\"SOMETIMES\"}").path("error_code").asInt()).isEqualTo(42204);
      assertThat(call(registry, "DELETE", "/mode/frozen-value", null).path("mode").asText()).isEqualTo("READONLY");
      assertThat(call(registry, "POST", "/subjects/frozen-value/versions", "{\"schema\":\"\\\"string\\\"\"}")
          .path("id").asInt()).isPositive();
    }
  }
}
