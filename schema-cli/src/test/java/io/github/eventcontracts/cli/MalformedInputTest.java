package io.github.eventcontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gives exit 2 and one line naming file and line: never a stack trace. */
class MalformedInputTest {
  private static final Pattern ONE_LINE_WITH_POSITION = Pattern.compile("\\S+\\.(proto|avsc):\\d+(:\\d+)? [A-Z_]+ .+\\n");
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private void assertBadInput(String type, Path newFile, String rule, String... roots) throws Exception {
    Path old = type.equals("PROTOBUF")
        ? write("old/ok.proto", "syntax = \"proto3\";\npackage acme;\nmessage Order { string id = 1; }\n")
        : write("old/ok.avsc", "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":[]}");
    String[] base = {"compat", "--type", type, "--old", old.toString(), "--new", newFile.toString()};
    String[] args = new String[base.length + roots.length * 2];
    System.arraycopy(base, 0, args, 0, base.length);
    for (int i = 0; i < roots.length; i++) {
      args[base.length + 2 * i] = "--new-root";
      args[base.length + 2 * i + 1] = roots[i];
    }
    CliRun run = CliRun.of(args);
    assertThat(run.exit()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
    assertThat(run.err()).matches(ONE_LINE_WITH_POSITION).contains(newFile.getFileName().toString()).contains(rule)
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void protoSyntaxError() throws Exception {
    assertBadInput("PROTOBUF", write("new/o.proto", "syntax = \"proto3\";\nmessage Order {\n  string id = ;\n}\n"),
        "SYNTAX_ERROR");
  }

  @Test
  void protoNestedTwentyThousandDeep() throws Exception {
    StringBuilder text = new StringBuilder("syntax = \"proto3\";\npackage deep;\n");
    for (int i = 0; i < 20_000; i++) {
      text.append("message M").append(i).append(" {\n");
    }
    text.append("}\n".repeat(20_000));
    assertBadInput("PROTOBUF", write("new/deep.proto", text.toString()), "NESTING_TOO_DEEP");
  }

  @Test
  void avroSyntaxError() throws Exception {
    assertBadInput("AVRO", write("new/o.avsc", "{\"type\": \"record\",\n \"name\": \"Order\",,\n}"), "SYNTAX_ERROR");
  }

  @Test
  void protoUnknownType() throws Exception {
    assertBadInput("PROTOBUF", write("new/o.proto", "syntax = \"proto3\";\nmessage Order {\n  Money total = 1;\n}\n"),
        "UNKNOWN_TYPE");
  }

  @Test
  void avroUnknownType() throws Exception {
    assertBadInput("AVRO", write("new/o.avsc",
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\n\"fields\":[{\"name\":\"t\",\"type\":\"Money\"}]}"),
        "UNKNOWN_TYPE");
  }

  @Test
  void missingImport() throws Exception {
    assertBadInput("PROTOBUF", write("new/o.proto", "syntax = \"proto3\";\nimport \"acme/money.proto\";\n"),
        "IMPORT_NOT_FOUND", dir.resolve("new").toString());
  }

  @Test
  void cyclicImport() throws Exception {
    write("new/b.proto", "syntax = \"proto3\";\nimport \"a.proto\";\n");
    assertBadInput("PROTOBUF", write("new/a.proto", "syntax = \"proto3\";\nimport \"b.proto\";\n"), "IMPORT_CYCLE",
        dir.resolve("new").toString());
  }

  @Test
  void emptyFile() throws Exception {
    assertBadInput("PROTOBUF", write("new/o.proto", ""), "FILE_EMPTY");
    assertBadInput("AVRO", write("new/o.avsc", "\n\n"), "FILE_EMPTY");
  }

  @Test
  void binaryGarbage() throws Exception {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Path file = dir.resolve("new/o.proto");
    Files.createDirectories(file.getParent());
    Files.write(file, garbage);
    assertBadInput("PROTOBUF", file, "FILE_NOT_TEXT");
  }

  @Test
  void tenMegabyteFile() throws Exception {
    Path file = dir.resolve("new/huge.avsc");
    Files.createDirectories(file.getParent());
    byte[] text = "{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}\n".repeat(250_000).getBytes(StandardCharsets.UTF_8);
    Files.write(file, text);
    assertThat(Files.size(file)).isGreaterThan(10_000_000L);
    assertBadInput("AVRO", file, "FILE_TOO_LARGE");
  }

  @Test
  void invalidAvroDefault() throws Exception {
    assertBadInput("AVRO", write("new/o.avsc",
        "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":[\n{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}]}"),
        "INVALID_SCHEMA");
  }

  @Test
  void missingFile() {
    CliRun run = CliRun.of("compat", "--type", "AVRO", "--old", dir.resolve("nope.avsc").toString(), "--new",
        dir.resolve("nope2.avsc").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope.avsc FILE_UNREADABLE").contains("nope2.avsc FILE_UNREADABLE")
        .doesNotContain("Exception");
  }
}
