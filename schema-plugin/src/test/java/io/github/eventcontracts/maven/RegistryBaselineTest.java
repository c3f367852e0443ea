package io.github.eventcontracts.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.model.Contract;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.RemoteVerdict;
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
}
