package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.CompatibilityCheck;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.client.SubjectVersion;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TextFormat;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What our client must do against any Confluent-compatible registry. Runs against our server, and
 * against Confluent's own image where Docker exists, so both sides are held to the same behaviour.
 * Subjects are unique per test because the registry may be shared.
 */
abstract class RegistryClientContract {
  abstract RegistryClient client();

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  String subject(String name) {
    return name + "-" + run;
  }

  static RegistrySchema order(String extraFields) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"OrderCreated\",\"namespace\":\"com.acme\",\"fields\":["
        + "{\"name\":\"id\",\"type\":\"string\"}" + extraFields + "]}");
  }

  @Test
  void registersReadsBackByIdAndLooksUp() {
    String subject = subject("orders-value");
    int id = client().register(subject, order(""));
    assertThat(id).isPositive();
    RegistrySchema byId = client().schemaById(id);
    assertThat(byId.schemaType()).isEqualTo("AVRO");
    assertThat(byId.schema()).contains("OrderCreated");
    SubjectVersion found = client().lookup(subject, order(""));
    assertThat(found.id()).isEqualTo(id);
    assertThat(found.version()).isEqualTo(1);
    assertThat(client().subjects()).contains(subject);
  }

  @Test
  void reRegisteringIsIdempotentAndIdsAreGlobal() {
    String a = subject("a-value");
    String b = subject("b-value");
    RegistrySchema schema = order(",{\"name\":\"note\",\"type\":\"string\",\"default\":\"" + run + "\"}");
    int first = client().register(a, schema);
    RegistryClient fresh = freshClient();
    assertThat(fresh.register(a, schema)).isEqualTo(first);
    assertThat(fresh.versions(a)).containsExactly(1);
    assertThat(fresh.register(b, schema)).isEqualTo(first);
    assertThat(fresh.subjectVersionsById(first)).extracting(RegistryClient.SubjectVersionRef::subject)
        .contains(a, b);
  }

  /** A client without caches, so calls really reach the registry. */
  abstract RegistryClient freshClient();

  @Test
  void versionsLatestAndNumbered() {
    String subject = subject("versions-value");
    int v1 = client().register(subject, order(""));
    int v2 = client().register(subject, order(",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"));
    assertThat(v2).isNotEqualTo(v1);
    assertThat(client().versions(subject)).containsExactly(1, 2);
    assertThat(client().latest(subject).version()).isEqualTo(2);
    assertThat(client().version(subject, "-1").id()).isEqualTo(v2);
    assertThat(client().version(subject, "1").id()).isEqualTo(v1);
  }

  @Test
  void incompatibleRegistrationIsRefusedWithTheDifferences() {
    String subject = subject("strict-value");
    client().register(subject, order(""));
    RegistrySchema breaking = order(",{\"name\":\"total\",\"type\":\"long\"}");
    assertThatThrownBy(() -> client().register(subject, breaking))
        .isInstanceOfSatisfying(RegistryException.IncompatibleSchemaException.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.errorCode()).isIn(409, 40901);
          assertThat(e.errorTypes()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        });
    assertThat(client().versions(subject)).containsExactly(1);

    CompatibilityCheck check = client().testCompatibility(subject, "latest", breaking);
    assertThat(check.compatible()).isFalse();
    assertThat(String.join(" ", check.messages())).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(client().testCompatibility(subject, "latest", order(",{\"name\":\"t\",\"type\":\"long\",\"default\":0}"))
        .compatible()).isTrue();
  }

  @Test
  void protobufWithReferences() {
    String common = subject("acme-common");
    String money = "syntax = \"proto3\";\npackage acme.common;\n\nmessage Money {\n  int64 units = 1;\n  string currency = 2;\n}\n";
    int moneyId = client().register(common, RegistrySchema.protobuf(money, List.of()));
    String order = "syntax = \"proto3\";\npackage acme.orders;\n\nimport \"acme/common/money.proto\";\n\n"
        + "message OrderPlaced {\n  string id = 1;\n  acme.common.Money total = 2;\n}\n";
    List<SchemaReference> refs = List.of(new SchemaReference("acme/common/money.proto", common, 1));
    String subject = subject("orders-proto-value");
    int orderId = client().register(subject, RegistrySchema.protobuf(order, refs));
    assertThat(orderId).isNotEqualTo(moneyId);
    RegistrySchema back = freshClient().schemaById(orderId);
    assertThat(back.schemaType()).isEqualTo("PROTOBUF");
    assertThat(back.references()).containsExactlyElementsOf(refs);
    assertThat(back.schema()).contains("OrderPlaced");

    assertThatThrownBy(() -> client().deleteVersion(common, "1", false))
        .isInstanceOfSatisfying(RegistryException.ReferenceExistsException.class,
            e -> assertThat(e.errorCode()).isEqualTo(42206));
  }

  @Test
  void protobufServedSerializedAndRegisteredAsADescriptor() throws Exception {
    String common = subject("acme-common");
    String money = "syntax = \"proto3\";\npackage acme.common;\n\nmessage Money {\n  int64 units = 1;\n  string currency = 2;\n}\n";
    client().register(common, RegistrySchema.protobuf(money, List.of()));
    String order = "syntax = \"proto3\";\npackage acme.orders;\n\nimport \"acme/common/money.proto\";\n\n"
        + "message OrderPlaced {\n  string id = 1;\n  acme.common.Money total = 2;\n  map<string, string> tags = 3;\n"
        + "  message Line {\n    string sku = 1;\n  }\n  repeated Line lines = 4;\n}\n";
    List<SchemaReference> refs = List.of(new SchemaReference("acme/common/money.proto", common, 1));
    String subject = subject("serialized-value");
    int id = client().register(subject, RegistrySchema.protobuf(order, refs));

    // what Confluent's Protobuf deserializers read: base64 FileDescriptorProtos, with names fully qualified
    FileDescriptorProto moneyFile = FileDescriptorProto.parseFrom(Base64.getDecoder().decode(
        freshClient().version(common, "1", "serialized").schema().schema()));
    RegistrySchema serialized = freshClient().schemaById(id, "serialized");
    assertThat(serialized.references()).containsExactlyElementsOf(refs);
    FileDescriptorProto orderFile = FileDescriptorProto.parseFrom(Base64.getDecoder().decode(serialized.schema()));
    assertThat(orderFile.getDependencyList()).containsExactly("acme/common/money.proto");
    FileDescriptor built = FileDescriptor.buildFrom(orderFile, new FileDescriptor[] {
        FileDescriptor.buildFrom(moneyFile.toBuilder().setName("acme/common/money.proto").build(), new FileDescriptor[0])});
    Descriptor placed = built.findMessageTypeByName("OrderPlaced");
    assertThat(placed.findFieldByName("total").getMessageType().getFullName()).isEqualTo("acme.common.Money");
    assertThat(placed.findFieldByName("tags").isMapField()).isTrue();
    assertThat(placed.findFieldByName("lines").getMessageType().getFullName()).isEqualTo("acme.orders.OrderPlaced.Line");

    // and what Confluent's JavaScript serializer registers: the descriptor itself, base64
    String other = subject("descriptor-value");
    FileDescriptorProto.Builder shipped = FileDescriptorProto.newBuilder();
    TextFormat.merge(orderFile.toString().replace("OrderPlaced", "OrderShipped"), shipped);
    RegistrySchema asDescriptor = RegistrySchema.protobuf(Base64.getEncoder().encodeToString(shipped.build().toByteArray()),
        refs);
    int shippedId = client().register(other, asDescriptor);
    assertThat(freshClient().schemaById(shippedId).schema()).contains("OrderShipped").contains("Money");
    assertThat(freshClient().lookup(other, asDescriptor).id()).isEqualTo(shippedId);
  }

  @Test
  void normalizeMatchesTheSameSchemaWrittenInAnotherOrder() {
    String subject = subject("normalized-value");
    RegistrySchema written = RegistrySchema.protobuf("syntax = \"proto3\";\npackage acme.n;\n\n"
        + "message Order {\n  string id = 1;\n  int64 total = 2;\n  Line line = 3;\n  message Line { string sku = 1; }\n}\n",
        List.of());
    RegistrySchema reordered = RegistrySchema.protobuf("syntax = \"proto3\";\npackage acme.n;\n"
        + "message Order { message Line { string sku = 1; } .acme.n.Order.Line line = 3; int64 total = 2; string id = 1; }\n",
        List.of());
    int id = client().register(subject, written, true);
    assertThat(freshClient().register(subject, reordered, true)).isEqualTo(id);
    assertThat(freshClient().versions(subject)).containsExactly(1);
    assertThat(freshClient().lookup(subject, reordered, true).id()).isEqualTo(id);
    assertThat(freshClient().testCompatibility(subject, "latest", reordered, true).compatible()).isTrue();
  }

  @Test
  void invalidSchemasAre42201() {
    assertThatThrownBy(() -> client().register(subject("bad-value"), RegistrySchema.avro("{\"type\":\"record\"")))
        .isInstanceOfSatisfying(RegistryException.InvalidSchemaException.class,
            e -> assertThat(e.status()).isEqualTo(422));
    assertThatThrownBy(() -> client().register(subject("bad-proto"),
        RegistrySchema.protobuf("syntax = \"proto3\";\nmessage O { Nope n = 1; }\n", List.of())))
        .isInstanceOf(RegistryException.InvalidSchemaException.class);
    assertThatThrownBy(() -> client().register(subject("bad-ref"), RegistrySchema.protobuf(
        "syntax = \"proto3\";\nimport \"x.proto\";\n", List.of(new SchemaReference("x.proto", subject("nowhere"), 1)))))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).status()).isIn(404, 422));
  }

  @Test
  void notFoundErrorsAreTyped() {
    String subject = subject("nf-value");
    assertThatThrownBy(() -> client().versions(subject)).isInstanceOf(RegistryException.SubjectNotFoundException.class);
    client().register(subject, order(""));
    assertThatThrownBy(() -> client().version(subject, "7")).isInstanceOf(RegistryException.VersionNotFoundException.class);
    assertThatThrownBy(() -> client().version(subject, "seven"))
        .isInstanceOf(RegistryException.InvalidVersionException.class);
    assertThatThrownBy(() -> freshClient().schemaById(987_654_321))
        .isInstanceOf(RegistryException.SchemaNotFoundException.class);
    assertThatThrownBy(() -> client().lookup(subject, order(",{\"name\":\"x\",\"type\":\"int\",\"default\":1}")))
        .isInstanceOf(RegistryException.SchemaNotFoundException.class);
  }

  @Test
  void compatibilityConfig() {
    String subject = subject("config-value");
    client().register(subject, order(""));
    assertThat(client().compatibility(subject, true)).isEqualTo(client().globalCompatibility());
    assertThatThrownBy(() -> client().compatibility(subject, false))
        .isInstanceOf(RegistryException.SubjectCompatibilityNotConfiguredException.class);
    assertThat(client().setCompatibility(subject, "FULL")).isEqualTo("FULL");
    assertThat(client().compatibility(subject, false)).isEqualTo("FULL");
    // under FULL a field without default fails forward as well as backward
    assertThat(client().testCompatibility(subject, "latest", order(",{\"name\":\"t\",\"type\":\"long\"}")).compatible())
        .isFalse();
    assertThatThrownBy(() -> client().setCompatibility(subject, "SOMETIMES"))
        .isInstanceOf(RegistryException.InvalidCompatibilityLevelException.class);
    assertThat(client().deleteCompatibility(subject)).isEqualTo("FULL");
    assertThatThrownBy(() -> client().compatibility(subject, false))
        .isInstanceOf(RegistryException.SubjectCompatibilityNotConfiguredException.class);
  }

  @Test
  void softThenPermanentDeletes() {
    String subject = subject("del-value");
    client().register(subject, order(""));
    client().register(subject, order(",{\"name\":\"n\",\"type\":\"int\",\"default\":0}"));
    assertThat(client().deleteVersion(subject, "2", false)).isEqualTo(2);
    assertThat(client().versions(subject)).containsExactly(1);
    assertThatThrownBy(() -> client().deleteVersion(subject, "1", true)).isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).errorCode()).isEqualTo(40407));
    assertThat(client().deleteSubject(subject, false)).containsExactly(1);
    assertThatThrownBy(() -> client().versions(subject)).isInstanceOf(RegistryException.SubjectNotFoundException.class);
    assertThat(client().subjects()).doesNotContain(subject);
    assertThat(client().deleteSubject(subject, true)).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void schemaTypes() {
    assertThat(client().schemaTypes()).contains("AVRO", "PROTOBUF");
  }
}
