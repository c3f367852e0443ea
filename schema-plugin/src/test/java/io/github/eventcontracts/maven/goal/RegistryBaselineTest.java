package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.RemoteVerdict;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry baseline reads registered versions with their references and asks the registry too. */
class RegistryBaselineTest {
  static final String MONEY = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"it.common\","
      + "\"fields\":[{\"name\":\"units\",\"type\":\"long\"}]}";
  static final String ORDER = "{\"type\":\"record\",\"name\":\"OrderCreated\",\"namespace\":\"it.orders\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"total\",\"type\":\"it.common.Money\"}]}";

  @TempDir Path dir;

  private ContractProject project(CompatibilityLevel level) {
    return ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, level, List.of(), List.of(), ReferenceSubjects.TOPIC));
  }

  @Test
  void historyWithReferencesAndTheRegistrysOwnVerdict() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("money-value", RegistrySchema.avro(MONEY));
      List<SchemaReference> refs = List.of(new SchemaReference("it.common.Money", "money-value", 1));
      client.register("order-value", new RegistrySchema(ORDER, "AVRO", refs));
      client.register("order-value", new RegistrySchema(ORDER.replace("]}", ",{\"name\":\"note\",\"type\":\"string\","
          + "\"default\":\"\"}]}"), "AVRO", refs));

      Files.writeString(dir.resolve("money.avsc"), MONEY);
      Files.writeString(dir.resolve("order.avsc"), ORDER.replace("]}", ",{\"name\":\"note\",\"type\":\"int\","
          + "\"default\":0}]}"));
      List<String> warnings = new ArrayList<>();

      ContractProject transitive = project(CompatibilityLevel.BACKWARD_TRANSITIVE);
      RegistryBaseline baseline = new RegistryBaseline(client, registry.url(), transitive, warnings::add);
      SubjectContract order = transitive.byPath("order.avsc").orElseThrow();
      List<Contract> history = baseline.history(order);
      assertThat(history).hasSize(2); // transitive: every registered version, parsed with Money resolved
      assertThat(history.get(0).avro().schema().getField("total").schema().getFullName()).isEqualTo("it.common.Money");
      assertThat(baseline.history(project(CompatibilityLevel.BACKWARD).byPath("order.avsc").orElseThrow())).hasSize(1);

      Optional<RemoteVerdict> verdict = baseline.remoteVerdict(order);
      assertThat(verdict).isPresent();
      assertThat(verdict.get().compatible()).isFalse(); // note: string -> int
      assertThat(String.join(" ", verdict.get().messages())).contains("TYPE_MISMATCH");
      assertThat(warnings).isEmpty();

      CheckReport report = new ProjectChecker().check(transitive, baseline, List.of());
      assertThat(report.subjects()).extracting(s -> s.subject().subject() + " " + s.status() + " " + s.compatible())
          .containsExactly("money-value UNCHANGED true", "order-value CHANGED false");
    }
  }

  @Test
  void underACompatibilityGroupABreakingChangeStartsANewMajorVersion() throws Exception {
    String widget = "{\"type\":\"record\",\"name\":\"Widget\",\"fields\":[{\"name\":\"size\",\"type\":\"int\"}]}";
    String renamed = widget.replace("size", "height");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.updateConfig("widget-value", java.util.Map.of("compatibilityGroup", "major_version"));
      client.register("widget-value", RegistrySchema.avro(widget).withContract(
          new io.github.eventcontracts.registry.client.Metadata(null, new java.util.TreeMap<>(
              java.util.Map.of("major_version", "1")), null), null));
      assertThat(client.compatibilityGroup("widget-value")).isEqualTo("major_version");

      Files.writeString(dir.resolve("widget.avsc"), renamed);
      List<String> warnings = new ArrayList<>();
      // still major version 1: the rename breaks it, for us and for the registry
      Files.writeString(dir.resolve("widget.metadata.json"), "{\"properties\": {\"major_version\": \"1\"}}");
      ContractProject same = project(CompatibilityLevel.BACKWARD);
      CheckReport refused = new ProjectChecker().check(same, new RegistryBaseline(client, registry.url(), same,
          warnings::add), List.of());
      assertThat(refused.subjects()).singleElement().satisfies(check -> {
        assertThat(check.compatible()).isFalse();
        assertThat(check.remote().orElseThrow().compatible()).isFalse();
      });

      // major version 2: no earlier version of its group, so nothing to break (the first of its group, as a
      // new subject is the first of its own); the registry agrees
      Files.writeString(dir.resolve("widget.metadata.json"), "{\"properties\": {\"major_version\": \"2\"}}");
      ContractProject next = project(CompatibilityLevel.BACKWARD);
      RegistryBaseline baseline = new RegistryBaseline(client, registry.url(), next, warnings::add);
      assertThat(baseline.history(next.byPath("widget.avsc").orElseThrow())).isEmpty();
      CheckReport accepted = new ProjectChecker().check(next, baseline, List.of());
      assertThat(accepted.subjects()).singleElement().satisfies(check -> {
        assertThat(check.compatible()).isTrue();
        assertThat(check.status()).isEqualTo(io.github.eventcontracts.core.project.ChangeStatus.NEW);
      });
      RegistrySchema asRegistered = RegistryForms.schema(next.byPath("widget.avsc").orElseThrow(), next, r -> 1);
      assertThat(client.testCompatibility("widget-value", asRegistered).compatible()).isTrue();
      assertThat(DataContractChanges.between(
          new io.github.eventcontracts.registry.client.Metadata(null, new java.util.TreeMap<>(
              java.util.Map.of("major_version", "1")), null), null,
          new io.github.eventcontracts.registry.client.Metadata(null, new java.util.TreeMap<>(
              java.util.Map.of("major_version", "2")), null), null, "major_version"))
          .singleElement().asString().startsWith("new major version: compatibilityGroup major_version `1` -> `2`");
    }
  }

  @Test
  void aReferenceNotYetRegisteredSkipsOnlyTheRemoteVerdict() throws Exception {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      client.register("money-value", RegistrySchema.avro(MONEY));
      client.register("order-value", new RegistrySchema(ORDER, "AVRO",
          List.of(new SchemaReference("it.common.Money", "money-value", 1))));
      Files.writeString(dir.resolve("money.avsc"), MONEY.replace("]}", ",{\"name\":\"c\",\"type\":\"string\",\"default\":\"\"}]}"));
      Files.writeString(dir.resolve("order.avsc"), ORDER);
      List<String> warnings = new ArrayList<>();
      ContractProject project = project(CompatibilityLevel.BACKWARD);
      RegistryBaseline baseline = new RegistryBaseline(client, registry.url(), project, warnings::add);
      assertThat(baseline.remoteVerdict(project.byPath("order.avsc").orElseThrow())).isEmpty();
      assertThat(warnings).singleElement().asString().contains("money-value is not registered in this form yet");
    }
  }

  /** Registers every subject of the folder as {@code register} would, then changes one file. */
  private ContractProject registered(RegistryClient client) {
    ContractProject project = project(CompatibilityLevel.BACKWARD);
    SubjectRegistrar.Result result = new SubjectRegistrar(client, project, 1, false).apply(
        new SubjectRegistrar(client, project, 1, false).plan());
    assertThat(result.complete()).as(result.failed().toString()).isTrue();
    return project;
  }

  @Test
  void aProtobufReferenceChainOfTwoLevelsIsCheckedByTheRegistryToo() throws Exception {
    Files.createDirectories(dir.resolve("r"));
    Files.writeString(dir.resolve("r/a.proto"), "syntax = \"proto3\";\npackage r;\nmessage A { string id = 1; }\n");
    Files.writeString(dir.resolve("r/b.proto"), "syntax = \"proto3\";\npackage r;\nimport \"r/a.proto\";\n"
        + "message B { A a = 1; }\n");
    Files.writeString(dir.resolve("r/c.proto"), "syntax = \"proto3\";\npackage r;\nimport \"r/b.proto\";\n"
        + "message C { B b = 1; }\n");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      registered(client);
      Files.writeString(dir.resolve("r/c.proto"), "syntax = \"proto3\";\npackage r;\nimport \"r/b.proto\";\n"
          + "message C { B b = 1; string note = 2; }\n");
      assertChainChecked(client, registry.url(), "r/c.proto");
    }
  }

  @Test
  void anAvroReferenceChainOfTwoLevelsIsCheckedByTheRegistryToo() throws Exception {
    Files.writeString(dir.resolve("a.avsc"), "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"com.x\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    Files.writeString(dir.resolve("b.avsc"), "{\"type\":\"record\",\"name\":\"B\",\"namespace\":\"com.x\","
        + "\"fields\":[{\"name\":\"a\",\"type\":\"com.x.A\"}]}");
    String c = "{\"type\":\"record\",\"name\":\"C\",\"namespace\":\"com.x\","
        + "\"fields\":[{\"name\":\"b\",\"type\":\"com.x.B\"}]}";
    Files.writeString(dir.resolve("c.avsc"), c);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      registered(client);
      Files.writeString(dir.resolve("c.avsc"), c.replace("]}", ",{\"name\":\"note\",\"type\":\"string\","
          + "\"default\":\"\"}]}"));
      assertChainChecked(client, registry.url(), "c.avsc");
    }
  }

  private void assertChainChecked(RegistryClient client, String url, String changed) {
    List<String> warnings = new ArrayList<>();
    ContractProject project = project(CompatibilityLevel.BACKWARD);
    CheckReport report = new ProjectChecker().check(project, new RegistryBaseline(client, url, project, warnings::add),
        List.of());
    SubjectCheck c = report.subjects().stream().filter(s -> s.subject().path().equals(changed)).findFirst().orElseThrow();
    assertThat(c.status().name()).isEqualTo("CHANGED");
    assertThat(c.remote()).isPresent();
    assertThat(c.remote().get().error()).isNull();
    assertThat(c.remote().get().compatible()).isTrue(); // the registry itself was asked, and agreed
    assertThat(warnings).isEmpty();
    assertThat(report.compatible()).isTrue();
  }

  @Test
  void anAnswerThePluginDidNotExpectIsAFindingOnThatContractNotAnAbortedCheck() throws Exception {
    Files.writeString(dir.resolve("money.avsc"), MONEY);
    Files.writeString(dir.resolve("order.avsc"), ORDER);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start();
        io.github.eventcontracts.registry.server.CountingProxy proxy =
            new io.github.eventcontracts.registry.server.CountingProxy(registry.url())) {
      RegistryClient direct = RegistryClient.of(registry.url());
      registered(direct);
      Files.writeString(dir.resolve("money.avsc"), MONEY.replace("]}", ",{\"name\":\"c\",\"type\":\"string\","
          + "\"default\":\"\"}]}"));
      // the registry answers 422 to money-value's version list and lookups: a registry quirk, not an outage
      proxy.rewrite((request, body, answer) -> request.equals("GET /subjects/money-value/versions")
          || request.startsWith("POST /subjects/money-value")
          ? new io.github.eventcontracts.registry.server.CountingProxy.Answer(422,
              "{\"error_code\":42201,\"message\":\"Invalid schema: no parser for this\"}".getBytes())
          : answer);
      ContractProject project = project(CompatibilityLevel.BACKWARD);
      RegistryClient client = RegistryClient.of(proxy.url());
      CheckReport report = new ProjectChecker().check(project,
          new RegistryBaseline(client, proxy.url(), project, w -> { }), List.of());
      assertThat(report.subjects()).extracting(s -> s.subject().subject() + " " + s.status())
          .containsExactly("money-value UNCHECKED", "order-value CHANGED");
      SubjectCheck money = report.subjects().get(0);
      assertThat(money.compatible()).isFalse(); // nothing passes unchecked
      assertThat(money.remote().orElseThrow().error()).contains("42201").contains("no parser for this");
      assertThat(report.subjects().get(1).result()).isNotNull(); // the dependent is still checked by our engine
      assertThat(io.github.eventcontracts.review.Finding.of(report))
          .filteredOn(f -> f.ruleId().equals(io.github.eventcontracts.review.Finding.BASELINE_ERROR))
          .extracting(f -> f.file() + " " + f.severity())
          .contains("schemas/money.avsc ERROR", "schemas/order.avsc WARNING");
    }
  }
}
