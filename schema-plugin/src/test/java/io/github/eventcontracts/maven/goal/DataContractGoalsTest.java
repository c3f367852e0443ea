package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ContractSettings;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.ReferenceSubjects;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A contract's rule set and metadata, beside it in Confluent's shapes: checked by validate, sent by register. */
class DataContractGoalsTest {
  static final String PAYMENT = """
      {"type": "record", "name": "Payment", "namespace": "acme", "doc": "A payment.",
       "fields": [{"name": "id", "type": "string", "doc": "Its id."},
                  {"name": "amount", "type": "double", "doc": "In euros."}]}
      """;
  static final String RULES = """
      {
        "domainRules": [
          {"name": "positiveAmount", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
           "expr": "message.amount > 0.0", "onFailure": "DLQ"}
        ]
      }
      """;
  @TempDir Path dir;
  private final RecordingLog log = new RecordingLog();
  private final List<String> logged = log.lines;

  private ContractsRequest request() {
    return request(List.of());
  }

  private ContractsRequest request(List<ContractSettings> settings) {
    return new ContractsRequest(new ProjectRequest(dir.resolve("schemas"), "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, settings, List.of(), ReferenceSubjects.NAME,
        List.of(), false), Set.of(), false, false, dir.resolve("work"), "test");
  }

  private void write(String file, String text) throws Exception {
    Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(dir.resolve("schemas").resolve(file), text);
  }

  @Test
  void aCelTypoFailsValidateAtTheRuleNamingTheField() throws Exception {
    write("payments.avsc", PAYMENT);
    write("payments.ruleset.json", RULES.replace("message.amount", "message.amout"));
    assertThatThrownBy(() -> new ValidateService(new ValidateService.Request(request(), false), log, new HashMap<>()).run())
        .isInstanceOf(GoalFailure.class).hasMessageContaining("schemas/payments.ruleset.json");
    assertThat(logged).anySatisfy(line -> assertThat(line)
        .startsWith("ERROR schemas/payments.ruleset.json:4:6 DATA_CONTRACT rule positiveAmount:")
        .contains("amout"));
  }

  @Test
  void aSidecarThatIsNotJsonIsAnErrorAtItsLine() throws Exception {
    write("payments.avsc", PAYMENT);
    write("payments.metadata.json", "{\"properties\": {\"owner\": \"payments\",}}");
    assertThatThrownBy(() -> new ValidateService(new ValidateService.Request(request(), false), log, new HashMap<>()).run())
        .isInstanceOf(GoalFailure.class).hasMessageContaining("schemas/payments.metadata.json");
    assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("ERROR schemas/payments.metadata.json:1:"));
  }

  @Test
  void registerSendsTheRuleSetAndMetadataAndAChangedRuleSetIsANewVersion() throws Exception {
    write("payments.avsc", PAYMENT);
    write("payments.ruleset.json", RULES);
    write("payments.metadata.json", "{\"tags\": {\"**.id\": [\"PII\"]}, \"properties\": {\"owner\": \"payments\"}}");
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryTarget target = new RegistryTarget(List.of(registry.url()), false,
          () -> io.github.eventcontracts.registry.client.RegistryClientConfig.builder(registry.url()).build());
      RegisterService.Request register = new RegisterService.Request(request(), target, false, 2, true,
          dir.resolve("target"), dir.resolve("target/classes"), null);
      new RegisterService(register, log, null).run();
      RegistrySchema stored = RegistryClient.of(registry.url()).latest("payments-value").schema();
      assertThat(stored.ruleSet().domainRules()).singleElement()
          .satisfies(rule -> assertThat(rule.expr()).isEqualTo("message.amount > 0.0"));
      assertThat(stored.metadata().properties()).containsEntry("owner", "payments");
      assertThat(stored.metadata().tags()).containsKey("**.id");

      // the same files again: nothing to do
      ContractProject project = ContractProject.load(request().project());
      SubjectRegistrar again = new SubjectRegistrar(RegistryClient.of(registry.url()), project, 1, true);
      assertThat(again.plan()).extracting(s -> s.subject() + " " + s.action()).containsExactly("payments-value UNCHANGED");
      // a stricter rule: the same schema text is a new version
      write("payments.ruleset.json", RULES.replace("> 0.0", "> 1.0"));
      SubjectRegistrar changed = new SubjectRegistrar(RegistryClient.of(registry.url()), project, 1, true);
      assertThat(changed.plan()).extracting(s -> s.subject() + " " + s.action() + " v" + s.version())
          .containsExactly("payments-value NEW_VERSION v2");

      // a rule that cannot compile is never registered
      write("payments.ruleset.json", RULES.replace("message.amount", "message.amout"));
      assertThatThrownBy(() -> new RegisterService(register, log, null).run()).isInstanceOf(GoalFailure.class)
          .hasMessageContaining("nothing was registered");
      assertThat(RegistryClient.of(registry.url()).versions("payments-value")).containsExactly(1);
    }
  }

  @Test
  void aContractEntryNamesItsRuleSetAndMetadataElsewhere() throws Exception {
    write("payments.avsc", PAYMENT);
    Files.createDirectories(dir.resolve("schemas/rules"));
    write("rules/payments.json", RULES.replace("message.amount", "message.amout"));
    write("rules/owner.json", "{\"properties\": {\"owner\": \"payments\"}}");
    ContractSettings entry = new ContractSettings("payments.avsc", null, null, null, null, null, "rules/payments.json",
        "rules/owner.json");
    // validate checks the named file, at its own lines
    assertThatThrownBy(() -> new ValidateService(new ValidateService.Request(request(List.of(entry)), false), log,
        new HashMap<>()).run()).isInstanceOf(GoalFailure.class);
    assertThat(logged).anySatisfy(line -> assertThat(line)
        .startsWith("ERROR schemas/rules/payments.json:4:6 DATA_CONTRACT rule positiveAmount:").contains("amout"));

    // register sends it
    write("rules/payments.json", RULES);
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryTarget target = new RegistryTarget(List.of(registry.url()), false,
          () -> io.github.eventcontracts.registry.client.RegistryClientConfig.builder(registry.url()).build());
      new RegisterService(new RegisterService.Request(request(List.of(entry)), target, false, 2, true,
          dir.resolve("target"), dir.resolve("target/classes"), null), log, null).run();
      RegistrySchema stored = RegistryClient.of(registry.url()).latest("payments-value").schema();
      assertThat(stored.ruleSet().domainRules()).extracting(r -> r.name()).containsExactly("positiveAmount");
      assertThat(stored.metadata().properties()).containsEntry("owner", "payments");
    }

    // a name that is not there is an error naming it, not a contract without rules
    ContractSettings missing = new ContractSettings("payments.avsc", null, null, null, null, null, "rules/nope.json",
        null);
    logged.clear();
    assertThatThrownBy(() -> new ValidateService(new ValidateService.Request(request(List.of(missing)), false), log,
        new HashMap<>()).run()).isInstanceOf(GoalFailure.class);
    assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("ERROR schemas/rules/nope.json")
        .contains("<ruleSet> names this file, which does not exist"));
  }
}
