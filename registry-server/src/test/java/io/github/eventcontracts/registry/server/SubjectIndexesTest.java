package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the registry's indexes answer (subjects in order, the subjects of an id, who references a
 * version) stays what a scan of every subject would answer, through soft and permanent deletes;
 * and {@code GET /subjects} pages as Confluent's does.
 */
class SubjectIndexesTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonNode get(EmbeddedRegistry registry, String path) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return RegistryJson.MAPPER.readTree(response.body());
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static RegistrySchema record(String name) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[]}");
  }

  @Test
  void subjectsArePagedByPrefixOffsetAndLimitAsConfluentDoes() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      for (String subject : List.of("payments-value", "orders-value", "orders-key", "audit-value", "orders-archive")) {
        client.register(subject, record("R"));
      }
      client.deleteSubject("orders-archive", false);
      assertThat(names(get(registry, "/subjects"))).containsExactly("audit-value", "orders-key", "orders-value",
          "payments-value");
      assertThat(names(get(registry, "/subjects?subjectPrefix=orders"))).containsExactly("orders-key", "orders-value");
      assertThat(names(get(registry, "/subjects?subjectPrefix=orders&deleted=true")))
          .containsExactly("orders-archive", "orders-key", "orders-value");
      assertThat(names(get(registry, "/subjects?deletedOnly=true"))).containsExactly("orders-archive");
      assertThat(names(get(registry, "/subjects?offset=1&limit=2"))).containsExactly("orders-key", "orders-value");
      assertThat(names(get(registry, "/subjects?offset=3&limit=-1"))).containsExactly("payments-value");
      assertThat(names(get(registry, "/subjects?offset=9"))).isEmpty();
      assertThat(names(get(registry, "/subjects?subjectPrefix=:*:&limit=1"))).containsExactly("audit-value");
      assertThat(get(registry, "/subjects?limit=many").path("error_code").asInt()).isEqualTo(404);
      // gone for good: out of every list
      client.deleteSubject("orders-archive", true);
      assertThat(names(get(registry, "/subjects?deletedOnly=true"))).isEmpty();
    }
  }

  @Test
  void theSubjectsOfAnIdFollowRegistrationsAndDeletes() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      int id = client.register("b-value", record("Shared"));
      assertThat(client.register("a-value", record("Shared"))).isEqualTo(id);
      client.register("a-value", RegistrySchema.avro("{\"type\":\"record\",\"name\":\"Shared\",\"fields\":[{\"name\":"
          + "\"n\",\"type\":\"int\",\"default\":0}]}"));
      assertThat(names(get(registry, "/schemas/ids/" + id + "/subjects"))).containsExactly("a-value", "b-value");
      client.deleteVersion("a-value", "1", false);
      assertThat(names(get(registry, "/schemas/ids/" + id + "/subjects"))).containsExactly("b-value");
      client.deleteVersion("a-value", "1", true);
      // the same schema again in a-value: a new version with the same id, and the id's subjects say so
      assertThat(client.register("a-value", record("Shared"))).isEqualTo(id);
      JsonNode versions = get(registry, "/schemas/ids/" + id + "/versions");
      assertThat(versions.toString()).isEqualTo("[{\"subject\":\"a-value\",\"version\":3},"
          + "{\"subject\":\"b-value\",\"version\":1}]");
    }
  }

  @Test
  void aVersionIsReferencedOnlyWhileAReferrerIsLive() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("com.acme.Money", RegistrySchema.avro("{\"type\":\"record\",\"name\":\"Money\",\"namespace\":"
          + "\"com.acme\",\"fields\":[{\"name\":\"units\",\"type\":\"long\"}]}"));
      int order = client.register("orders-value", new RegistrySchema("{\"type\":\"record\",\"name\":\"Order\","
          + "\"namespace\":\"com.acme\",\"fields\":[{\"name\":\"total\",\"type\":\"com.acme.Money\"}]}",
          RegistrySchema.AVRO, List.of(new SchemaReference("com.acme.Money", "com.acme.Money", 1))));
      assertThat(names(get(registry, "/subjects/com.acme.Money/versions/1/referencedby"))).containsExactly(
          String.valueOf(order));
      assertThat(get(registry, "/subjects/com.acme.Money/versions/1/referencedby").get(0).asInt()).isEqualTo(order);
      client.deleteSubject("orders-value", false);
      assertThat(get(registry, "/subjects/com.acme.Money/versions/1/referencedby").size()).isZero();
      assertThat(client.deleteSubject("com.acme.Money", false)).containsExactly(1);
    }
  }
}
