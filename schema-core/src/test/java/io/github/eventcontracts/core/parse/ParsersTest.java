package io.github.eventcontracts.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.model.ContractReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsersTest {
  private static final String MONEY = """
      {"type": "record", "name": "Money", "namespace": "acme.common",
       "fields": [{"name": "units", "type": "long"}, {"name": "currency", "type": "string"}]}
      """;
  private static final String ORDER = """
      {"type": "record", "name": "OrderCreated", "namespace": "acme.orders",
       "fields": [
         {"name": "id", "type": "string"},
         {"name": "total", "type": "acme.common.Money"}
       ]}
      """;

  private static Diagnostic failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (ContractException e) {
      assertThat(e.diagnostics()).hasSize(1);
      return e.diagnostics().get(0);
    } catch (Throwable t) {
      throw new AssertionError("expected a ContractException, got " + t, t);
    }
    throw new AssertionError("expected a ContractException");
  }

  @Test
  void avroFilesReferencingEachOtherParseInAnyOrder() {
    for (List<SourceFile> files : List.of(
        List.of(SourceFile.of("order.avsc", ORDER), SourceFile.of("money.avsc", MONEY)),
        List.of(SourceFile.of("money.avsc", MONEY), SourceFile.of("order.avsc", ORDER)))) {
      List<Contract> contracts = new AvroContractParser().parseAll(files);
      Contract order = contracts.stream().filter(c -> c.file().equals("order.avsc")).findFirst().orElseThrow();
      assertThat(order.references()).containsExactly(new ContractReference("acme.common.Money", "money.avsc"));
      assertThat(order.avro().schema().getField("total").schema().getFullName()).isEqualTo("acme.common.Money");
    }
  }

  @Test
  void fingerprintIgnoresFormattingButNotMeaning() {
    AvroContractParser parser = new AvroContractParser();
    String compact = MONEY.replaceAll("\\s+", " ");
    assertThat(parser.parse(SourceFile.of("a.avsc", compact)).fingerprint())
        .isEqualTo(parser.parse(SourceFile.of("b.avsc", MONEY)).fingerprint())
        .isNotEqualTo(parser.parse(SourceFile.of("c.avsc", MONEY.replace("long", "int"))).fingerprint());
  }

  @Test
  void protoFingerprintDoesNotDependOnWhereTheFileWasRead() {
    String text = "syntax = \"proto3\";\npackage a;\nmessage O { string id = 1; }\n";
    var here = new ProtobufContractParser().parse(new SourceFile("schemas/o.proto", "o.proto", text));
    var there = new ProtobufContractParser().parse(new SourceFile("registry:o-value/v1", "v1/x/o.proto", text));
    assertThat(here.fingerprint()).isEqualTo(there.fingerprint());
    assertThat(here.parsed().canonicalForm()).startsWith("syntax = \"proto3\";").doesNotContain("o.proto");
  }

  @Test
  void avroSyntaxErrorHasJacksonsPosition() {
    Diagnostic d = failure(() -> new AvroContractParser().parse(SourceFile.of("bad.avsc",
        "{\"type\": \"record\",\n \"name\": \"X\"\n \"fields\": []}")));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.SYNTAX_ERROR);
    assertThat(d.format()).startsWith("bad.avsc:3:2 SYNTAX_ERROR");
  }

  @Test
  void avroUnknownTypeIsReportedWhereItIsUsed() {
    Diagnostic d = failure(() -> new AvroContractParser().parse(SourceFile.of("order.avsc", ORDER)));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.UNKNOWN_TYPE);
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).contains("acme.common.Money");
  }

  @Test
  void avroInvalidDefaultIsReportedAtTheDefault() {
    Diagnostic d = failure(() -> new AvroContractParser().parse(SourceFile.of("x.avsc", """
        {"type": "record", "name": "X", "namespace": "acme", "fields": [
          {"name": "n", "type": "int",
           "default": "five"}]}
        """)));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.INVALID_SCHEMA);
    assertThat(d.line()).isEqualTo(3);
    assertThat(d.message()).contains("Invalid default for field n");
  }

  @Test
  void strictNamesOnlyForNewSchemas() {
    String text = "{\"type\": \"record\", \"name\": \"Order-Created\", \"fields\": []}";
    Diagnostic d = failure(() -> new AvroContractParser(true).parse(SourceFile.of("x.avsc", text)));
    assertThat(d.line()).isEqualTo(1);
    assertThat(d.message()).contains("Order-Created");
    assertThat(new AvroContractParser(false).parse(SourceFile.of("x.avsc", text)).avro().schema().getName())
        .isEqualTo("Order-Created");
  }

  @Test
  void avroDuplicateTypeAcrossFilesAndReferenceCycles() {
    Diagnostic dup = failure(() -> new AvroContractParser().parseAll(List.of(
        SourceFile.of("a.avsc", MONEY), SourceFile.of("b.avsc", MONEY.replace("\"long\"", "\"int\"")))));
    assertThat(dup.ruleId()).isEqualTo(ParseErrors.DUPLICATE_TYPE);
    assertThat(dup.file()).isEqualTo("b.avsc");
    assertThat(dup.message()).contains("defined differently here and in a.avsc:1");
    // a differing record whose nested types differ with it is one finding, not one a type
    String outer = "{\"type\":\"record\",\"name\":\"Outer\",\"namespace\":\"x\",\"fields\":[{\"name\":\"in\","
        + "\"type\":{\"type\":\"record\",\"name\":\"Inner\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"}]}}]}";
    Diagnostic once = failure(() -> new AvroContractParser().parseAll(List.of(SourceFile.of("a.avsc", outer),
        SourceFile.of("b.avsc", outer.replace("\"int\"", "\"long\"")))));
    assertThat(once.message()).startsWith("type x.Outer is defined differently");

    String a = "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"x\",\"fields\":[{\"name\":\"b\",\"type\":[\"null\",\"x.B\"]}]}";
    String b = "{\"type\":\"record\",\"name\":\"B\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":[\"null\",\"x.A\"]}]}";
    Diagnostic cycle = failure(() -> new AvroContractParser().parseAll(List.of(
        SourceFile.of("a.avsc", a), SourceFile.of("b.avsc", b))));
    assertThat(cycle.ruleId()).isEqualTo(ParseErrors.REFERENCE_CYCLE);
    assertThat(cycle.message()).contains("a.avsc -> b.avsc -> a.avsc");
  }

  @Test
  void protoImportsResolveOverRootsAndWellKnownTypesNeedNoFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("acme/common"));
    Files.writeString(dir.resolve("acme/common/money.proto"),
        "syntax = \"proto3\";\npackage acme.common;\nmessage Money { int64 units = 1; }\n");
    String order = """
        syntax = "proto3";
        package acme.orders;
        import "acme/common/money.proto";
        import "google/protobuf/timestamp.proto";
        import "google/protobuf/wrappers.proto";
        message Order { acme.common.Money total = 1; google.protobuf.Timestamp at = 2;
          google.protobuf.StringValue note = 3; }
        """;
    Contract contract = new ProtobufContractParser().parse(
        new SourceFile("schemas/order.proto", "order.proto", order), ImportResolver.roots(List.of(dir)));
    assertThat(contract.references()).extracting(ContractReference::name)
        .containsExactly("acme/common/money.proto");
  }

  @Test
  void protoSyntaxErrorPosition() {
    Diagnostic d = failure(() -> new ProtobufContractParser().parse(SourceFile.of("o.proto",
        "syntax = \"proto3\";\nmessage Order {\n  string id = 1\n}\n")));
    assertThat(d.format()).startsWith("o.proto:4:").contains("SYNTAX_ERROR").contains("expected ';'");
  }

  @Test
  void protoUnknownTypeMissingImportAndCycle() {
    Diagnostic unknown = failure(() -> new ProtobufContractParser().parse(SourceFile.of("o.proto",
        "syntax = \"proto3\";\nmessage Order {\n  Money total = 1;\n}\n")));
    assertThat(unknown.ruleId()).isEqualTo(ParseErrors.UNKNOWN_TYPE);
    assertThat(unknown.line()).isEqualTo(3);
    assertThat(unknown.message()).contains("Money");

    Diagnostic missing = failure(() -> new ProtobufContractParser().parse(SourceFile.of("o.proto",
        "syntax = \"proto3\";\n\nimport \"nope/missing.proto\";\n")));
    assertThat(missing.format()).startsWith("o.proto:3:1 IMPORT_NOT_FOUND").contains("nope/missing.proto");

    SourceFile a = SourceFile.of("a.proto", "syntax = \"proto3\";\nimport \"b.proto\";\n");
    SourceFile b = SourceFile.of("b.proto", "syntax = \"proto3\";\nimport \"a.proto\";\n");
    Diagnostic cycle = failure(() -> new ProtobufContractParser().parseAll(List.of(a), ImportResolver.of(List.of(b))));
    assertThat(cycle.ruleId()).isEqualTo(ParseErrors.IMPORT_CYCLE);
    assertThat(cycle.message()).contains("a.proto -> b.proto -> a.proto");
  }

  @Test
  void protoDuplicateTagsAreInvalid() {
    Diagnostic d = failure(() -> new ProtobufContractParser().parse(SourceFile.of("o.proto",
        "syntax = \"proto3\";\nmessage Order {\n  string a = 1;\n  string b = 1;\n}\n")));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.INVALID_SCHEMA);
    assertThat(d.message()).contains("tag 1");
  }

  @Test
  void everyBrokenAvroFileIsReportedInOneRunAndTheGoodOnesStillParse() {
    List<SourceFile> files = List.of(
        SourceFile.of("a.avsc", "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":\"strin\"}]}"),
        SourceFile.of("b.avsc", "{\"type\":\"record\",\"name\":\"B\",\"namespace\":\"x\",\"fields\":[{\"name\":\"b\",\"type\":\"int\",\"default\":\"nope\"}]}"),
        SourceFile.of("c.avsc", "{\"type\":\"record\",\"name\":\"C\",\"namespace\":\"x\",\"fields\":[{\"name\":\"c\",\"type\":\"long\"},{\"name\":\"c\",\"type\":\"int\"}]}"),
        SourceFile.of("uses-a.avsc", "{\"type\":\"record\",\"name\":\"U\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":\"x.A\"}]}"),
        SourceFile.of("fine.avsc", "{\"type\":\"record\",\"name\":\"F\",\"namespace\":\"x\",\"fields\":[]}"));
    assertThatThrownBy(() -> new AvroContractParser().parseAll(files)).isInstanceOfSatisfying(ContractException.class,
        e -> assertThat(e.diagnostics()).extracting(d -> d.file() + " " + d.ruleId()).containsExactlyInAnyOrder(
            "a.avsc UNKNOWN_TYPE", "b.avsc INVALID_SCHEMA", "c.avsc INVALID_SCHEMA"));
  }

  @Test
  void sourceFilesAreReadDefensively(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.avsc"), "  \n");
    assertThat(failure(() -> SourceFile.read(empty, "empty.avsc", "empty.avsc")).ruleId())
        .isEqualTo(ParseErrors.FILE_EMPTY);

    Path binary = Files.write(dir.resolve("bin.proto"), new byte[] {'a', '\n', 0, 1, 2});
    Diagnostic bin = failure(() -> SourceFile.read(binary, "bin.proto", "bin.proto"));
    assertThat(bin.format()).startsWith("bin.proto:2 FILE_NOT_TEXT");

    Path latin1 = Files.write(dir.resolve("l.avsc"), "{\"doc\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(failure(() -> SourceFile.read(latin1, "l.avsc", "l.avsc")).message()).contains("invalid UTF-8");

    Path big = Files.write(dir.resolve("big.avsc"), new byte[2048]);
    assertThat(failure(() -> SourceFile.read(big, "big.avsc", "big.avsc", 1024)).ruleId())
        .isEqualTo(ParseErrors.FILE_TOO_LARGE);

    assertThat(failure(() -> SourceFile.read(dir.resolve("nope.avsc"), "nope.avsc", "nope.avsc")).ruleId())
        .isEqualTo(ParseErrors.FILE_UNREADABLE);
  }

  @Test
  void identicalCopiesOfANamedTypeInSelfContainedFilesAreOneType() {
    // one file per topic, each inlining Money, as repositories that register each topic on its own do
    String paid = """
        {"type": "record", "name": "OrderPaid", "namespace": "acme.orders",
         "fields": [{"name": "amount", "type": %s}]}
        """.formatted(MONEY);
    String refunded = paid.replace("OrderPaid", "OrderRefunded");
    String usesByName = ORDER;
    List<Contract> parsed = new AvroContractParser().parseAll(List.of(SourceFile.of("paid.avsc", paid),
        SourceFile.of("refunded.avsc", refunded), SourceFile.of("order.avsc", usesByName)));
    assertThat(parsed).extracting(c -> c.avro().schema().getName())
        .containsExactly("OrderPaid", "OrderRefunded", "OrderCreated");
    assertThat(parsed.get(0).references()).isEmpty(); // its own copy, not the other file's
    assertThat(parsed.get(2).references()).extracting(ContractReference::name).containsExactly("acme.common.Money");
  }

  @Test
  void avroFilesWithCommentsParseAsApacheAvroParsesThem() {
    String licensed = """
        /*
         * Licensed to the Apache Software Foundation (ASF) under one
         */
        {
          "type": "record", "name": "Trip", "namespace": "example", // the record
          "fields": [{"name": "id", "type": "string"}]
        }
        """;
    Contract trip = new AvroContractParser().parse(SourceFile.of("trip.avsc", licensed));
    assertThat(trip.avro().schema().getFullName()).isEqualTo("example.Trip");
    assertThat(trip.avro().locations().commented()).isTrue();
    assertThat(trip.avro().locations().find("/fields/0").line()).isEqualTo(6);
    assertThat(new AvroContractParser().parse(SourceFile.of("m.avsc", MONEY)).avro().locations().commented()).isFalse();

    // a real syntax error in a commented file is still reported where it is
    Diagnostic d = failure(() -> new AvroContractParser().parse(SourceFile.of("bad.avsc",
        "/* licence */\n{\"type\": \"record\",\n \"name\": \"X\"\n \"fields\": []}")));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.SYNTAX_ERROR);
    assertThat(d.line()).isEqualTo(4);
  }

  @Test
  void jsonErrorsCarryNoParserInternals() {
    Diagnostic d = failure(() -> new AvroContractParser().parse(SourceFile.of("cut.avsc",
        "{\"type\": \"record\", \"name\": \"X\", \"fields\": [")));
    assertThat(d.ruleId()).isEqualTo(ParseErrors.SYNTAX_ERROR);
    assertThat(d.message()).doesNotContain("Source:").doesNotContain("REDACTED").doesNotContain("StreamReadFeature");
  }

  @Test
  void aProto2GroupIsAFindingAtItsLineNotAnInternalError() {
    String text = """
        syntax = "proto2";
        package g;
        message SearchResponse {
          repeated group Result = 1 {
            required string url = 2;
          }
          oneof choice {
            group Other = 3 { optional int32 x = 4; }
          }
        }
        """;
    assertThatThrownBy(() -> new ProtobufContractParser().parse(SourceFile.of("g.proto", text)))
        .isInstanceOfSatisfying(ContractException.class, e -> assertThat(e.diagnostics())
            .extracting(x -> x.file() + ":" + x.line() + ":" + x.column() + " " + x.ruleId())
            .containsExactly("g.proto:4:3 UNSUPPORTED_FEATURE", "g.proto:8:5 UNSUPPORTED_FEATURE"));
  }

  @Test
  void theCanonicalFormKeepsTheEscapesOfStringOptionsSoItMeansWhatTheFileMeans() {
    // as googleapis writes it: option php_namespace = "Google\\Cloud\\Logging\\Type";
    String text = """
        syntax = "proto2";
        package g;
        option php_namespace = "Google\\\\Cloud\\\\Logging";
        message M {
          optional string quote = 1 [default = "say \\"hi\\"\\n"];
          optional string path = 2 [json_name = "a\\\\b"];
        }
        """;
    Contract file = new ProtobufContractParser().parse(SourceFile.of("g.proto", text));
    String canonical = file.parsed().canonicalForm();
    assertThat(canonical).contains("option php_namespace = \"Google\\\\Cloud\\\\Logging\";");
    // read again, the canonical text is the same schema: same options, same fingerprint
    Contract again = new ProtobufContractParser().parse(SourceFile.of("g.proto", canonical));
    assertThat(again.parsed().canonicalForm()).isEqualTo(canonical);
    assertThat(again.fingerprint()).isEqualTo(file.fingerprint());
    assertThat(again.protobuf().file().toElement().getOptions().stream()
        .filter(o -> o.getName().equals("php_namespace")).findFirst().orElseThrow().getValue())
        .isEqualTo("Google\\Cloud\\Logging");
  }
}
