package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventcontracts.codegen.AvroOptions;
import io.github.eventcontracts.codegen.CatalogEntry;
import io.github.eventcontracts.codegen.CodeGenerator;
import io.github.eventcontracts.codegen.GenerateRequest;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.parse.ParseErrors;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Hudi's test schemas (hudi-common's test jar on Maven Central): 35 {@code .avsc} files,
 * each opening with the Apache licence in a comment, several versions of one record under one name
 * side by side, logical types valid and invalid.
 */
class HudiAvroTest {
  /** One file per record name: what a project registering them would keep in its schemas folder. */
  static final List<String> ONE_PER_TYPE = List.of("adaptable-payload.avsc", "complex.schema.avsc",
      "date-type.avsc", "decimal-logical-type.avsc", "duration-logical-type.avsc", "exampleSchema.avsc",
      "local-timestamp-logical-type.avsc", "nullRight.avsc", "simple-test.avsc", "source_evolved.avsc",
      "time-logical-type.avsc", "timestamp-logical-type2.avsc", "uuid-logical-type.avsc");

  /** Each later version of a record, under BACKWARD, against the file Hudi evolves it from. */
  static final Map<String, String> EVOLUTIONS = new LinkedHashMap<>();

  static {
    // adds 'added_field' ["int","null"] with no default: new readers cannot read old records
    EVOLUTIONS.put("exampleSchema.avsc -> exampleEvolvedSchema.avsc",
        "0 compatible; exampleEvolvedSchema-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    // the same added field, fields reordered (order alone is compatible)
    EVOLUTIONS.put("exampleSchema.avsc -> exampleEvolvedSchemaChangeOrder.avsc",
        "0 compatible; exampleEvolvedSchemaChangeOrder-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    // adds 'added_field' as a required int
    EVOLUTIONS.put("exampleSchema.avsc -> exampleEvolvedSchemaColumnRequire.avsc",
        "0 compatible; exampleEvolvedSchemaColumnRequire-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    // 'number' from ["int","null"] to ["string","null"]: old ints have no branch to land in
    EVOLUTIONS.put("exampleSchema.avsc -> exampleEvolvedSchemaColumnType.avsc",
        "0 compatible; exampleEvolvedSchemaColumnType-value: 1 breaking (MISSING_UNION_BRANCH)");
    EVOLUTIONS.put("exampleSchema.avsc -> exampleEvolvedSchemaDeleteColumn.avsc", "1 compatible");
    EVOLUTIONS.put("exampleSchema.avsc -> exampleSchemaWithMetaFields.avsc", "1 compatible");
    // adds 'driver' (a nullable record) without a default
    EVOLUTIONS.put("exampleSchema.avsc -> exampleSchemaWithUDT.avsc",
        "0 compatible; exampleSchemaWithUDT-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    EVOLUTIONS.put("simple-test.avsc -> simple-test-doced.avsc", "1 compatible");
    EVOLUTIONS.put("simple-test.avsc -> simple-test-evolved.avsc", "1 compatible");
    EVOLUTIONS.put("simple-test.avsc -> simple-test-evolved-compatible.avsc", "1 compatible");
    // adds 'createTimeDecimal' without a default (dropping timestamp-micros from a long is compatible)
    EVOLUTIONS.put("timestamp-logical-type.avsc -> timestamp-test-evolved.avsc",
        "0 compatible; timestamp-test-evolved-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    EVOLUTIONS.put("nullRight.avsc -> nullWrong.avsc", "1 compatible");
    // logical types do not take part in Avro's schema resolution: an invalid one reads the same data
    EVOLUTIONS.put("date-type.avsc -> date-type-invalid.avsc", "1 compatible");
    EVOLUTIONS.put("decimal-logical-type.avsc -> decimal-logical-type-zero-scale.avsc", "1 compatible");
    EVOLUTIONS.put("decimal-logical-type.avsc -> decimal-logical-type-invalid.avsc", "1 compatible");
    // the decimal moved from bytes to a fixed(4)
    EVOLUTIONS.put("decimal-logical-type.avsc -> decimal-logical-type-fixed-type.avsc",
        "0 compatible; decimal-logical-type-fixed-type-value: 1 breaking (TYPE_MISMATCH)");
    // the Duration fixed grew from 12 to 16 bytes
    EVOLUTIONS.put("duration-logical-type.avsc -> duration-logical-type-invalid.avsc",
        "0 compatible; duration-logical-type-invalid-value: 1 breaking (FIXED_SIZE_MISMATCH)");
    // two fields replaced by one new 'timestamp' field without a default
    EVOLUTIONS.put("local-timestamp-logical-type.avsc -> local-timestamp-micros-logical-type.avsc",
        "0 compatible; local-timestamp-micros-logical-type-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
    EVOLUTIONS.put("local-timestamp-logical-type.avsc -> local-timestamp-millis-logical-type.avsc",
        "0 compatible; local-timestamp-millis-logical-type-value: 1 breaking (READER_FIELD_MISSING_DEFAULT_VALUE)");
  }

  @TempDir static Path dir;
  static Path all;

  @BeforeAll
  static void unpack() {
    all = Corpora.unpack(Corpora.jar("hudi-common-" + Corpora.property("corpus.hudi.version") + "-tests.jar"),
        dir.resolve("all"), name -> name.endsWith(".avsc") && !name.contains("/"));
  }

  private static List<String> files() throws Exception {
    try (Stream<Path> list = Files.list(all)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyFileParsesWithItsLicenceBlockAndLintsWithoutErrors() throws Exception {
    List<String> files = files();
    assertThat(files).hasSize(35);
    for (String file : files) {
      assertThat(Files.readString(all.resolve(file))).as(file).startsWith("/*");
      Path alone = Files.createDirectories(dir.resolve("alone").resolve(file));
      Files.copy(all.resolve(file), alone.resolve(file));
      ContractProject project = Corpora.project(alone);
      assertThat(Corpora.errors(Corpora.lint(project))).as(file).isEmpty();
    }
  }

  @Test
  void theWholeFolderNamesEachDifferingRedefinitionWithBothFiles() {
    assertThatThrownBy(() -> Corpora.project(all)).isInstanceOfSatisfying(ContractException.class, e -> {
      TreeSet<String> types = new TreeSet<>();
      for (Diagnostic d : e.diagnostics()) {
        assertThat(d.ruleId()).as(d.format()).isEqualTo(ParseErrors.DUPLICATE_TYPE);
        assertThat(d.line()).as(d.format()).isPositive();
        assertThat(d.message()).as(d.format()).containsPattern("defined differently here and in schemas/[^ ]+\\.avsc:\\d+");
        types.add(d.message().replaceFirst("^type (\\S+) .*", "$1"));
      }
      // the records Hudi keeps several versions of (and types nested in them)
      assertThat(types).contains("example.schema.trip", "example.avro.User", "example.avro.date",
          "example.avro.decimalLogicalType", "example.avro.DurationRecord", "example.avro.localTimestampRecord",
          "SchemaNS.SchemaName");
    });
  }

  @Test
  void oneFilePerTypeRegistersAsCompactJsonRegistersAgainAsANoOpAndCompiles() throws Exception {
    List<String> excludes = new ArrayList<>(files());
    excludes.removeAll(ONE_PER_TYPE);
    ContractProject project = Corpora.project(all, excludes);
    assertThat(project.subjects()).hasSize(ONE_PER_TYPE.size());
    assertThat(Corpora.errors(Corpora.lint(project))).isEmpty();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      SubjectRegistrar registrar = new SubjectRegistrar(client, project, 2, false);
      SubjectRegistrar.Result result = registrar.apply(registrar.plan());
      assertThat(result.complete()).as(result.failed().toString()).isTrue();
      assertThat(result.registered()).allSatisfy(s -> assertThat(s.action()).isEqualTo(SubjectRegistrar.Action.NEW));
      assertThat(new SubjectRegistrar(client, project, 2, false).plan())
          .allSatisfy(s -> assertThat(s.action()).as(s.subject()).isEqualTo(SubjectRegistrar.Action.UNCHANGED));
      // what Confluent's tooling sends for a commented file: the compact JSON, which any registry reads
      for (String subject : client.subjects()) {
        String registered = client.latest(subject).schema().schema();
        assertThat(registered).as(subject).startsWith("{\"type\":\"record\"").doesNotContain("/*")
            .doesNotContain("Licensed");
        assertThat(new ObjectMapper().readTree(registered).isObject()).isTrue();
      }
    }
    // nullRight.avsc nests records in namespace SchemaNS.SchemaName beside record SchemaNS.SchemaName:
    // valid Avro, but no Java can hold both; generate says so before javac would fail
    assertThatThrownBy(() -> CodeGenerator.generate(new GenerateRequest(project, all, List.of(),
        dir.resolve("refused"), AvroOptions.DEFAULTS, null, null, null, null)))
        .isInstanceOf(io.github.eventcontracts.core.diag.UserInputException.class)
        .hasMessageContaining("SchemaNS.SchemaName.data1 (schemas/nullRight.avsc) is in namespace SchemaNS.SchemaName");
    excludes.add("nullRight.avsc");
    ContractProject generatable = Corpora.project(all, excludes);
    List<CatalogEntry> entries = CodeGenerator.generate(new GenerateRequest(generatable, all, List.of(),
        dir.resolve("generated"), AvroOptions.DEFAULTS, null, null, null, "corpus.hudi.EventCatalog"));
    assertThat(entries).hasSize(ONE_PER_TYPE.size() - 1).allSatisfy(e -> assertThat(e.javaClass()).isNotNull());
    try (var classes = Javac.compile(dir.resolve("generated"), dir.resolve("classes"))) {
      for (CatalogEntry entry : entries) {
        assertThat(classes.loadClass(entry.javaClass())).as(entry.subject()).isNotNull();
      }
    }
  }

  @Test
  void everyEvolutionHasItsPinnedVerdictFromAFolderAndFromTheRegistry() throws Exception {
    Map<String, String> found = new LinkedHashMap<>();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      for (String pair : EVOLUTIONS.keySet()) {
        String from = pair.substring(0, pair.indexOf(" -> "));
        String to = pair.substring(pair.indexOf(" -> ") + 4);
        // one subject per pair: both versions under the later file's name
        Path base = Files.createDirectories(dir.resolve("evolution").resolve(to).resolve("base"));
        Path head = Files.createDirectories(dir.resolve("evolution").resolve(to).resolve("head"));
        Files.copy(all.resolve(from), base.resolve(to));
        Files.copy(all.resolve(to), head.resolve(to));
        ContractProject before = Corpora.project(base);
        new SubjectRegistrar(client, before, 1, false).apply(new SubjectRegistrar(client, before, 1, false).plan());

        ContractProject project = Corpora.project(head);
        CheckReport folder = new ProjectChecker().check(project, FolderBaseline.of(base, List.of(), project.request()),
            List.of());
        CheckReport registered = new ProjectChecker().check(project,
            new RegistryBaseline(client, registry.url(), project, w -> { }), List.of());
        assertThat(Corpora.summary(registered)).as(pair).isEqualTo(Corpora.summary(folder));
        SubjectCheck check = registered.subjects().get(0);
        assertThat(check.remote().orElseThrow().compatible()).as(pair).isEqualTo(check.result().compatible());
        found.put(pair, Corpora.summary(folder));
      }
    }
    assertThat(found).containsExactlyEntriesOf(EVOLUTIONS);
  }
}
