package io.github.eventcontracts.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.parse.AvroContractParser;
import io.github.eventcontracts.core.parse.ProtobufContractParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {
  private final CompatibilityChecker checker = new CompatibilityChecker();

  private static Contract proto(String file, String text) {
    return new ProtobufContractParser().parse(SourceFile.of(file, text));
  }

  private static Contract avro(String file, String text) {
    return new AvroContractParser().parse(SourceFile.of(file, text));
  }

  @Test
  void changingTheSchemaTypeIsIncompatibleEvenUnderFull() {
    Contract old = avro("v1/order.avsc", "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"a\",\"fields\":[]}");
    Contract next = proto("v2/order.proto", "syntax = \"proto3\";\npackage a;\nmessage Order {}\n");
    CompatibilityResult result = checker.check(CompatibilityLevel.FULL, List.of(old), next);
    assertThat(result.compatible()).isFalse();
    assertThat(result.differences()).extracting(d -> d.type().id()).containsOnly("SCHEMA_TYPE_CHANGED");
    assertThat(result.differences()).allSatisfy(d -> assertThat(d.file()).isEqualTo("v2/order.proto"));
  }

  @Test
  void protobufDifferencesPointIntoTheNewFileEvenForForwardChecks() {
    Contract old = proto("v1/o.proto", "syntax = \"proto3\";\npackage a;\nmessage Order {\n  string id = 1;\n}\n");
    Contract next = proto("v2/o.proto",
        "syntax = \"proto3\";\npackage a;\n\nmessage Order {\n  string id = 1;\n  int64 total = 2;\n}\n");
    for (CompatibilityLevel level : List.of(CompatibilityLevel.BACKWARD, CompatibilityLevel.FORWARD)) {
      Difference d = checker.check(level, List.of(old), next).differences().get(0);
      assertThat(d.file()).isEqualTo("v2/o.proto");
      assertThat(d.line()).isEqualTo(6);
      assertThat(d.column()).isEqualTo(3);
    }
  }

  @Test
  void removedElementsPointIntoTheOldFile() {
    Contract old = proto("v1/o.proto", "syntax = \"proto3\";\npackage a;\nmessage Order {\n  string id = 1;\n  string note = 2;\n}\n");
    Contract next = proto("v2/o.proto", "syntax = \"proto3\";\npackage a;\nmessage Order { string id = 1; }\n");
    Difference d = checker.check(CompatibilityLevel.BACKWARD, List.of(old), next).differences().get(0);
    assertThat(d.type()).isEqualTo(ProtobufDifferenceType.FIELD_REMOVED);
    assertThat(d.file()).isEqualTo("v1/o.proto");
    assertThat(d.line()).isEqualTo(5);
  }

  @Test
  void avroDifferencesCarryTheNewFilesLine() {
    Contract old = avro("v1/o.avsc", "{\"type\":\"record\",\"name\":\"O\",\"namespace\":\"a\",\"fields\":[\n"
        + "{\"name\":\"id\",\"type\":\"string\"}]}");
    Contract next = avro("v2/o.avsc", "{\"type\":\"record\",\"name\":\"O\",\"namespace\":\"a\",\"fields\":[\n"
        + "{\"name\":\"id\",\"type\":\"string\"},\n\n{\"name\":\"total\",\"type\":\"long\"}]}");
    Difference d = checker.check(CompatibilityLevel.BACKWARD, List.of(old), next).differences().get(0);
    assertThat(d.type()).isEqualTo(AvroDifferenceType.READER_FIELD_MISSING_DEFAULT_VALUE);
    assertThat(d.file()).isEqualTo("v2/o.avsc");
    assertThat(d.line()).isEqualTo(4);
    assertThat(d.message()).contains("'total'").contains("no default");
    assertThat(d.toDiagnostic(CompatibilityLevel.BACKWARD).format())
        .startsWith("v2/o.avsc:4:1 READER_FIELD_MISSING_DEFAULT_VALUE /fields/1 ")
        .endsWith("(incompatible under BACKWARD)");
  }

  @Test
  void transitiveLevelsCompareWithEveryVersionNewestFirst() {
    Contract v1 = proto("v1.proto", "syntax = \"proto3\";\nmessage O { string a = 1; }\n");
    Contract v2 = proto("v2.proto", "syntax = \"proto3\";\nmessage O { string a = 1; string b = 2; }\n");
    Contract v3 = proto("v3.proto", "syntax = \"proto3\";\nmessage O { string a = 1; string b = 2; string c = 3; }\n");
    CompatibilityResult full = checker.check(CompatibilityLevel.FULL_TRANSITIVE, List.of(v1, v2), v3);
    assertThat(full.comparisons()).extracting(c -> c.previousLabel() + " " + c.direction())
        .containsExactly("v2.proto BACKWARD", "v2.proto FORWARD", "v1.proto BACKWARD", "v1.proto FORWARD");
    assertThat(checker.check(CompatibilityLevel.FULL, List.of(v1, v2), v3).comparisons()).hasSize(2);
    assertThat(checker.check(CompatibilityLevel.NONE, List.of(v1, v2), v3).comparisons()).isEmpty();
    assertThat(checker.check(CompatibilityLevel.BACKWARD, List.of(), v3).compatible()).isTrue();
  }
}
