package io.github.eventcontracts.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {
  @TempDir Path tmp;
  CheckReport report;

  @BeforeEach
  void brokenChange() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Path head = Files.createDirectories(tmp.resolve("head"));
    String order = "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"acme\",\"fields\":[\n"
        + "{\"name\":\"id\",\"type\":\"string\"}]}";
    Files.writeString(base.resolve("order.avsc"), order);
    Files.writeString(head.resolve("order.avsc"), order.replace("}]}", "},\n{\"name\":\"total\",\"type\":\"long\"},\n"
        + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}"));
    Files.writeString(head.resolve("new.proto"), "syntax = \"proto3\";\npackage acme;\nmessage Refund { string id = 1; }\n");
    ContractProject project = ContractProject.load(new ProjectRequest(head, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    List<Diagnostic> lint = List.of(new Diagnostic("AVRO_RECORD_DOC", Severity.WARNING, "schemas/order.avsc", 1, 1,
        "/name", "record acme.Order has no \"doc\", 100% sure"));
    report = new ProjectChecker().check(project, FolderBaseline.of(base), lint);
  }

  @Test
  void markdownHasTheTableTheBreakingDifferenceAndTheFix() {
    String md = MarkdownReport.render(report);
    assertThat(md).contains("❌ 1 of 2 subject(s) break compatibility")
        .contains("| `schemas/order.avsc` | `order-value` | CHANGED | BACKWARD | ❌ incompatible (1) |")
        .contains("| `schemas/new.proto` | `new-value` | NEW | BACKWARD | ✅ new |")
        .contains("- **`schemas/order.avsc:3:1`** field 'total' of the new schema has no default")
        .contains("  - Breaks: consumers on the new schema cannot read data written with ")
        .contains("  - `READER_FIELD_MISSING_DEFAULT_VALUE` at `/fields/1`")
        .contains("add a \"default\"")
        .contains("### Lint");
    // Avro's check lists only what breaks; the review lists every edit
    assertThat(md).contains("Compatible changes (2)")
        .contains("`schemas/order.avsc:3:1` `AVRO_FIELD_ADDED` field 'total' added to acme.Order without a default")
        .contains("`schemas/order.avsc:4:1` `AVRO_FIELD_ADDED` field 'note' added to acme.Order with a default");
  }

  @Test
  void oneEditFoundInBothDirectionsAndAgainstSeveralVersionsIsOneBulletSayingWhoBreaks() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base-full"));
    Path head = Files.createDirectories(tmp.resolve("head-full"));
    String proto = "syntax = \"proto3\";\npackage acme;\nmessage Order {\n  string id = 1;\n  string amount = 2;\n}\n";
    Files.writeString(base.resolve("order.proto"), proto);
    Files.writeString(head.resolve("order.proto"), proto.replace("string amount", "int64 amount"));
    ContractProject project = ContractProject.load(new ProjectRequest(head, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.FULL, List.of(), List.of()));
    String md = MarkdownReport.render(new ProjectChecker().check(project, FolderBaseline.of(base), List.of()));
    assertThat(md).containsOnlyOnce("field 'amount' changed")
        .contains("- **`schemas/order.proto:5:3`** field 'amount' changed from string to int64 (incompatible under FULL)")
        .contains("consumers on the new schema cannot read data written with ")
        .contains("consumers still on ")
        .doesNotContain("from int64 to string");
  }

  @Test
  void sarifIsTwoPointOneWithLocatedResults() throws Exception {
    JsonNode sarif = new ObjectMapper().readTree(SarifReport.render(report, "1.0"));
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    JsonNode first = run.get("results").get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(first.get("level").asText()).isEqualTo("error");
    JsonNode physical = first.get("locations").get(0).get("physicalLocation");
    assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("schemas/order.avsc");
    assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(3);
    assertThat(run.get("tool").get("driver").get("rules").get(first.get("ruleIndex").asInt()).get("id").asText())
        .isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void junitXmlParsesWithOneFailure() throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(JUnitReport.render(report).getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("2");
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("failure").item(0).getTextContent())
        .contains("schemas/order.avsc:3:1 READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void jsonAndAnnotations() throws Exception {
    JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));
    assertThat(json.get("compatible").asBoolean()).isFalse();
    assertThat(json.get("subjects")).hasSize(2);
    List<String> annotations = GitHubAnnotations.render(report);
    assertThat(annotations.get(0)).startsWith("::error file=schemas/order.avsc,line=3,col=1,title=READER_FIELD_MISSING_DEFAULT_VALUE::")
        .doesNotContain("\n");
    assertThat(annotations).anySatisfy(a -> assertThat(a).startsWith("::warning ").contains("100%25 sure"));
    assertThat(annotations).noneMatch(a -> a.contains("FIELD_ADDED")); // compatible differences are not annotated
  }

  @Test
  void writesEveryFormatWithTheReviewInIt() throws Exception {
    List<Path> files = ReviewWriter.write(report, tmp.resolve("out"), "1.0");
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyElementsOf(ReviewWriter.FILES);
    // each file is its renderer's output for this report, and says what broke where
    assertThat(java.nio.file.Files.readString(files.get(0))).isEqualTo(MarkdownReport.render(report))
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("schemas/order.avsc:3");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var sarif = json.readTree(files.get(1).toFile());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("runs").path(0).path("results")).anySatisfy(r -> assertThat(r.path("ruleId").asText())
        .isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE"));
    assertThat(json.readTree(files.get(2).toFile())).isEqualTo(json.readTree(JsonReport.render(report)));
    assertThat(java.nio.file.Files.readString(files.get(3))).isEqualTo(JUnitReport.render(report)).contains("<failure");
  }
}
