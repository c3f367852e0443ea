package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry's state in a real (in-process KRaft) Kafka topic, in Confluent's record format. */
class KafkaStoreTest {
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private static EmbeddedRegistry registryOn(String topic) {
    return EmbeddedRegistry.start(RegistryOptions.defaults().withKafka(kafka.bootstrapServers(), topic, (short) 1, 1));
  }

  static final String MONEY = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":["
      + "{\"name\":\"units\",\"type\":\"long\"}]}";
  static final String ORDER = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":["
      + "{\"name\":\"total\",\"type\":\"acme.Money\"}]}";
  static final String ADDRESS = "syntax = \"proto3\";\npackage acme;\n\nmessage Address {\n  string city = 1;\n}\n";
  static final String SHIPPED = "syntax = \"proto3\";\npackage acme;\n\nimport \"address.proto\";\n\n"
      + "message Shipped {\n  acme.Address to = 1;\n}\n";

  @Test
  void servesATopicWrittenInConfluentsFormat() throws Exception {
    String topic = "_schemas_confluent";
    // records as Confluent's KafkaStore writes them (SchemaKey/SchemaValue, ConfigKey/ConfigValue, ...)
    List<String[]> records = List.of(
        new String[] {"{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"compatibilityLevel\":\"FULL\"}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"acme.Money\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"acme.Money\",\"version\":1,\"id\":1,\"schema\":" + json(MONEY) + ",\"deleted\":false}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"orders-value\",\"version\":1,\"id\":2,\"schemaType\":\"AVRO\",\"references\":[{\"name\":"
                + "\"acme.Money\",\"subject\":\"acme.Money\",\"version\":1}],\"schema\":" + json(ORDER)
                + ",\"deleted\":false}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"address.proto\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"address.proto\",\"version\":1,\"id\":3,\"schemaType\":\"PROTOBUF\",\"schema\":"
                + json(ADDRESS) + ",\"deleted\":false}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"shipped-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"shipped-value\",\"version\":1,\"id\":4,\"schemaType\":\"PROTOBUF\",\"references\":[{\"name\":"
                + "\"address.proto\",\"subject\":\"address.proto\",\"version\":1}],\"schema\":" + json(SHIPPED)
                + ",\"deleted\":false}"},
        new String[] {"{\"keytype\":\"CONFIG\",\"subject\":\"orders-value\",\"magic\":0}",
            "{\"subject\":\"orders-value\",\"compatibilityLevel\":\"NONE\"}"},
        // a soft-deleted then permanently deleted subject, and one soft-deleted only
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"gone-value\",\"version\":1,\"id\":5,\"schema\":\"\\\"string\\\"\",\"deleted\":false}"},
        new String[] {"{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"gone-value\",\"magic\":0}",
            "{\"subject\":\"gone-value\",\"version\":1}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"gone-value\",\"version\":1,\"id\":5,\"schema\":\"\\\"string\\\"\",\"deleted\":true}"},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"gone-value\",\"version\":1,\"magic\":1}", null},
        new String[] {"{\"keytype\":\"SCHEMA\",\"subject\":\"hidden-value\",\"version\":1,\"magic\":1}",
            "{\"subject\":\"hidden-value\",\"version\":1,\"id\":6,\"schema\":\"\\\"long\\\"\",\"deleted\":true}"},
        // what a newer Confluent writes and this registry does not know: skipped, never fatal
        new String[] {"{\"keytype\":\"ASSOC\",\"subject\":\"orders-value\",\"magic\":0}", "{\"whatever\":1}"},
        new String[] {"{\"keytype\":\"NOOP\",\"magic\":0}", null});
    kafka.createTopics(1, topic);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      for (String[] r : records) {
        producer.send(new ProducerRecord<>(topic, 0, r[0], r[1])).get();
      }
    }
    compact(topic);
    try (EmbeddedRegistry registry = registryOn(topic)) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.subjects()).containsExactlyInAnyOrder("acme.Money", "orders-value", "address.proto",
          "shipped-value");
      assertThat(client.latest("orders-value").references()).containsExactly(new SchemaReference("acme.Money",
          "acme.Money", 1));
      assertThat(client.schemaById(4).schemaType()).isEqualTo("PROTOBUF");
      assertThat(client.latest("shipped-value").id()).isEqualTo(4);
      assertThat(client.globalCompatibility()).isEqualTo("FULL");
      assertThat(client.compatibility("orders-value", false)).isEqualTo("NONE");
      assertThatThrownBy(() -> client.versions("gone-value")).isInstanceOf(RegistryException.SubjectNotFoundException.class);
      assertThatThrownBy(() -> client.versions("hidden-value")).isInstanceOf(RegistryException.SubjectNotFoundException.class);
      // a new schema gets the next id after the highest the topic holds, never one of them
      int id = client.register("fresh-value", RegistrySchema.avro("{\"type\":\"record\",\"name\":\"F\",\"fields\":[]}"));
      assertThat(id).isEqualTo(7);
    }
  }

  /** A payments schema with Confluent's data contract, as Confluent's registry writes it to {@code _schemas}. */
  static final String PAYMENT = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"acme\",\"fields\":["
      + "{\"name\":\"amount\",\"type\":\"double\"},{\"name\":\"card\",\"type\":\"string\"}]}";
  static final String PAYMENT_METADATA = "{\"tags\":{\"Payment.card\":[\"PII\"]},\"properties\":{\"major_version\":\"1\","
      + "\"owner\":\"payments\"}}";
  static final String PAYMENT_RULES = "{\"domainRules\":[{\"name\":\"positiveAmount\",\"kind\":\"CONDITION\","
      + "\"mode\":\"WRITE\",\"type\":\"CEL\",\"expr\":\"message.amount > 0.0\",\"onFailure\":\"DLQ\",\"disabled\":false}]}";

  @Test
  void servesDataContractsWrittenInConfluentsFormatAndWritesThemTheSameWay() throws Exception {
    String topic = "_schemas_contracts";
    kafka.createTopics(1, topic);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"CONFIG\",\"subject\":\"payments-value\",\"magic\":0}",
          "{\"subject\":\"payments-value\",\"compatibilityLevel\":\"BACKWARD\",\"compatibilityGroup\":\"major_version\","
              + "\"overrideMetadata\":{\"properties\":{\"team\":\"core\"}}}")).get();
      producer.send(new ProducerRecord<>(topic, 0, "{\"keytype\":\"SCHEMA\",\"subject\":\"payments-value\",\"version\":1,"
          + "\"magic\":1}", "{\"subject\":\"payments-value\",\"version\":1,\"id\":1,\"schemaType\":\"AVRO\",\"metadata\":"
          + PAYMENT_METADATA + ",\"ruleSet\":" + PAYMENT_RULES + ",\"schema\":" + json(PAYMENT) + ",\"deleted\":false}")).get();
    }
    compact(topic);
    try (EmbeddedRegistry registry = registryOn(topic)) {
      RegistryClient client = RegistryClient.of(registry.url());
      RegistrySchema served = client.latest("payments-value").schema();
      assertThat(RegistryJson.MAPPER.writeValueAsString(served.metadata())).isEqualTo(PAYMENT_METADATA);
      assertThat(served.ruleSet().domainRules()).singleElement().satisfies(rule -> {
        assertThat(rule.expr()).isEqualTo("message.amount > 0.0");
        assertThat(rule.onFailure()).isEqualTo("DLQ");
      });
      // a breaking change (card: string to long) under a new major version is its own compatibility group
      String v2 = PAYMENT.replace("{\"name\":\"card\",\"type\":\"string\"}", "{\"name\":\"card\",\"type\":\"long\"}");
      Metadata major2 = new Metadata(served.metadata().tags(), Map.of("major_version", "2", "owner", "payments"), Set.of());
      int id = client.register("payments-value", RegistrySchema.avro(v2).withContract(major2, served.ruleSet()));
      assertThat(id).isEqualTo(2);
    }
    JsonNode written = RegistryJson.MAPPER.readTree(readAll(topic).stream()
        .filter(r -> r.key().contains("\"version\":2")).findFirst().orElseThrow().value());
    assertThat(written.fieldNames()).toIterable().containsExactly("subject", "version", "id", "schemaType", "metadata",
        "ruleSet", "schema", "deleted");
    // the configuration's override merged in, as Confluent merges it
    assertThat(written.get("metadata").get("properties").toString())
        .isEqualTo("{\"major_version\":\"2\",\"owner\":\"payments\",\"team\":\"core\"}");
    assertThat(written.get("ruleSet").toString()).isEqualTo(PAYMENT_RULES);
  }

  @Test
  void whatWeWriteHasConfluentsKeysAndValues() throws Exception {
    String topic = "_schemas_ours";
    try (EmbeddedRegistry registry = registryOn(topic)) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("acme.Money", RegistrySchema.avro(MONEY));
      client.register("orders-value", new RegistrySchema(ORDER, "AVRO", List.of(new SchemaReference("acme.Money",
          "acme.Money", 1))));
      client.setCompatibility("orders-value", "FULL");
      client.register("doomed-value", RegistrySchema.avro("\"string\""));
      client.deleteSubject("doomed-value", false);
      client.deleteSubject("doomed-value", true);
    }
    List<ConsumerRecord<String, String>> all = readAll(topic);
    List<String> keys = all.stream().map(ConsumerRecord::key).toList();
    assertThat(keys).contains("{\"keytype\":\"SCHEMA\",\"subject\":\"acme.Money\",\"version\":1,\"magic\":1}",
        "{\"keytype\":\"CONFIG\",\"subject\":\"orders-value\",\"magic\":0}");
    JsonNode order = RegistryJson.MAPPER.readTree(all.stream()
        .filter(r -> r.key().contains("\"orders-value\"") && r.key().contains("SCHEMA")).findFirst().orElseThrow().value());
    assertThat(order.fieldNames()).toIterable().containsExactly("subject", "version", "id", "schemaType", "references",
        "schema", "deleted");
    assertThat(order.get("references").get(0).get("subject").asText()).isEqualTo("acme.Money");
    assertThat(order.get("schema").asText()).contains("\"Order\"");
    // soft delete: the SCHEMA value again with deleted true; permanent: its tombstone
    List<ConsumerRecord<String, String>> doomed = all.stream().filter(r -> r.key().contains("doomed-value")).toList();
    assertThat(doomed).extracting(r -> r.value() == null ? "tombstone"
        : RegistryJson.MAPPER.readTree(r.value()).get("deleted").asText()).containsExactly("false", "true", "tombstone");

    // and a second instance on the same topic replays it to the same state
    try (EmbeddedRegistry again = registryOn(topic)) {
      RegistryClient client = RegistryClient.of(again.url());
      assertThat(client.subjects()).containsExactlyInAnyOrder("acme.Money", "orders-value");
      assertThat(client.compatibility("orders-value", false)).isEqualTo("FULL");
    }
  }

  @Test
  void modesAreWrittenAsConfluentsModeRecordsAndReplayed() throws Exception {
    String topic = "_schemas_modes";
    try (EmbeddedRegistry registry = registryOn(topic)) {
      RegistryClient.of(registry.url()).register("frozen-value", RegistrySchema.avro(MONEY));
      assertThat(ModeAndImportTest.call(registry, "PUT", "/mode/frozen-value", "{\"mode\":\"READONLY\"}")
          .path("mode").asText()).isEqualTo("READONLY");
    }
    assertThat(readAll(topic)).filteredOn(r -> r.key().contains("MODE")).extracting(ConsumerRecord::key,
        ConsumerRecord::value).containsExactly(org.assertj.core.groups.Tuple.tuple(
            "{\"keytype\":\"MODE\",\"subject\":\"frozen-value\",\"magic\":0}",
            "{\"subject\":\"frozen-value\",\"mode\":\"READONLY\"}"));
    try (EmbeddedRegistry again = registryOn(topic)) {
      assertThat(ModeAndImportTest.call(again, "GET", "/mode/frozen-value", null).path("mode").asText())
          .isEqualTo("READONLY");
    }
  }

  @Test
  void anInstanceSeesWhatAnotherWroteOnTheSameTopic() {
    String topic = "_schemas_shared";
    try (EmbeddedRegistry writer = registryOn(topic); EmbeddedRegistry reader = registryOn(topic)) {
      int id = RegistryClient.of(writer.url()).register("orders-value", RegistrySchema.avro(MONEY));
      RegistryClient other = RegistryClient.of(reader.url());
      await(() -> other.subjects().contains("orders-value"), "the other instance tailing the topic");
      assertThat(other.schemaById(id).schema()).contains("Money");
    }
  }

  @Test
  void metadataNamesTheKafkaClusterAndTheLeader() throws Exception {
    try (EmbeddedRegistry registry = registryOn("_schemas_metadata")) {
      RegistryClient.of(registry.url()).register("x-value", RegistrySchema.avro("\"string\"")); // waits for a leader
      var http = java.net.http.HttpClient.newHttpClient();
      JsonNode id = RegistryJson.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(registry.url() + "/v1/metadata/id")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      assertThat(id.at("/scope/clusters/kafka-cluster").asText()).isNotBlank();
      assertThat(id.at("/scope/clusters/schema-registry-cluster").asText()).isEqualTo("schema-registry");
      JsonNode leader = RegistryJson.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(registry.url() + "/v1/metadata/leader")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body());
      assertThat(leader.path("isLeader").asBoolean()).isTrue();
      assertThat(leader.path("leader").asText()).isEqualTo(registry.url());
    }
  }

  @Test
  void aTopicThatWouldLoseOrReorderHistoryIsRefused() {
    kafka.createTopics(3, "_schemas_three");
    assertThatThrownBy(() -> registryOn("_schemas_three")).hasMessageContaining("has 3 partitions")
        .hasMessageContaining("exactly one");
  }

  private static void compact(String topic) throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      var resource = new org.apache.kafka.common.config.ConfigResource(
          org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
      admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
          new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "compact"),
          org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
    }
  }

  private static List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  /** Waits for a condition another thread makes true, failing after a minute. */
  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
    }
  }

  private static String json(String text) {
    try {
      return RegistryJson.MAPPER.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
