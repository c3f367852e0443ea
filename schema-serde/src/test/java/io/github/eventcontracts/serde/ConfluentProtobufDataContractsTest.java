package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.github.eventcontracts.core.descriptor.DescriptorWriter;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.Rule;
import io.github.eventcontracts.registry.client.RuleSet;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data contracts on Protobuf, our serdes beside Confluent's official JavaScript client: the card is
 * tagged PII with Confluent's own {@code (confluent.field_meta)} option, and the same rules from our
 * registry refuse the same payments and mask the same card in both clients, on write and on read.
 */
class ConfluentProtobufDataContractsTest {
  static final String PAYMENT = """
      syntax = "proto3";
      package acme;
      import "confluent/meta.proto";
      message Payment {
        string id = 1;
        double amount = 2;
        string card = 3 [(confluent.field_meta).tags = "PII"];
        repeated Line lines = 4;
        message Line {
          string sku = 1;
          string note = 2 [(confluent.field_meta).tags = "PII"];
        }
      }
      """;
  static final Descriptor TYPE = descriptor();

  @BeforeAll
  static void install() throws Exception {
    ConfluentDataContractsTest.install();
  }

  static Descriptor descriptor() {
    try (InputStream in = ProtobufContractParser.class.getClassLoader().getResourceAsStream("confluent/meta.proto")) {
      String metaText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      var parser = new ProtobufContractParser();
      FileDescriptor meta = FileDescriptor.buildFrom(DescriptorWriter.write(parser.parse(new SourceFile(
          "confluent/meta.proto", "confluent/meta.proto", metaText)).protobuf(), "confluent/meta.proto"),
          new FileDescriptor[] {DescriptorProtos.getDescriptor()});
      FileDescriptor file = FileDescriptor.buildFrom(DescriptorWriter.write(parser.parse(new SourceFile(
          "payments.proto", "payments.proto", PAYMENT)).protobuf(), "payments.proto"), new FileDescriptor[] {meta});
      return file.findMessageTypeByName("Payment");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Message payment(String id, double amount, String card, String note) {
    Descriptor line = TYPE.findNestedTypeByName("Line");
    return DynamicMessage.newBuilder(TYPE).setField(TYPE.findFieldByName("id"), id)
        .setField(TYPE.findFieldByName("amount"), amount).setField(TYPE.findFieldByName("card"), card)
        .addRepeatedField(TYPE.findFieldByName("lines"), DynamicMessage.newBuilder(line)
            .setField(line.findFieldByName("sku"), "sku-1").setField(line.findFieldByName("note"), note).build())
        .build();
  }

  static Rule cel(String name, Rule.Mode mode, String expr) {
    return new Rule(name, Rule.Kind.CONDITION, mode, "CEL", null, null, expr, null, "ERROR");
  }

  static Rule mask(String name, Rule.Mode mode) {
    return new Rule(name, Rule.Kind.TRANSFORM, mode, "CEL_FIELD", Set.of("PII"), null,
        "typeName == 'STRING' ; 'XXXX-' + value.substring(value.size() - 4)", null, null);
  }

  static void register(EmbeddedRegistry registry, Rule... rules) {
    RegistryClient.of(registry.url()).register("payments-value", RegistrySchema.protobuf(PAYMENT, List.of())
        .withContract(null, new RuleSet(List.of(), List.of(rules))));
  }

  static ProtobufSerializer<Message> serializer(EmbeddedRegistry registry, Map<String, Object> more) {
    Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
    config.put("use.latest.version", true);
    config.putAll(more);
    ProtobufSerializer<Message> serializer = new ProtobufSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  static ProtobufDeserializer<Message> deserializer(EmbeddedRegistry registry) {
    Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
    config.put(ProtobufDeserializer.VALUE_TYPE, TYPE);
    ProtobufDeserializer<Message> deserializer = new ProtobufDeserializer<>();
    deserializer.configure(config, false);
    return deserializer;
  }

  static Message payload(byte[] frame) throws Exception {
    // 0x00, id, one message index (0): the message follows at byte 6
    return DynamicMessage.parseFrom(TYPE, Arrays.copyOfRange(frame, 6, frame.length));
  }

  @Test
  void ourSerializerRunsTheWriteRulesAndConfluentsDeserializerReadsTheResult(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      register(registry, cel("positiveAmount", Rule.Mode.WRITE, "message.amount > 0.0 && size(message.lines) > 0"),
          mask("maskPii", Rule.Mode.WRITE));
      ProtobufSerializer<Message> serializer = serializer(registry, Map.of());
      Message written = payment("p-1", 10.0, "4111111111111111", "call 5551234");
      byte[] frame = serializer.serialize("payments", written);
      // masked where tagged (a nested repeated message's field too), untouched elsewhere; the caller's message is its own
      Message sent = payload(frame);
      assertThat(sent.getField(TYPE.findFieldByName("card"))).isEqualTo("XXXX-1111");
      Message line = (Message) sent.getRepeatedField(TYPE.findFieldByName("lines"), 0);
      assertThat(line.getField(line.getDescriptorForType().findFieldByName("note"))).isEqualTo("XXXX-1234");
      assertThat(line.getField(line.getDescriptorForType().findFieldByName("sku"))).isEqualTo("sku-1");
      assertThat(written.getField(TYPE.findFieldByName("card"))).isEqualTo("4111111111111111");
      assertThatThrownBy(() -> serializer.serialize("payments", payment("p-2", -5.0, "4111111111111111", "n")))
          .isInstanceOf(SerializationException.class).hasMessageContaining("Rule failed: positiveAmount");

      // Confluent's deserializer reads our frame with the registry's descriptor and finds what we wrote
      JsonNode read = ConfluentDataContractsTest.js(registry, dir, List.of(Map.of("op", "deserializeProtobuf",
          "topic", "payments", "frames", List.of(HexFormat.of().formatHex(frame))))).get(0).get(0);
      assertThat(read.get("type").asText()).isEqualTo("acme.Payment");
      assertThat(read.get("value").get("card").asText()).isEqualTo("XXXX-1111");
      assertThat(read.get("value").get("amount").asDouble()).isEqualTo(10.0);
      assertThat(read.get("value").get("lines").get(0).get("note").asText()).isEqualTo("XXXX-1234");
      assertThat(read.get("value").get("lines").get(0).get("sku").asText()).isEqualTo("sku-1");
    }
  }

  @Test
  void readRulesRefuseAndMaskOnRead(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      register(registry, cel("positiveOnRead", Rule.Mode.READ, "message.amount > 0.0"), mask("maskOnRead",
          Rule.Mode.READ));
      ProtobufSerializer<Message> serializer = serializer(registry, Map.of()); // no WRITE rule: written as given
      byte[] good = serializer.serialize("payments", payment("p-1", 10.0, "4111111111111111", "call 5551234"));
      byte[] bad = serializer.serialize("payments", payment("p-2", -5.0, "4111111111111111", "n"));
      assertThat(payload(good).getField(TYPE.findFieldByName("card"))).isEqualTo("4111111111111111");

      ProtobufDeserializer<Message> ours = deserializer(registry);
      Message read = ours.deserialize("payments", good);
      assertThat(read.getField(TYPE.findFieldByName("card"))).isEqualTo("XXXX-1111");
      assertThatThrownBy(() -> ours.deserialize("payments", bad)).isInstanceOf(SerializationException.class)
          .hasMessageContaining("Rule failed: positiveOnRead");

      Message line = (Message) read.getRepeatedField(TYPE.findFieldByName("lines"), 0);
      assertThat(line.getField(line.getDescriptorForType().findFieldByName("note"))).isEqualTo("XXXX-1234");

      // Confluent's JavaScript deserializer masks the same card on read. (Its 1.10.1 CEL cannot resolve a
      // protobuf-es message's type, so it neither refuses p-2 nor walks into repeated messages;
      // Confluent's Java serdes, which ours follow, do both.)
      JsonNode theirs = ConfluentDataContractsTest.js(registry, dir, List.of(Map.of("op", "deserializeProtobuf",
          "topic", "payments", "frames", List.of(HexFormat.of().formatHex(good))))).get(0);
      assertThat(theirs.get(0).get("value").get("card").asText()).isEqualTo("XXXX-1111");
      assertThat(theirs.get(0).get("value").get("id").asText()).isEqualTo("p-1");
    }
  }

  @Test
  void aMessageFailingADlqRuleIsADeadLetterAsJson() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, "payments-dlq");
      register(registry, new Rule("positiveAmount", null, Rule.Kind.CONDITION, Rule.Mode.WRITE, "CEL", null,
          new TreeMap<>(Map.of("dlq.topic", "payments-dlq")), "message.amount > 0.0", null, "DLQ", false));
      ProtobufSerializer<Message> serializer = serializer(registry, Map.of("bootstrap.servers", kafka.bootstrapServers()));
      assertThatThrownBy(() -> serializer.serialize("payments", payment("p-2", -5.0, "4111", "n")))
          .isInstanceOf(SerializationException.class).hasMessageStartingWith("Rule failed: positiveAmount");
      serializer.close();

      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
          kafka.bootstrapServers(), "auto.offset.reset", "earliest", "group.id", "dlq-reader"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of("payments-dlq"));
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (letters.isEmpty() && System.nanoTime() < deadline) {
          consumer.poll(java.time.Duration.ofMillis(500)).forEach(letters::add);
        }
        assertThat(letters).singleElement().satisfies(letter -> {
          assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(
              "{\"id\":\"p-2\",\"amount\":-5.0,\"card\":\"4111\",\"lines\":[{\"sku\":\"sku-1\",\"note\":\"n\"}]}");
          assertThat(new String(letter.headers().lastHeader("__rule.name").value(), StandardCharsets.UTF_8))
              .isEqualTo("positiveAmount");
          assertThat(new String(letter.headers().lastHeader("__rule.subject").value(), StandardCharsets.UTF_8))
              .isEqualTo("payments-value");
        });
      }
    }
  }

  @Test
  void migrationRulesCarryMessagesBetweenMajorVersions() throws Exception {
    String v1 = "syntax = \"proto3\";\npackage acme;\nmessage Widget {\n  string name = 1;\n  int32 size = 2;\n}\n";
    // size became height, under a new field number: without the rules a reader would see 0
    String v2 = "syntax = \"proto3\";\npackage acme;\nmessage Widget {\n  string name = 1;\n  int32 height = 3;\n}\n";
    Rule up = new Rule("upgrade", Rule.Kind.TRANSFORM, Rule.Mode.UPGRADE, "JSONATA", null, null,
        "$merge([$sift($, function($v, $k) {$k != 'size'}), {'height': $.'size'}])", null, null);
    Rule down = new Rule("downgrade", Rule.Kind.TRANSFORM, Rule.Mode.DOWNGRADE, "JSONATA", null, null,
        "$merge([$sift($, function($v, $k) {$k != 'height'}), {'size': $.'height'}])", null, null);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.updateConfig("widgets-value", Map.of("compatibilityGroup", "major"));
      client.register("widgets-value", RegistrySchema.protobuf(v1, List.of()).withContract(major("1"), null));
      client.register("widgets-value", RegistrySchema.protobuf(v2, List.of()).withContract(major("2"),
          new RuleSet(List.of(up, down), List.of())));
      Descriptor old = ProtobufMigrations.message(client, RegistrySchema.protobuf(v1, List.of()), "acme.Widget");
      Descriptor now = ProtobufMigrations.message(client, RegistrySchema.protobuf(v2, List.of()), "acme.Widget");

      byte[] oldFrame = writer(registry, "1").serialize("widgets", DynamicMessage.newBuilder(old)
          .setField(old.findFieldByName("name"), "alice").setField(old.findFieldByName("size"), 123).build());
      byte[] newFrame = writer(registry, "2").serialize("widgets", DynamicMessage.newBuilder(now)
          .setField(now.findFieldByName("name"), "bob").setField(now.findFieldByName("height"), 456).build());

      ProtobufDeserializer<Message> asTwo = reader(registry, "2", now);
      Message alice = asTwo.deserialize("widgets", oldFrame);
      assertThat(alice.getField(now.findFieldByName("height"))).isEqualTo(123);
      assertThat(alice.getField(now.findFieldByName("name"))).isEqualTo("alice");
      assertThat(asTwo.deserialize("widgets", newFrame).getField(now.findFieldByName("height"))).isEqualTo(456);

      ProtobufDeserializer<Message> asOne = reader(registry, "1", old);
      assertThat(asOne.deserialize("widgets", newFrame).getField(old.findFieldByName("size"))).isEqualTo(456);
      assertThat(asOne.deserialize("widgets", oldFrame).getField(old.findFieldByName("size"))).isEqualTo(123);
    }
  }

  private static io.github.eventcontracts.registry.client.Metadata major(String value) {
    return new io.github.eventcontracts.registry.client.Metadata(null, Map.of("major", value), null);
  }

  private static ProtobufSerializer<Message> writer(EmbeddedRegistry registry, String major) {
    Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
    config.put("use.latest.with.metadata", "major=" + major);
    ProtobufSerializer<Message> serializer = new ProtobufSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  private static ProtobufDeserializer<Message> reader(EmbeddedRegistry registry, String major, Descriptor type) {
    Map<String, Object> config = new LinkedHashMap<>(AvroSerdeTest.config(registry, false));
    config.put("use.latest.with.metadata", "major=" + major);
    config.put(ProtobufDeserializer.VALUE_TYPE, type);
    ProtobufDeserializer<Message> deserializer = new ProtobufDeserializer<>();
    deserializer.configure(config, false);
    return deserializer;
  }
}
