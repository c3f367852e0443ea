package io.github.eventcontracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.registry.server.NpmProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's official JavaScript client ({@code @confluentinc/schemaregistry} 1.10.1 with
 * {@code @bufbuild/protobuf} 2.17.0, pinned in {@code src/test/confluent-node/package-lock.json})
 * against our registry and our serdes, with its own serializers and deserializers and nothing in
 * between: the same values give byte-identical frames both ways, with the same schema ids and
 * versions whichever side registers first, by auto-registration, by use-latest-version and
 * normalized; each side decodes the other's frames. Protobuf messages sit at index paths [0], [1],
 * [0,0], [1,0], [0,0,0] and [1,0,0], next to map fields at two levels; both sides build them from
 * protoc's descriptors of {@code interop/catalog.proto}.
 */
class ConfluentClientInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String CATALOG_TOPIC = "catalog";
  /** JavaScript's Avro serializer registers the schema it infers from the value: a plain record. */
  private static final String INFERRED_TOPIC = "inferred";
  /** An Avro schema with an enum and a nested record, registered by Java, used by JS as the latest. */
  private static final String ORDERS_TOPIC = "orders";
  private static final Schema ORDER = new Schema.Parser().parse("""
      {"type":"record","name":"OrderPlaced","namespace":"com.acme.interop","fields":[
        {"name":"id","type":"string"},
        {"name":"quantity","type":"int"},
        {"name":"total","type":{"type":"record","name":"Amount","fields":[
          {"name":"units","type":"long"},{"name":"currency","type":"string"}]}},
        {"name":"channel","type":{"type":"enum","name":"Channel","symbols":["WEB","STORE"]}},
        {"name":"tags","type":{"type":"array","items":"string"}}]}""");

  private static NpmProject node;

  @BeforeAll
  static void install() throws Exception {
    node = NpmProject.install(Path.of("src/test/confluent-node"), Path.of("target/npm-confluent-interop"),
        List.of("package.json", "package-lock.json", "confluent-interop.js"));
  }

  /** The messages, from [0] to [1,0,0], with single-entry maps (map order is not part of a value). */
  static List<DynamicMessage> messages() {
    DynamicMessage money = build(CatalogProto.MONEY, "units", 1999L, "currency", "EUR");
    DynamicMessage variant = build(CatalogProto.VARIANT, "stock", List.of(entry(CatalogProto.VARIANT, "stock", "m", 3)),
        "color", "red");
    DynamicMessage item = build(CatalogProto.ITEM, "prices", List.of(entry(CatalogProto.ITEM, "prices", "EUR", money)),
        "sku", "sku-1", "variants", List.of(variant));
    DynamicMessage catalog = build(CatalogProto.CATALOG, "labels",
        List.of(entry(CatalogProto.CATALOG, "labels", "env", "prod")), "items", List.of(item));
    DynamicMessage detail = build(CatalogProto.DETAIL, "field", "email", "value", "a@b.c");
    DynamicMessage change = build(CatalogProto.CHANGE, "notes", List.of(entry(CatalogProto.CHANGE, "notes", 7, "seven")),
        "details", List.of(detail));
    DynamicMessage audit = build(CatalogProto.AUDIT, "tags", List.of(entry(CatalogProto.AUDIT, "tags", "k", "v")),
        "changes", List.of(change), "at", Timestamp.newBuilder().setSeconds(1_790_000_000L).build(), "user", "alice");
    return List.of(catalog, audit, item, change, variant, detail);
  }

  static final List<String> PATHS = List.of("[0]", "[1]", "[0,0]", "[1,0]", "[0,0,0]", "[1,0,0]");

  static GenericRecord order() {
    GenericRecord total = new GenericData.Record(ORDER.getField("total").schema());
    total.put("units", 4250L);
    total.put("currency", "EUR");
    GenericRecord order = new GenericData.Record(ORDER);
    order.put("id", "o-1");
    order.put("quantity", 3);
    order.put("total", total);
    order.put("channel", new GenericData.EnumSymbol(ORDER.getField("channel").schema(), "STORE"));
    order.put("tags", List.of("gift", "express"));
    return order;
  }

  static Map<String, Object> orderJson() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("id", "o-1");
    value.put("quantity", 3);
    value.put("total", Map.of("units", 4250, "currency", "EUR"));
    value.put("channel", "STORE");
    value.put("tags", List.of("gift", "express"));
    return value;
  }

  /** What JS's Avro serializer infers a schema from, with auto-registration. */
  static Map<String, Object> inferredJson() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("sku", "sku-9");
    value.put("count", 12);
    value.put("active", true);
    return value;
  }

  @Test
  void confluentRegistersFirstThenOurs(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode js = js(registry, dir, "autoRegister", false, true);
      Frames ours = java(registry, Map.of("auto.register.schemas", true), inferredSchema(registry), false);
      assertSameFrames(js, ours);
      assertOneVersionEach(registry);
    }
  }

  @Test
  void oursRegisterFirstThenConfluent(@TempDir Path dir) throws Exception {
    String inferred;
    try (EmbeddedRegistry probe = EmbeddedRegistry.start()) { // learn the schema JS infers, on a scratch registry
      js(probe, dir, "autoRegister", false, true);
      inferred = inferredSchema(probe).toString(true); // pretty-printed: the registry compares parsed schemas
    }
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      Frames ours = java(registry, Map.of("auto.register.schemas", true), new Schema.Parser().parse(inferred), true);
      JsonNode js = js(registry, dir, "autoRegister", false, true);
      assertSameFrames(js, ours);
      assertOneVersionEach(registry);

      // use-latest-version on both sides, nothing registered: still the same frames
      JsonNode jsLatest = js(registry, dir, "useLatest", true, true);
      Frames oursLatest = java(registry, Map.of("auto.register.schemas", false, "use.latest.version", true),
          new Schema.Parser().parse(inferred), true);
      assertSameFrames(jsLatest, oursLatest);
      assertThat(hex(oursLatest.protobuf())).isEqualTo(hex(ours.protobuf()));
      assertOneVersionEach(registry);
    }
  }

  @Test
  void normalizedRegistrationsMeetInOneVersion(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      JsonNode js = js(registry, dir, "autoRegisterNormalized", false, false);
      Frames ours = java(registry, Map.of("auto.register.schemas", true, "normalize.schemas", true), null, false);
      assertThat(hex(ours.protobuf())).containsExactlyElementsOf(strings(js.get("protobuf")));
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.versions(CATALOG_TOPIC + "-value")).containsExactly(1);
      assertThat(client.versions("interop/money.proto")).containsExactly(1);
      // stored in normal form: every type name qualified
      assertThat(client.latest(CATALOG_TOPIC + "-value").schema().schema()).contains(".acme.interop.Money");
    }
  }

  @Test
  void eachSideDecodesTheOthersFrames(@TempDir Path dir) throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      Frames ours = java(registry, Map.of("auto.register.schemas", true), null, true);
      List<Map<String, String>> decodeProtobuf = new ArrayList<>();
      ours.protobuf().forEach(f -> decodeProtobuf.add(Map.of("topic", CATALOG_TOPIC, "frame", HEX.formatHex(f))));
      JsonNode decoded = node(registry, dir, Map.of("descriptorSet", descriptorSet(), "mode", "useLatest",
          "decodeProtobuf", decodeProtobuf,
          "decodeAvro", List.of(Map.of("topic", ORDERS_TOPIC, "frame", HEX.formatHex(ours.order())))));

      // Confluent's deserializer: format=serialized from our registry, the index path, the message
      List<DynamicMessage> expected = messages();
      for (int i = 0; i < expected.size(); i++) {
        JsonNode one = decoded.get("decodedProtobuf").get(i);
        assertThat(one.get("type").asText()).as("message at %s", PATHS.get(i))
            .isEqualTo(expected.get(i).getDescriptorForType().getFullName());
        assertThat(one.get("payload").asText()).isEqualTo(HEX.formatHex(expected.get(i).toByteArray()));
      }
      assertThat(decoded.get("decodedProtobuf").get(1).get("json").get("user").asText()).isEqualTo("alice");
      assertThat(decoded.get("decodedProtobuf").get(2).get("json").get("prices").get("EUR").get("units").asText())
          .isEqualTo("1999");
      JsonNode order = decoded.get("decodedAvro").get(0);
      assertThat(order.get("channel").asText()).isEqualTo("STORE");
      assertThat(order.get("total").get("units").asLong()).isEqualTo(4250);
      assertThat(order.get("tags").toString()).isEqualTo("[\"gift\",\"express\"]");

      // ours reading Confluent's frames (JS encodes with the latest versions Java registered)
      JsonNode js = js(registry, dir, "useLatest", true, false);
      List<String> jsFrames = strings(js.get("protobuf"));
      for (int i = 0; i < expected.size(); i++) {
        ProtobufDeserializer<Message> reader = new ProtobufDeserializer<>();
        reader.configure(ProtobufSerdeTest.config(registry, false, ProtobufDeserializer.VALUE_TYPE,
            expected.get(i).getDescriptorForType()), false);
        assertThat(reader.deserialize(CATALOG_TOPIC, HEX.parseHex(jsFrames.get(i)))).isEqualTo(expected.get(i));
      }
      AvroDeserializer avro = new AvroDeserializer();
      avro.configure(ProtobufSerdeTest.config(registry, false), false);
      GenericRecord read = (GenericRecord) avro.deserialize(ORDERS_TOPIC, HEX.parseHex(strings(js.get("avro")).get(0)));
      assertThat(read).isEqualTo(order());
    }
  }

  // ---- the two sides ------------------------------------------------------------------------------

  /** Frames our serializers wrote: the catalog messages in order, the order and inferred records (or null). */
  private record Frames(List<byte[]> protobuf, byte[] order, byte[] inferred) {}

  /** Our serializers: the catalog messages, the inferred-schema record (when given), then the order. */
  private static Frames java(EmbeddedRegistry registry, Map<String, Object> settings, Schema inferred, boolean orders) {
    Map<String, Object> config = new LinkedHashMap<>(ProtobufSerdeTest.config(registry, true));
    config.putAll(settings);
    ProtobufSerializer<Message> protobuf = new ProtobufSerializer<>();
    protobuf.configure(config, false);
    List<byte[]> protobufFrames = messages().stream().map(m -> protobuf.serialize(CATALOG_TOPIC, m)).toList();
    AvroSerializer avro = new AvroSerializer();
    avro.configure(config, false);
    byte[] order = orders ? avro.serialize(ORDERS_TOPIC, order()) : null;
    byte[] record = null;
    if (inferred != null) {
      GenericRecord value = new GenericData.Record(inferred);
      inferredJson().forEach(value::put);
      record = avro.serialize(INFERRED_TOPIC, value);
    }
    return new Frames(protobufFrames, order, record);
  }

  /**
   * Confluent's serializers on the same values: the catalog messages and, as asked, the order
   * (use-latest only: JS's Avro serializer registers nothing but schemas it infers) and the inferred
   * record.
   */
  private static JsonNode js(EmbeddedRegistry registry, Path dir, String mode, boolean order, boolean inferred)
      throws Exception {
    List<Map<String, Object>> protobuf = new ArrayList<>();
    for (DynamicMessage m : messages()) {
      protobuf.add(Map.of("topic", CATALOG_TOPIC, "type", m.getDescriptorForType().getFullName(),
          "payload", HEX.formatHex(m.toByteArray())));
    }
    List<Map<String, Object>> avro = new ArrayList<>();
    if (order) {
      avro.add(Map.of("topic", ORDERS_TOPIC, "value", orderJson()));
    }
    if (inferred) {
      avro.add(Map.of("topic", INFERRED_TOPIC, "value", inferredJson()));
    }
    return node(registry, dir, Map.of("descriptorSet", descriptorSet(), "mode", mode, "protobuf", protobuf,
        "avro", avro));
  }

  private static JsonNode node(EmbeddedRegistry registry, Path dir, Map<String, Object> request) throws Exception {
    Path file = Files.createTempFile(dir, "request", ".json");
    Files.writeString(file, JSON.writeValueAsString(request));
    return JSON.readTree(node.node("confluent-interop.js", registry.url(), file.toString()));
  }

  private static String descriptorSet() {
    return Path.of("src/test/resources", CatalogProto.RESOURCE).toAbsolutePath().toString();
  }

  // ---- checks -------------------------------------------------------------------------------------

  private static void assertSameFrames(JsonNode js, Frames ours) {
    List<String> jsProtobuf = strings(js.get("protobuf"));
    assertThat(jsProtobuf).hasSize(PATHS.size());
    for (int i = 0; i < PATHS.size(); i++) {
      assertThat(HEX.formatHex(ours.protobuf().get(i))).as("Protobuf frame of the message at %s", PATHS.get(i))
          .isEqualTo(jsProtobuf.get(i));
    }
    // the index list as Confluent writes it: [0] is one zero byte, [0,0] is 04 00 00
    assertThat(jsProtobuf.get(0).substring(10, 12)).isEqualTo("00");
    assertThat(jsProtobuf.get(2).substring(10, 16)).isEqualTo("040000");
    assertThat(jsProtobuf.get(5).substring(10, 18)).isEqualTo("06020000");
    List<String> expectedAvro = new ArrayList<>();
    if (js.get("avro").size() == 2) { // the order, then the inferred record
      expectedAvro.add(HEX.formatHex(ours.order()));
    }
    expectedAvro.add(HEX.formatHex(ours.inferred()));
    assertThat(strings(js.get("avro"))).containsExactlyElementsOf(expectedAvro);
  }

  private static void assertOneVersionEach(EmbeddedRegistry registry) {
    RegistryClient client = RegistryClient.of(registry.url());
    assertThat(client.versions(CATALOG_TOPIC + "-value")).containsExactly(1);
    assertThat(client.versions("interop/money.proto")).containsExactly(1);
    assertThat(client.versions(INFERRED_TOPIC + "-value")).containsExactly(1);
  }

  private static Schema inferredSchema(EmbeddedRegistry registry) {
    return new Schema.Parser().parse(RegistryClient.of(registry.url()).latest(INFERRED_TOPIC + "-value").schema().schema());
  }

  private static List<String> hex(List<byte[]> frames) {
    return frames.stream().map(HEX::formatHex).toList();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static DynamicMessage build(Descriptor type, Object... fields) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (int i = 0; i < fields.length; i += 2) {
      builder.setField(type.findFieldByName((String) fields[i]), fields[i + 1]);
    }
    return builder.build();
  }

  private static DynamicMessage entry(Descriptor owner, String field, Object key, Object value) {
    Descriptor entry = owner.findFieldByName(field).getMessageType();
    return build(entry, "key", key, "value", value);
  }
}
