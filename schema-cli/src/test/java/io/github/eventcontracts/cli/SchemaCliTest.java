package io.github.eventcontracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.review.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCliTest {
  @TempDir Path dir;

  private static final String ORDERS_V1 = """
      syntax = "proto3";
      package acme.orders;

      message Order {
        string id = 1;
        string customer = 2;
        string amount = 3;
      }
      """;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void compatibleProtobufChangeExitsZero() throws Exception {
    Path v1 = write("v1/orders.proto", ORDERS_V1);
    Path v2 = write("v2/orders.proto", ORDERS_V1.replace("string amount = 3;", "string amount = 3;\n  string note = 4;"));
    CliRun run = CliRun.of("compat", "--type", "PROTOBUF", "--old", v1.toString(), "--new", v2.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("FIELD_ADDED #/Order/4").contains("compatible under BACKWARD");
  }

  @Test
  void incompatibleProtobufChangeReadsLikeACompiler() throws Exception {
    Path v1 = write("v1/orders.proto", ORDERS_V1);
    Path v2 = write("v2/orders.proto", ORDERS_V1.replace("string amount = 3;", "int64 amount = 3;"));
    CliRun run = CliRun.of("compat", "--type", "PROTOBUF", "--old", v1.toString(), "--new", v2.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains(v2 + ":7:3 FIELD_SCALAR_KIND_CHANGED #/Order/3 field 'amount' changed from "
        + "string to int64 (incompatible under BACKWARD)");
  }

  @Test
  void transitiveLevelsReadEveryOldVersionAndJsonListsAllDifferences() throws Exception {
    Path v1 = write("v1/orders.proto", ORDERS_V1);
    Path v2 = write("v2/orders.proto", ORDERS_V1.replace("  string amount = 3;\n", ""));
    Path v3 = write("v3/orders.proto", ORDERS_V1.replace("string amount = 3;", "int64 amount = 3;"));
    CliRun plain = CliRun.of("compat", "--type", "protobuf", "--level", "BACKWARD", "--old", v1.toString(),
        "--old", v2.toString(), "--new", v3.toString(), "--format", "json");
    assertThat(plain.exit()).isZero();
    CliRun transitive = CliRun.of("compat", "--type", "protobuf", "--level", "backward_transitive", "--old",
        v1.toString(), "--old", v2.toString(), "--new", v3.toString(), "--format", "json");
    assertThat(transitive.exit()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(transitive.out());
    assertThat(json.get("compatible").asBoolean()).isFalse();
    assertThat(json.get("level").asText()).isEqualTo("BACKWARD_TRANSITIVE");
    assertThat(json.get("differences")).hasSize(2);
    JsonNode breaking = json.get("differences").get(1);
    assertThat(breaking.get("type").asText()).isEqualTo("FIELD_SCALAR_KIND_CHANGED");
    assertThat(breaking.get("compatible").asBoolean()).isFalse();
    assertThat(breaking.get("file").asText()).isEqualTo(v3.toString());
    assertThat(breaking.get("line").asInt()).isEqualTo(7);
    assertThat(json.get("differences").get(0).get("type").asText()).isEqualTo("FIELD_ADDED");
  }

  @Test
  void avroWithReferencedTypesFromRoots() throws Exception {
    String money = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"units\",\"type\":\"long\"}]}";
    String order = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\n\"fields\":[{\"name\":\"total\",\"type\":\"Money\"}]}";
    write("old/money.avsc", money);
    Path oldOrder = write("old/order.avsc", order);
    write("new/money.avsc", money.replace("\"long\"", "\"string\""));
    Path newOrder = write("new/order.avsc", order);
    CliRun run = CliRun.of("compat", "--type", "AVRO", "--old", oldOrder.toString(), "--old-root",
        dir.resolve("old").toString(), "--new", newOrder.toString(), "--new-root", dir.resolve("new").toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains(newOrder + ":2:").contains("TYPE_MISMATCH /fields/0/type/fields/0/type");
  }

  @Test
  void transitiveAvroVersionsEachTakeTheSharedTypeBesideThemAndTheTypeComesFromTheExtension() throws Exception {
    String money = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"units\",\"type\":\"long\"}]}";
    String order = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\n\"fields\":[{\"name\":\"total\",\"type\":\"Money\"}]}";
    // v1's Money has units as string, v2 and the new one as long: a break against v1 only
    write("history/v1/money.avsc", money.replace("\"long\"", "\"string\""));
    Path v1 = write("history/v1/order.avsc", order);
    write("history/v2/money.avsc", money);
    Path v2 = write("history/v2/order.avsc", order);
    write("head/money.avsc", money);
    Path head = write("head/order.avsc", order);
    // one root holding both old versions of money.avsc: each old order takes the Money beside it
    String root = dir.resolve("history").toString();
    CliRun latest = CliRun.of("compat", "--old", v1.toString(), "--old", v2.toString(), "--old-root", root,
        "--new", head.toString());
    assertThat(latest.exit()).as(latest.err() + latest.out()).isZero();
    CliRun transitive = CliRun.of("compat", "--level", "BACKWARD_TRANSITIVE", "--old", v1.toString(), "--old",
        v2.toString(), "--old-root", root, "--new", head.toString());
    assertThat(transitive.exit()).as(transitive.err() + transitive.out()).isEqualTo(1);
    assertThat(transitive.out()).contains("TYPE_MISMATCH /fields/0/type/fields/0/type");
  }

  @Test
  void aFileOfUnknownKindNeedsType() throws Exception {
    Path old = write("a/orders.txt", ORDERS_V1);
    Path next = write("b/orders.txt", ORDERS_V1);
    CliRun run = CliRun.of("compat", "--old", old.toString(), "--new", next.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("orders.txt").contains("--type");
  }

  @Test
  void folderCheckMatchesByRelativePathAndNewFilesPass() throws Exception {
    write("base/orders/orders.proto", ORDERS_V1);
    write("base/gone.proto", "syntax = \"proto3\";\npackage acme;\nmessage Gone { string id = 1; }\n");
    write("head/orders/orders.proto", ORDERS_V1.replace("string amount = 3;", "int64 amount = 3;"));
    write("head/refund.avsc", "{\"type\":\"record\",\"name\":\"Refund\",\"namespace\":\"acme\",\"fields\":[]}");
    CliRun run = CliRun.of("check", "--against", dir.resolve("base").toString(), dir.resolve("head").toString());
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("INCOMPATIBLE +\\S*head/orders/orders.proto")
        .containsPattern("NEW +\\S*head/refund.avsc")
        .containsPattern("REMOVED +\\S*base/gone.proto")
        .contains("check: 2 contract(s), 1 incompatible, 1 changed, 1 new, 1 removed");

    CliRun same = CliRun.of("check", "--against", dir.resolve("base").toString(), dir.resolve("base").toString());
    assertThat(same.exit()).isZero();
    assertThat(same.out()).contains("0 incompatible");
  }

  @Test
  void checkIsThePluginsPipelineSidecarLevelsIncluded() throws Exception {
    String v1 = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    write("base/orders.avsc", v1);
    write("head/orders.avsc", v1.replace("\"string\"", "\"long\""));
    write("head/orders.avsc.properties", "compatibility=NONE\n");
    CliRun run = CliRun.of("check", "--against", dir.resolve("base").toString(), dir.resolve("head").toString());
    assertThat(run.exit()).as(run.out() + run.err()).isZero(); // the sidecar says NONE, as schema:check reads it
    assertThat(run.out()).containsPattern("COMPATIBLE +\\S*head/orders.avsc \\(orders-value, NONE\\)");

    // the same JSON the plugin writes as report.json, from the same pipeline
    CliRun json = CliRun.of("check", "--format", "json", "--against", dir.resolve("base").toString(),
        dir.resolve("head").toString());
    ContractProject project = ContractProject.load(new ProjectRequest(dir.resolve("head"), dir.resolve("head").toString(),
        List.of(), List.of(), SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    String plugin = JsonReport.render(new ProjectChecker().check(project, FolderBaseline.of(dir.resolve("base")),
        List.of()));
    assertThat(json.out().strip()).isEqualTo(plugin.strip());
  }

  @Test
  void lintReportsFindingsAndFailsOnErrors() throws Exception {
    write("s/order.proto", "syntax = \"proto3\";\nmessage order { string orderId = 1; }\n");
    CliRun run = CliRun.of("lint", dir.resolve("s").toString());
    assertThat(run.exit()).isEqualTo(1); // PROTO_PACKAGE_DEFINED is an error
    assertThat(run.out()).contains("PROTO_PACKAGE_DEFINED").contains("order.proto:2:1 PROTO_MESSAGE_PASCAL_CASE")
        .contains("PROTO_FIELD_LOWER_SNAKE_CASE");
    CliRun relaxed = CliRun.of("lint", "--disable", "PROTO_PACKAGE_DEFINED", dir.resolve("s").toString());
    assertThat(relaxed.exit()).isZero();
    CliRun strict = CliRun.of("lint", "--disable", "PROTO_PACKAGE_DEFINED", "--fail-on", "warning",
        dir.resolve("s").toString());
    assertThat(strict.exit()).isEqualTo(1);
    assertThat(CliRun.of("lint", "--list-rules").out()).contains("AVRO_NO_JAVA_STRING_PROP");
  }

  @Test
  void badArgumentsExitTwoWithUsageHint() {
    CliRun run = CliRun.of("compat", "--type", "XML", "--old", "a", "--new", "b");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("unknown schema type 'XML'").doesNotContain("Exception");
    assertThat(CliRun.of("compat", "--type", "AVRO", "--level", "SOMETIMES", "--old", "a", "--new", "b").err())
        .contains("unknown compatibility level 'SOMETIMES'");
    assertThat(CliRun.of("nope").exit()).isEqualTo(2);
  }

  @Test
  void compatLoadsOnlyWhatTheGivenFilesNeedAndSaysEachProblemOnce() throws Exception {
    Path ok = write("c/ok.avsc", "{\"type\":\"record\",\"name\":\"Ok\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Files.write(dir.resolve("c/garbage.avsc"), new byte[] {0, 1, 2});
    write("c/cut.avsc", "{\"type\": \"record\", \"fields\": [");
    CliRun run = CliRun.of("compat", "--old", ok.toString(), "--new", ok.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("compatible under BACKWARD");

    Path broken = write("d/broken.avsc", "{\"type\": \"record\", \"name\": \"B\", \"fields\": [");
    CliRun bad = CliRun.of("compat", "--old", broken.toString(), "--new", broken.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().lines().filter(l -> l.contains("SYNTAX_ERROR")).count()).isEqualTo(1);
    assertThat(bad.err()).doesNotContain("Source:").doesNotContain("StreamReadFeature");
  }
}
