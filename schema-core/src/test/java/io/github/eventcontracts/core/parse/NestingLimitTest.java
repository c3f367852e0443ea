package io.github.eventcontracts.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.diag.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NestingLimitTest {
  static String nestedMessages(int depth) {
    StringBuilder text = new StringBuilder("syntax = \"proto3\";\npackage deep;\n");
    for (int i = 0; i < depth; i++) {
      text.append("message M").append(i).append(" {\n");
    }
    text.append("string leaf = 1;\n");
    text.append("}\n".repeat(depth));
    return text.toString();
  }

  static String nestedOption(int depth) {
    return "syntax = \"proto3\";\nimport \"google/protobuf/descriptor.proto\";\nmessage M {\n  string s = 1 [(x) = "
        + "{a: ".repeat(depth) + "1" + "}".repeat(depth) + "];\n}\n";
  }

  @ParameterizedTest
  @ValueSource(ints = {1_500, 20_000})
  void deeplyNestedMessagesAreAnErrorAtTheLineWhereTheLimitIsPassed(int depth) {
    SourceFile file = SourceFile.of("deep.proto", nestedMessages(depth));
    assertThatThrownBy(() -> new ProtobufContractParser().parse(file))
        .isInstanceOfSatisfying(ContractException.class, e -> {
          Diagnostic d = e.diagnostics().get(0);
          assertThat(d.ruleId()).isEqualTo(ParseErrors.NESTING_TOO_DEEP);
          assertThat(d.line()).isEqualTo(3 + NestingLimit.MAX_DEPTH);
          assertThat(d.format()).startsWith("deep.proto:" + (3 + NestingLimit.MAX_DEPTH) + ":");
        });
  }

  @Test
  void aDeepOptionLiteralIsAnError() {
    assertThatThrownBy(() -> new ProtobufContractParser().parse(SourceFile.of("opt.proto", nestedOption(30_000))))
        .isInstanceOfSatisfying(ContractException.class,
            e -> assertThat(e.diagnostics().get(0).ruleId()).isEqualTo(ParseErrors.NESTING_TOO_DEEP));
  }

  @Test
  void nestingUpToTheLimitParsesAndBracesInStringsAndCommentsDoNotCount() {
    // every level is there, down to the leaf field
    var deepest = new ProtobufContractParser().parse(SourceFile.of("ok.proto", nestedMessages(NestingLimit.MAX_DEPTH)))
        .protobuf().schema().getType("deep." + java.util.stream.IntStream.range(0, NestingLimit.MAX_DEPTH)
            .mapToObj(i -> "M" + i).collect(java.util.stream.Collectors.joining(".")));
    assertThat(deepest).isInstanceOfSatisfying(com.squareup.wire.schema.MessageType.class,
        m -> assertThat(m.getDeclaredFields()).extracting(f -> f.getName()).containsExactly("leaf"));
    String withNoise = "syntax = \"proto3\";\n// {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n"
        + "/* [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ */\n"
        + "message M { string s = 1 [json_name = \"" + "{".repeat(100) + "\"]; }\n";
    assertThat(new ProtobufContractParser().parse(SourceFile.of("noise.proto", withNoise)).protobuf().schema()
        .getType("M")).isInstanceOf(com.squareup.wire.schema.MessageType.class);
  }

  @Test
  void deeplyNestedAvroIsAnError() {
    String record = "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"n\",\"fields\":[{\"name\":\"f\",\"type\":";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      text.append(record.replace("\"R\"", "\"R" + i + "\""));
    }
    text.append("\"string\"").append("}]}".repeat(1_000));
    assertThatThrownBy(() -> new AvroContractParser(true).parse(SourceFile.of("deep.avsc", text.toString())))
        .isInstanceOfSatisfying(ContractException.class,
            e -> assertThat(e.diagnostics().get(0).ruleId()).isEqualTo(ParseErrors.NESTING_TOO_DEEP));
  }
}
