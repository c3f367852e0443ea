package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.NpmProject;
import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import java.nio.file.Files;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data contracts as a Confluent user runs them, against our registry: Confluent's official
 * JavaScript client registers metadata and rule sets, and its own serializers and deserializers run
 * the rules (CEL conditions, CEL_FIELD masking, JSONata migrations between compatibility groups)
 * with everything they need coming from our registry. Before our registry kept data contracts, it
 * answered these registrations 200 and dropped the rules: a payment of -5 went through, the card
 * number unmasked.
 */
class ConfluentDataContractsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAYMENT = """
      {"type":"record","name":"Payment","namespace":"acme","fields":[
        {"name":"id","type":"string"},
        {"name":"amount","type":"double"},
        {"name":"card","type":"string","confluent:tags":["PII"]}]}""";

  static NpmProject node;

  @BeforeAll
  static void install() throws Exception {
    node = NpmProject.install(Path.of("src/test/confluent-node"), Path.of("target/npm-confluent-interop"),
        List.of("package.json", "package-lock.json", "data-contracts.js"));
  }

  static Map<String, Object> rule(String name, String kind, String mode, String type, String expr, Object... more) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("name", name);
    rule.put("kind", kind);
    rule.put("mode", mode);
    rule.put("type", type);
    rule.put("expr", expr);
    for (int i = 0; i < more.length; i += 2) {
      rule.put((String) more[i], more[i + 1]);
    }
    return rule;
  }

  static Map<String, Object> payment(String id, double amount, String card) {
    return Map.of("id", id, "amount", amount, "card", card);
  }

  @Test
  void conditionsAndMaskingRunOnTheRulesOurRegistryKeeps(@TempDir Path dir) throws Exception {
    Map<String, Object> ruleSet = Map.of("domainRules", List.of(
        rule("positiveAmount", "CONDITION", "WRITE", "CEL", "message.amount > 0.0"),
        rule("maskPii", "TRANSFORM", "WRITE", "CEL_FIELD", "typeName == 'STRING' ; 'XXXX-' + value.substring(12)",
            "tags", List.of("PII"))));
    Map<String, Object> metadata = Map.of("properties", Map.of("owner", "payments"));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode results = js(registry, dir, List.of(
          Map.of("op", "register", "subject", "payments-value", "schema", Map.of("schemaType", "AVRO",
              "schema", PAYMENT, "metadata", metadata, "ruleSet", ruleSet)),
          Map.of("op", "latest", "subject", "payments-value"),
          Map.of("op", "withMetadata", "subject", "payments-value", "metadata", Map.of("owner", "payments")),
          Map.of("op", "serialize", "topic", "payments", "config", Map.of("useLatestVersion", true),
              "values", List.of(payment("p-1", 10.0, "4111111111111111"), payment("p-2", -5.0, "4111111111111111")))));
      assertThat(results.get(0).get("id").asInt()).isEqualTo(1);
      // what came back is what was sent, in Confluent's shapes
      JsonNode latest = results.get(1);
      assertThat(latest.get("metadata").get("properties").get("owner").asText()).isEqualTo("payments");
      assertThat(latest.get("ruleSet").get("domainRules").get(0).get("expr").asText()).isEqualTo("message.amount > 0.0");
      assertThat(results.get(2).get("version").asInt()).isEqualTo(1);
      // Confluent's serializer ran the condition on our registry's rule: -5 is refused, 10 is written masked
      JsonNode written = results.get(3);
      assertThat(written.get(1).get("error").asText()).contains("positiveAmount");
      String frame = written.get(0).get("frame").asText();
      assertThat(frame).startsWith("0000000001");

      JsonNode read = js(registry, dir, List.of(Map.of("op", "deserialize", "topic", "payments",
          "frames", List.of(frame)))).get(0);
      assertThat(read.get(0).get("value").get("card").asText()).isEqualTo("XXXX-1111");
      assertThat(read.get(0).get("value").get("amount").asDouble()).isEqualTo(10.0);

      // ours sees the same contract
      RegistrySchema ours = RegistryClient.of(registry.url()).latest("payments-value").schema();
      assertThat(ours.ruleSet().domainRules()).extracting(r -> r.name()).containsExactly("positiveAmount", "maskPii");
      assertThat(ours.metadata().properties()).containsEntry("owner", "payments");
    }
  }

  static GenericRecord paymentRecord(String id, double amount, String card) {
    GenericRecord record = new GenericData.Record(new Schema.Parser().parse(PAYMENT));
    record.put("id", id);
    record.put("amount", amount);
    record.put("card", card);
    return record;
  }

  static AvroSerializer ours(EmbeddedRegistry registry, Map<String, Object> more) {
    Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
    config.put("use.latest.version", true);
    config.putAll(more);
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config, false);
    return serializer;
  }

  @Test
  void ourSerializerRunsTheSameRulesAsConfluents(@TempDir Path dir) throws Exception {
    Map<String, Object> ruleSet = Map.of("domainRules", List.of(
        rule("positiveAmount", "CONDITION", "WRITE", "CEL", "message.amount > 0.0"),
        rule("maskPii", "TRANSFORM", "WRITE", "CEL_FIELD", "typeName == 'STRING' ; 'XXXX-' + value.substring(12)",
            "tags", List.of("PII"))));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode js = js(registry, dir, List.of(
          Map.of("op", "register", "subject", "payments-value", "schema", Map.of("schemaType", "AVRO",
              "schema", PAYMENT, "ruleSet", ruleSet)),
          Map.of("op", "serialize", "topic", "payments", "config", Map.of("useLatestVersion", true),
              "values", List.of(payment("p-1", 10.0, "4111111111111111"), payment("p-2", -5.0, "4111111111111111")))));
      String confluentFrame = js.get(1).get(0).get("frame").asText();

      AvroSerializer serializer = ours(registry, Map.of());
      GenericRecord written = paymentRecord("p-1", 10.0, "4111111111111111");
      byte[] frame = serializer.serialize("payments", written);
      // the same masked record, byte for byte, and the caller's record untouched
      assertThat(HexFormat.of().formatHex(frame)).isEqualTo(confluentFrame);
      assertThat(written.get("card")).isEqualTo("4111111111111111");
      // the same record refused, for the same rule
      assertThatThrownBy(() -> serializer.serialize("payments", paymentRecord("p-2", -5.0, "4111111111111111")))
          .isInstanceOf(SerializationException.class).hasMessageContaining("Rule failed: positiveAmount");
      assertThat(js.get(1).get(1).get("error").asText()).contains("positiveAmount");

      // Confluent's deserializer reads ours
      JsonNode read = js(registry, dir, List.of(Map.of("op", "deserialize", "topic", "payments",
          "frames", List.of(HexFormat.of().formatHex(frame))))).get(0);
      assertThat(read.get(0).get("value").get("card").asText()).isEqualTo("XXXX-1111");
    }
  }

  @Test
  void rulesOurClientRegistersRunInBothClientsOnWriteAndRead(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      Rule positive = new Rule("positiveAmount", Rule.Kind.CONDITION, Rule.Mode.WRITE, "CEL", null, null,
          "message.amount > 0.0", null, "ERROR");
      Rule maskOnRead = new Rule("maskOnRead", Rule.Kind.TRANSFORM, Rule.Mode.READ, "CEL_FIELD", java.util.Set.of("PII"),
          null, "'XXXX-' + value.substring(12)", null, null);
      RegistryClient.of(registry.url()).register("payments-value", RegistrySchema.avro(PAYMENT).withContract(null,
          new RuleSet(List.of(), List.of(positive, maskOnRead))));
      byte[] frame = ours(registry, Map.of()).serialize("payments", paymentRecord("p-1", 10.0, "4111111111111111"));
      JsonNode js = js(registry, dir, List.of(
          Map.of("op", "serialize", "topic", "payments", "config", Map.of("useLatestVersion", true),
              "values", List.of(payment("p-2", -5.0, "4111111111111111"))),
          Map.of("op", "deserialize", "topic", "payments", "frames", List.of(HexFormat.of().formatHex(frame)))));
      // Confluent's client runs the rules our client registered: the WRITE condition, the READ mask
      assertThat(js.get(0).get(0).get("error").asText()).contains("positiveAmount");
      assertThat(js.get(1).get(0).get("value").get("card").asText()).isEqualTo("XXXX-1111");
      // and ours masks on read the same way; written, the card was kept (a READ rule)
      AvroDeserializer reader = new AvroDeserializer();
      reader.configure(AvroSerdeTest.config(registry, false), false);
      GenericRecord read = (GenericRecord) reader.deserialize("payments", frame);
      assertThat(read.get("card").toString()).isEqualTo("XXXX-1111");
      assertThat(HexFormat.of().formatHex(frame)).contains(HexFormat.of().formatHex("4111111111111111".getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aRecordFailingADlqRuleIsADeadLetterWithConfluentsHeaders() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, "payments-dlq");
      RegistryClient.of(registry.url()).register("payments-value", RegistrySchema.avro(PAYMENT).withContract(null,
          new RuleSet(List.of(), List.of(new Rule("positiveAmount", null, Rule.Kind.CONDITION, Rule.Mode.WRITE, "CEL",
              null, new java.util.TreeMap<>(Map.of("dlq.topic", "payments-dlq")), "message.amount > 0.0", null, "DLQ",
              false)))));
      AvroSerializer serializer = ours(registry, Map.of("bootstrap.servers", kafka.bootstrapServers()));
      assertThat(serializer.serialize("payments", paymentRecord("p-1", 10.0, "4111"))).isNotNull();
      assertThatThrownBy(() -> serializer.serialize("payments", paymentRecord("p-2", -5.0, "4111")))
          .isInstanceOf(SerializationException.class).hasMessageStartingWith("Rule failed: positiveAmount");
      serializer.close();

      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
          kafka.bootstrapServers(), "auto.offset.reset", "earliest", "group.id", "dlq-reader"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of("payments-dlq"));
        List<ConsumerRecord<byte[], byte[]>> letters = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (letters.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(java.time.Duration.ofMillis(500)).forEach(letters::add);
        }
        assertThat(letters).singleElement().satisfies(letter -> {
          assertThat(new String(letter.value(), java.nio.charset.StandardCharsets.UTF_8))
              .isEqualTo("{\"id\":\"p-2\",\"amount\":-5.0,\"card\":\"4111\"}");
          Map<String, String> headers = new java.util.LinkedHashMap<>();
          letter.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
          assertThat(headers).containsExactly(Map.entry("__rule.name", "positiveAmount"),
              Map.entry("__rule.mode", "WRITE"), Map.entry("__rule.subject", "payments-value"),
              Map.entry("__rule.topic", "payments"));
        });
      }
    }
  }

  @Test
  void aChangedRuleSetIsANewVersionAndTheSameOneIsNot(@TempDir Path dir) throws Exception {
    Map<String, Object> strict = Map.of("domainRules", List.of(rule("positiveAmount", "CONDITION", "WRITE", "CEL",
        "message.amount > 0.0")));
    Map<String, Object> stricter = Map.of("domainRules", List.of(rule("positiveAmount", "CONDITION", "WRITE", "CEL",
        "message.amount > 1.0")));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode results = js(registry, dir, List.of(
          register("payments-value", PAYMENT, null, strict),
          register("payments-value", PAYMENT, null, strict),
          register("payments-value", PAYMENT, null, stricter),
          // nothing said about rules: the version's own are kept, so it is the latest again
          register("payments-value", PAYMENT, null, null)));
      assertThat(results).extracting(r -> r.get("id").asInt()).containsExactly(1, 1, 2, 2);
      assertThat(RegistryClient.of(registry.url()).versions("payments-value")).containsExactly(1, 2);
    }
  }

  @Test
  void migrationRulesCarryRecordsBetweenCompatibilityGroups(@TempDir Path dir) throws Exception {
    // Confluent's own example (its client's "jsonata fully compatible" test), against our registry
    String up = "$merge([$sift($, function($v, $k) {$k != 'size'}), {'height': $.'size'}])";
    String down = "$merge([$sift($, function($v, $k) {$k != 'height'}), {'size': $.'height'}])";
    String v1 = widget("size");
    String v2 = widget("height");
    Map<String, Object> migrations = Map.of("migrationRules", List.of(
        rule("upgrade", "TRANSFORM", "UPGRADE", "JSONATA", up), rule("downgrade", "TRANSFORM", "DOWNGRADE", "JSONATA", down)));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode setup = js(registry, dir, List.of(
          Map.of("op", "updateConfig", "subject", "widgets-value", "config", Map.of("compatibilityGroup", "major")),
          register("widgets-value", v1, Map.of("properties", Map.of("major", "1")), null),
          // size renamed to height: incompatible with version 1, accepted as the first of group 2
          register("widgets-value", v2, Map.of("properties", Map.of("major", "2")), migrations),
          Map.of("op", "getConfig", "subject", "widgets-value"),
          Map.of("op", "serialize", "topic", "widgets", "config", Map.of("useLatestWithMetadata", Map.of("major", "1")),
              "values", List.of(Map.of("name", "alice", "size", 123))),
          Map.of("op", "serialize", "topic", "widgets", "config", Map.of("useLatestWithMetadata", Map.of("major", "2")),
              "values", List.of(Map.of("name", "bob", "height", 456)))));
      assertThat(setup.get(2).get("id").asInt()).isEqualTo(2);
      assertThat(setup.get(3).get("compatibilityGroup").asText()).isEqualTo("major");
      String oldFrame = setup.get(4).get(0).get("frame").asText();
      String newFrame = setup.get(5).get(0).get("frame").asText();

      JsonNode read = js(registry, dir, List.of(
          Map.of("op", "deserialize", "topic", "widgets", "frames", List.of(oldFrame, newFrame),
              "config", Map.of("useLatestWithMetadata", Map.of("major", "2"))),
          Map.of("op", "deserialize", "topic", "widgets", "frames", List.of(oldFrame, newFrame),
              "config", Map.of("useLatestWithMetadata", Map.of("major", "1")))));
      assertThat(read.get(0).get(0).get("value").toString()).isEqualTo("{\"name\":\"alice\",\"height\":123}");
      assertThat(read.get(0).get(1).get("value").toString()).isEqualTo("{\"name\":\"bob\",\"height\":456}");
      assertThat(read.get(1).get(0).get("value").toString()).isEqualTo("{\"name\":\"alice\",\"size\":123}");
      assertThat(read.get(1).get(1).get("value").toString()).isEqualTo("{\"name\":\"bob\",\"size\":456}");

      // ours writes under the version Confluent's picks for the same metadata
      Map<String, Object> writing = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
      writing.put("use.latest.with.metadata", "major=1");
      AvroSerializer writer = new AvroSerializer();
      writer.configure(writing, false);
      GenericRecord alice = new GenericData.Record(new Schema.Parser().parse(v1));
      alice.put("name", "alice");
      alice.put("size", 123);
      assertThat(HexFormat.of().formatHex(writer.serialize("widgets", alice))).isEqualTo(oldFrame);

      // ours reads the same frames to the same JSON, either way
      for (String major : List.of("2", "1")) {
        Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
        config.put("use.latest.with.metadata", "major=" + major);
        AvroDeserializer reader = new AvroDeserializer();
        reader.configure(config, false);
        JsonNode expected = read.get(major.equals("2") ? 0 : 1);
        for (int i = 0; i < 2; i++) {
          Object record = reader.deserialize("widgets", HexFormat.of().parseHex(i == 0 ? oldFrame : newFrame));
          assertThat(JSON.readTree(record.toString())).as("frame %d read as major %s", i, major)
              .isEqualTo(expected.get(i).get("value"));
        }
      }

      // without the group, the rename is refused as Confluent refuses it
      JsonNode refused = js(registry, dir, List.of(
          Map.of("op", "updateConfig", "subject", "gadgets-value", "config", Map.of("compatibility", "BACKWARD")),
          register("gadgets-value", v1, null, null), register("gadgets-value", v2, null, null)));
      assertThat(refused.get(2).get("error").asText()).contains("incompatible");
    }
  }

  private static String widget(String sizeField) {
    return "{\"type\":\"record\",\"name\":\"Widget\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
        + "{\"name\":\"" + sizeField + "\",\"type\":\"int\"}]}";
  }

  private static Map<String, Object> register(String subject, String schema, Map<String, Object> metadata,
      Map<String, Object> ruleSet) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("schemaType", "AVRO");
    info.put("schema", schema);
    if (metadata != null) {
      info.put("metadata", metadata);
    }
    if (ruleSet != null) {
      info.put("ruleSet", ruleSet);
    }
    return Map.of("op", "register", "subject", subject, "schema", info);
  }

  static JsonNode js(EmbeddedRegistry registry, Path dir, List<Map<String, Object>> steps) throws Exception {
    Path file = Files.createTempFile(dir, "steps", ".json");
    Files.writeString(file, JSON.writeValueAsString(Map.of("steps", steps)));
    return JSON.readTree(node.node("data-contracts.js", registry.url(), file.toString()));
  }
}
