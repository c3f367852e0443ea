package io.github.eventcontracts.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LintRulesTest {
  /** A record that passes every Avro rule. */
  private static final String CLEAN_AVRO = """
      {"type": "record", "name": "OrderCreated", "namespace": "acme", "doc": "An order was placed.",
       "fields": [
         {"name": "id", "type": "string", "doc": "Order id."},
         {"name": "coupon", "type": ["null", "string"], "default": null, "doc": "Coupon code."},
         {"name": "status", "doc": "State.", "type": {"type": "enum", "name": "Status",
            "symbols": ["UNKNOWN", "OPEN"], "default": "UNKNOWN"}}
       ]}
      """;
  private static final String CLEAN_PROTO = """
      syntax = "proto3";
      package acme.orders;
      enum Status { STATUS_UNSPECIFIED = 0; STATUS_OPEN = 1; }
      message OrderCreated {
        string order_id = 1;
        Status status = 2;
        oneof payment { string card_token = 3; }
      }
      """;

  private static List<Diagnostic> lintAvro(String text) {
    return new Linter().lint(new AvroContractParser(false).parse(SourceFile.of("order.avsc", text)));
  }

  private static List<Diagnostic> lintProto(String text) {
    return new Linter().lint(new ProtobufContractParser().parse(SourceFile.of("order.proto", text)));
  }

  private static List<Diagnostic> only(List<Diagnostic> all, String rule) {
    return all.stream().filter(d -> d.ruleId().equals(rule)).toList();
  }

  @Test
  void cleanContractsHaveNoFindings() {
    assertThat(lintAvro(CLEAN_AVRO)).isEmpty();
    assertThat(lintProto(CLEAN_PROTO)).isEmpty();
  }

  @Test
  void avroRecordDoc() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace("\"doc\": \"An order was placed.\",", "")),
        "AVRO_RECORD_DOC");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(1);
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains("acme.OrderCreated");
    });
  }

  @Test
  void avroFieldDoc() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace(", \"doc\": \"Order id.\"", "")), "AVRO_FIELD_DOC");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.path()).isEqualTo("/fields/0/name");
    });
  }

  @Test
  void avroNamespace() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace("\"namespace\": \"acme\", ", "")), "AVRO_NAMESPACE");
    // the record and the enum nested in it both lack a namespace
    // a warning: on a registered type, adding a namespace would rename it
    assertThat(found).hasSize(2).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void avroNullableUnionWithADefaultIsLeftAlone() {
    // the default must match the first branch: this order is the only legal one for the contract
    assertThat(only(lintAvro(CLEAN_AVRO.replace("[\"null\", \"string\"], \"default\": null",
        "[\"string\", \"null\"], \"default\": \"en-US\"")), "AVRO_NULLABLE_UNION_NULL_FIRST")).isEmpty();

    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace("[\"null\", \"string\"], \"default\": null",
        "[\"string\", \"null\"]")), "AVRO_NULLABLE_UNION_NULL_FIRST");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(4);
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains("'coupon'").contains("first").contains("compatible change");
    });
  }

  @Test
  void avroNullableUnionNeedsNullDefault() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace("\"default\": null, ", "")),
        "AVRO_NULLABLE_UNION_NULL_FIRST");
    assertThat(found).singleElement().satisfies(d -> assertThat(d.message()).contains("default"));
  }

  @Test
  void avroEnumDefault() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace(", \"default\": \"UNKNOWN\"", "")),
        "AVRO_ENUM_DEFAULT");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(5);
      assertThat(d.message()).contains("acme.Status");
    });
  }

  @Test
  void avroJavaStringProperty() {
    List<Diagnostic> found = only(lintAvro(CLEAN_AVRO.replace("{\"name\": \"id\", \"type\": \"string\"",
        "{\"name\": \"id\", \"type\": {\"type\": \"string\", \"avro.java.string\": \"String\"}")),
        "AVRO_NO_JAVA_STRING_PROP");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.path()).isEqualTo("/fields/0/type/avro.java.string");
    });
  }

  @Test
  void protoPackageDefined() {
    assertThat(only(lintProto(CLEAN_PROTO.replace("package acme.orders;", "")), "PROTO_PACKAGE_DEFINED"))
        .singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
  }

  @Test
  void protoMessagePascalCase() {
    assertThat(only(lintProto(CLEAN_PROTO.replace("message OrderCreated", "message order_created")),
        "PROTO_MESSAGE_PASCAL_CASE")).singleElement().satisfies(d -> {
          assertThat(d.line()).isEqualTo(4);
          assertThat(d.path()).isEqualTo("#/order_created");
        });
  }

  @Test
  void protoFieldLowerSnakeCase() {
    assertThat(only(lintProto(CLEAN_PROTO.replace("card_token", "cardToken")), "PROTO_FIELD_LOWER_SNAKE_CASE"))
        .singleElement().satisfies(d -> {
          assertThat(d.line()).isEqualTo(7);
          assertThat(d.path()).isEqualTo("#/OrderCreated/3");
        });
  }

  @Test
  void protoEnumZeroValueUnspecified() {
    assertThat(only(lintProto(CLEAN_PROTO.replace("STATUS_UNSPECIFIED", "STATUS_NEW")),
        "PROTO_ENUM_ZERO_VALUE_UNSPECIFIED")).singleElement().satisfies(d -> {
          assertThat(d.line()).isEqualTo(3);
          assertThat(d.message()).contains("STATUS_UNSPECIFIED");
        });
  }

  @Test
  void avroLogicalTypeBesideTheTypeIsNamedWithItsFile() {
    List<Diagnostic> found = only(lintAvro("""
        {"type": "record", "name": "Trip", "namespace": "acme", "doc": "d",
         "fields": [
           {"name": "at", "type": "long", "logicalType": "timestamp-millis", "doc": "d"},
           {"name": "on", "type": {"type": "int", "logicalType": "date"}, "doc": "d"}
         ]}
        """), "AVRO_LOGICAL_TYPE_ON_FIELD");
    assertThat(found).singleElement().satisfies(d -> {
      assertThat(d.line()).isEqualTo(3);
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.message()).contains("field 'at' of Trip").contains("Avro ignores it");
    });
  }

  @Test
  void protoNoRequired() {
    String proto2 = """
        syntax = "proto2";
        package acme;
        message Order { optional string id = 1; required string customer = 2; }
        """;
    assertThat(only(lintProto(proto2), "PROTO_NO_REQUIRED")).singleElement()
        .satisfies(d -> assertThat(d.path()).isEqualTo("#/Order/2"));
  }

  @Test
  void rulesCanBeSwitchedOffOrReweighted() {
    Contract noDocs = new AvroContractParser(false).parse(SourceFile.of("order.avsc",
        CLEAN_AVRO.replace("\"doc\": \"An order was placed.\",", "")));
    assertThat(new Linter(new LintConfig(Set.of("AVRO_RECORD_DOC"), Map.of())).lint(noDocs)).isEmpty();
    assertThat(new Linter(new LintConfig(Set.of(), Map.of("AVRO_RECORD_DOC", Severity.ERROR))).lint(noDocs))
        .singleElement().satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    assertThatThrownBy(() -> new Linter(new LintConfig(Set.of("NO_SUCH_RULE"), Map.of())))
        .hasMessageContaining("unknown lint rule 'NO_SUCH_RULE'");
  }

  @Test
  void everyRuleHasAStableIdAndADocLine() {
    assertThat(Linter.rules()).extracting(LintRule::id).doesNotHaveDuplicates()
        .allMatch(id -> id.matches("(AVRO|PROTO)_[A-Z_]+"));
    assertThat(Linter.rules()).allSatisfy(r -> assertThat(r.doc()).isNotBlank().doesNotContain("\n"));
  }
}
