package io.github.eventcontracts.core.descriptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import io.github.eventcontracts.core.parse.ImportResolver;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorRoundTripTest {
  static final String MONEY = resource("common/money.proto");
  static final String CATALOG = resource("shop/catalog.proto");

  static String resource(String name) {
    try (InputStream in = DescriptorRoundTripTest.class.getResourceAsStream("/descriptor/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProtobufParsedSchema parse(String text, String name) {
    return new ProtobufContractParser().parse(new SourceFile(name, name, text),
        ImportResolver.of(List.of(new SourceFile("common/money.proto", "common/money.proto", MONEY)))).protobuf();
  }

  static FileDescriptor build(FileDescriptorProto proto) throws Exception {
    FileDescriptor money = FileDescriptor.buildFrom(DescriptorWriter.write(parse(MONEY, "common/money.proto"),
        "common/money.proto"), new FileDescriptor[0]);
    return FileDescriptor.buildFrom(proto, new FileDescriptor[] {money,
        com.google.protobuf.TimestampProto.getDescriptor()});
  }

  @Test
  void writtenDescriptorBuildsWithMapEntriesSyntheticOneOfsAndQualifiedNames() throws Exception {
    FileDescriptorProto proto = DescriptorWriter.write(parse(CATALOG, "shop/catalog.proto"), "shop/catalog.proto");
    FileDescriptor file = build(proto); // protobuf-java validates names, map entries and oneofs

    Descriptor catalog = file.findMessageTypeByName("Catalog");
    assertThat(catalog.getNestedTypes()).extracting(Descriptor::getName)
        .containsExactly("LabelsEntry", "Item"); // protoc's order: as declared
    assertThat(catalog.findFieldByName("labels").isMapField()).isTrue();
    Descriptor item = catalog.findNestedTypeByName("Item");
    assertThat(item.findFieldByName("prices").getMessageType().findFieldByName("value").getMessageType().getFullName())
        .isEqualTo("acme.common.Money");
    assertThat(item.findFieldByName("status").getEnumType().getFullName()).isEqualTo("acme.shop.Status");
    assertThat(item.findNestedTypeByName("Variant").findFieldByName("stock").isMapField()).isTrue();
    assertThat(catalog.getRealOneofs()).extracting(o -> o.getName()).containsExactly("owner");
    assertThat(catalog.findFieldByName("note").hasPresence()).isTrue();
    assertThat(catalog.findFieldByName("note").toProto().getProto3Optional()).isTrue();
    assertThat(catalog.findFieldByName("updated_at").getMessageType().getFullName())
        .isEqualTo("google.protobuf.Timestamp");
    assertThat(catalog.isReservedNumber(10)).isTrue();
    assertThat(catalog.isReservedName("old_name")).isTrue();
    assertThat(file.getOptions().getJavaPackage()).isEqualTo("com.acme.shop");
    assertThat(file.findEnumTypeByName("Status").findValueByName("RETIRED").getOptions().getDeprecated()).isTrue();
    assertThat(file.findServiceByName("Catalogs").findMethodByName("Get").getOutputType()).isEqualTo(item);
  }

  @Test
  void writesWhatProtocWrites() throws IOException {
    FileDescriptorSet protoc;
    try (InputStream in = DescriptorRoundTripTest.class.getResourceAsStream("/descriptor/catalog.protoc.pb")) {
      protoc = FileDescriptorSet.parseFrom(in);
    }
    FileDescriptorProto ours = DescriptorWriter.write(parse(CATALOG, "shop/catalog.proto"), "shop/catalog.proto");
    assertThat(ours.toString()).isEqualTo(protoc.getFile(0).toString());
    assertThat(ours).isEqualTo(protoc.getFile(0));
  }

  @Test
  void renderedDescriptorIsTheSameSchemaAsTheText() {
    ProtobufParsedSchema original = parse(CATALOG, "shop/catalog.proto");
    String rendered = DescriptorReader.render(DescriptorWriter.write(original, "shop/catalog.proto"));

    ProtobufParsedSchema reparsed = parse(rendered, "rendered.proto");
    assertThat(rendered).contains("map<string, string> labels = 1;").contains("optional string note = 6;")
        .contains("oneof owner {").contains("repeated .acme.shop.Catalog.Item items = 2;")
        .doesNotContain("LabelsEntry");
    assertThat(ProtobufNormalForm.key(reparsed)).isEqualTo(ProtobufNormalForm.key(original));
    assertThat(DescriptorWriter.write(reparsed, "x")).isEqualTo(DescriptorWriter.write(original, "x").toBuilder()
        .build());
  }

  @Test
  void normalFormIgnoresOrderAndQualificationButNotMeaning() {
    String reordered = """
        syntax = "proto3";
        package acme.shop;
        import "google/protobuf/timestamp.proto";
        import "common/money.proto";
        option java_multiple_files = true;
        option java_package = "com.acme.shop";
        message Catalog {
          repeated .acme.shop.Catalog.Item items = 2;
          oneof owner { string person = 5; string team = 4; }
          .google.protobuf.Timestamp updated_at = 3;
          map<string, string> labels = 1;
          message Item {
            Status status = 5;
            repeated Item.Variant variants = 4;
            map<string, .acme.common.Money> prices = 3;
            int32 count = 2;
            string sku = 1;
            message Variant { string color = 2; map<string, int32> stock = 1; }
          }
          optional string note = 6;
          reserved "old_name";
          reserved 9 to 11, 7;
        }
        enum Status { STATUS_UNSPECIFIED = 0; RETIRED = 2 [deprecated = true]; ACTIVE = 1; }
        service Catalogs { rpc Get (.acme.shop.Catalog) returns (Catalog.Item); }
        """;
    String key = ProtobufNormalForm.key(parse(CATALOG, "a.proto"));
    assertThat(ProtobufNormalForm.key(parse(reordered, "b.proto"))).isEqualTo(key);
    assertThat(ProtobufNormalForm.key(parse(CATALOG.replace("int32 count = 2", "int64 count = 2"), "c.proto")))
        .isNotEqualTo(key);
    assertThat(ProtobufNormalForm.key(parse(CATALOG.replace("message Item", "message Entry")
        .replace("repeated Item items", "repeated Entry items").replace("returns (Catalog.Item)", "returns (Catalog.Entry)"),
        "d.proto"))).isNotEqualTo(key);
  }

  @Test
  void base64IsReadAsADescriptorAndProtoTextIsNot() {
    FileDescriptorProto proto = DescriptorWriter.write(parse(CATALOG, "shop/catalog.proto"), "shop/catalog.proto");
    String base64 = Base64.getEncoder().encodeToString(proto.toByteArray());
    assertThat(DescriptorReader.decodeBase64(base64)).isEqualTo(proto);
    assertThat(DescriptorReader.decodeBase64(CATALOG)).isNull();
    assertThat(DescriptorReader.decodeBase64("syntax")).isNull();
    assertThat(DescriptorReader.decodeBase64("AAAA")).isNull();
  }

  @Test
  void confluentsMetadataOptionsTravelInTheDescriptorAndBack() {
    String text = """
        syntax = "proto3";
        package acme;
        import "confluent/meta.proto";
        message Payment {
          option (confluent.message_meta).doc = "a card payment";
          string id = 1;
          string card = 2 [(confluent.field_meta).tags = "PII"];
          string email = 3 [(confluent.field_meta) = { tags: ["PII", "CONTACT"], params: [{ key: "owner", value: "crm" }] }];
          double amount = 4;
        }
        """;
    FileDescriptorProto proto = DescriptorWriter.write(parse(text, "payments.proto"), "payments.proto");
    var payment = proto.getMessageType(0);
    assertThat(proto.getDependencyList()).contains("confluent/meta.proto");
    assertThat(ConfluentMeta.fromOptions(payment.getField(1).getOptions()).orElseThrow().tags()).containsExactly("PII");
    ConfluentMeta.Meta email = ConfluentMeta.fromOptions(payment.getField(2).getOptions()).orElseThrow();
    assertThat(email.tags()).containsExactly("PII", "CONTACT");
    assertThat(email.params()).containsEntry("owner", "crm");
    assertThat(ConfluentMeta.fromOptions(payment.getField(3).getOptions())).isEmpty();
    assertThat(ConfluentMeta.fromOptions(payment.getOptions()).orElseThrow().doc()).isEqualTo("a card payment");

    // and back: the text read from the descriptor declares the same tags, and describes itself again
    String back = DescriptorReader.render(proto);
    assertThat(back).contains("(confluent.field_meta) = { tags: [\"PII\"] }");
    FileDescriptorProto again = DescriptorWriter.write(parse(back, "payments.proto"), "payments.proto");
    assertThat(again).isEqualTo(proto);
  }
}
