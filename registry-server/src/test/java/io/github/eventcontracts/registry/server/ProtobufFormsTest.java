package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.descriptor.DescriptorWriter;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Protobuf schema sent as {@code .proto} text (our Java serializers, the plugin) and as a base64
 * {@code FileDescriptorProto} (Confluent's JavaScript serializer) is one schema: one id and one
 * version, whichever form comes first, and after a restart.
 */
class ProtobufFormsTest {
  static final String MONEY = "syntax = \"proto3\";\npackage acme.common;\nmessage Money { int64 units = 1; string currency = 2; }\n";
  static final String ORDER = """
      syntax = "proto3";
      package acme.orders;
      import "acme/common/money.proto";
      // written by hand: short names, comments, maps
      message OrderPlaced {
        string id = 1;
        acme.common.Money total = 2;
        map<string, string> tags = 3;
        message Line { string sku = 1; int32 quantity = 2; }
        repeated Line lines = 4;
      }
      """;
  static final List<SchemaReference> REFS = List.of(new SchemaReference("acme/common/money.proto", "money", 1));

  /** The descriptor protoc (and so Confluent's JS serializer) would send for ORDER. */
  static RegistrySchema asDescriptor(String text) {
    var parsed = new ProtobufContractParser().parse(new SourceFile("acme/orders/order.proto", "acme/orders/order.proto",
        text), ImportResolver.of(List.of(SourceFile.of("acme/common/money.proto", MONEY))));
    byte[] descriptor = DescriptorWriter.write(parsed.protobuf(), "acme/orders/order.proto").toByteArray();
    return RegistrySchema.protobuf(Base64.getEncoder().encodeToString(descriptor), REFS);
  }

  @Test
  void textFirstThenDescriptorIsOneVersion() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("money", RegistrySchema.protobuf(MONEY, List.of()));
      int id = client.register("orders-value", RegistrySchema.protobuf(ORDER, REFS));
      RegistryClient fresh = RegistryClient.of(registry.url());
      assertThat(fresh.register("orders-value", asDescriptor(ORDER))).isEqualTo(id);
      assertThat(fresh.lookup("orders-value", asDescriptor(ORDER)).version()).isEqualTo(1);
      assertThat(fresh.versions("orders-value")).containsExactly(1);
      assertThat(fresh.schemaById(id).schema()).contains("// ").doesNotContain("LabelsEntry").isNotEmpty();
    }
  }

  @Test
  void descriptorFirstThenTextIsOneVersionAndSurvivesARestart(@TempDir Path data) {
    int id;
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withDataDirectory(data))) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("money", RegistrySchema.protobuf(MONEY, List.of()));
      id = client.register("orders-value", asDescriptor(ORDER));
      // stored as text that names every type in full, map fields as maps
      assertThat(client.schemaById(id).schema()).contains("map<string, string> tags = 3;")
          .contains(".acme.common.Money total = 2;");
      assertThat(RegistryClient.of(registry.url()).register("orders-value", RegistrySchema.protobuf(ORDER, REFS)))
          .isEqualTo(id);
    }
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(RegistryOptions.defaults().withDataDirectory(data))) {
      RegistryClient client = RegistryClient.of(registry.url());
      assertThat(client.register("orders-value", RegistrySchema.protobuf(ORDER, REFS))).isEqualTo(id);
      assertThat(client.lookup("orders-value", asDescriptor(ORDER)).id()).isEqualTo(id);
      assertThat(client.versions("orders-value")).containsExactly(1);
    }
  }

  @Test
  void withoutNormalizeAnotherTextIsAnotherVersionAsWithConfluent() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("money", RegistrySchema.protobuf(MONEY, List.of()));
      int first = client.register("orders-value", RegistrySchema.protobuf(ORDER, REFS));
      String reordered = ORDER.replace("  string id = 1;\n", "").replace("repeated Line lines = 4;",
          "repeated Line lines = 4;\n  string id = 1;");
      int second = client.register("orders-value", RegistrySchema.protobuf(reordered, REFS));
      assertThat(second).isNotEqualTo(first);
      assertThat(client.versions("orders-value")).containsExactly(1, 2);
      // with normalize the same text is the existing schema
      assertThat(client.register("orders-value", RegistrySchema.protobuf(reordered.replace("\n", "\n\n"), REFS), true))
          .isIn(first, second);
    }
  }

  @Test
  void aDescriptorThatDoesNotLinkIsRefusedWithTheReason() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      // no reference given for the import: the descriptor names a type nobody defines
      RegistrySchema unlinked = new RegistrySchema(asDescriptor(ORDER).schema(), RegistrySchema.PROTOBUF, List.of());
      assertThatThrownBy(() -> client.register("orders-value", unlinked))
          .isInstanceOfSatisfying(RegistryException.InvalidSchemaException.class,
              e -> assertThat(e.getMessage()).contains("acme/common/money.proto"));
    }
  }

  /** The stores a registry can restart on: its own file log, and Confluent's topic on Kafka. */
  enum Store { FILE_LOG, KAFKA }

  private static io.github.eventcontracts.kafka.embedded.EmbeddedKafka kafka;

  @org.junit.jupiter.api.AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static RegistryOptions on(Store store, Path data, String topic) {
    if (store == Store.FILE_LOG) {
      return RegistryOptions.defaults().withDataDirectory(data);
    }
    if (kafka == null) {
      kafka = io.github.eventcontracts.kafka.embedded.EmbeddedKafka.start();
    }
    return RegistryOptions.defaults().withKafka(kafka.bootstrapServers(), topic, (short) 1, 1);
  }

  /**
   * Whichever form comes first, the other form of the same schema gets its id after a restart: the
   * text here has comments a descriptor cannot carry, so only the rule "one side came as a
   * descriptor" makes them one schema, and that rule must hold for what a store replays.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Store.class)
  void descriptorAndTextAreOneSchemaAcrossARestartOnEveryStore(Store store, @TempDir Path data) {
    for (boolean descriptorFirst : List.of(true, false)) {
      Path dir = data.resolve(descriptorFirst ? "descriptor-first" : "text-first");
      String topic = "_schemas_forms_" + (descriptorFirst ? "descriptor" : "text");
      RegistrySchema first = descriptorFirst ? asDescriptor(ORDER) : RegistrySchema.protobuf(ORDER, REFS);
      RegistrySchema second = descriptorFirst ? RegistrySchema.protobuf(ORDER, REFS) : asDescriptor(ORDER);
      int id;
      try (EmbeddedRegistry registry = EmbeddedRegistry.start(on(store, dir, topic))) {
        RegistryClient client = RegistryClient.of(registry.url());
        client.register("money", RegistrySchema.protobuf(MONEY, List.of()));
        id = client.register("orders-value", first);
      }
      try (EmbeddedRegistry registry = EmbeddedRegistry.start(on(store, dir, topic))) {
        RegistryClient client = RegistryClient.of(registry.url());
        assertThat(client.register("orders-value", second)).as(store + (descriptorFirst ? " descriptor first" : " text first"))
            .isEqualTo(id);
        assertThat(client.versions("orders-value")).containsExactly(1);
      }
    }
  }
}
