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
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.CountingProxy;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectRegistrarTest {
  @TempDir Path dir;

  private ContractProject project() throws Exception {
    Files.writeString(dir.resolve("money.avsc"), RegistryBaselineTest.MONEY);
    Files.writeString(dir.resolve("order.avsc"), RegistryBaselineTest.ORDER);
    Files.writeString(dir.resolve("refund.avsc"), "{\"type\":\"record\",\"name\":\"Refund\",\"namespace\":\"it\","
        + "\"fields\":[{\"name\":\"total\",\"type\":\"it.common.Money\"}]}");
    Files.writeString(dir.resolve("shipment.proto"), "syntax = \"proto3\";\npackage it;\nmessage Shipped { string id = 1; }\n");
    return reload();
  }

  /** The project as the files now are. */
  private ContractProject reload() {
    return ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(), SubjectNamingStrategy.TOPIC_NAME,
        CompatibilityLevel.BACKWARD, List.of(new ContractSettings("order.avsc", null, null, null,
            CompatibilityLevel.FULL, null)), List.of(), ReferenceSubjects.TOPIC));
  }

  private static RegistryClient client(String url) {
    // a fresh client each run, as a fresh Maven build has; retries fast so injected failures stay short
    return new RegistryClient(RegistryClientConfig.builder(url).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build());
  }

  @Test
  void sharedTypesRegisterUnderConfluentsReferenceSubjectWithoutAPinnedLevel() throws Exception {
    project();
    ContractProject byName = ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      SubjectRegistrar registrar = new SubjectRegistrar(client(registry.url()), byName, 4, true);
      SubjectRegistrar.Result result = registrar.apply(registrar.plan());
      assertThat(result.registered()).extracting(s -> s.subject() + " " + s.action() + " " + s.desiredLevel())
          .containsExactly("it.common.Money NEW null", "order-value NEW BACKWARD", "refund-value NEW BACKWARD",
              "shipment-value NEW BACKWARD");
      RegistryClient direct = RegistryClient.of(registry.url());
      assertThat(direct.latest("order-value").references()).singleElement()
          .satisfies(r -> assertThat(r.name() + " -> " + r.subject()).isEqualTo("it.common.Money -> it.common.Money"));
      assertThatThrownBy(() -> direct.compatibility("it.common.Money", false))
          .isInstanceOf(RegistryException.SubjectCompatibilityNotConfiguredException.class);
    }
  }

  @Test
  void registersReferencesFirstThenIsIdempotentWithinTheRequestBudget() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); CountingProxy proxy = new CountingProxy(registry.url())) {
      SubjectRegistrar.Result first = new SubjectRegistrar(client(proxy.url()), project, 4, true)
          .apply(new SubjectRegistrar(client(proxy.url()), project, 4, true).plan());
      assertThat(first.complete()).isTrue();
      assertThat(first.registered()).extracting(s -> s.subject() + " " + s.action() + " v" + s.version())
          .containsExactly("money-value NEW v1", "order-value NEW v1", "refund-value NEW v1", "shipment-value NEW v1");
      RegistryClient direct = RegistryClient.of(registry.url());
      assertThat(direct.latest("order-value").references()).singleElement()
          .satisfies(r -> assertThat(r.subject() + "@" + r.version()).isEqualTo("money-value@1"));
      assertThat(direct.compatibility("order-value", false)).isEqualTo("FULL");

      proxy.requests.clear();
      SubjectRegistrar again = new SubjectRegistrar(client(proxy.url()), project, 4, true);
      SubjectRegistrar.Result second = again.apply(again.plan());
      assertThat(second.registered()).extracting(s -> s.subject() + " " + s.action() + " id" + s.id())
          .containsExactlyElementsOf(first.registered().stream()
              .map(s -> s.subject() + " UNCHANGED id" + s.id()).toList());
      int subjects = project.subjects().size();
      assertThat(proxy.requests).as("requests for an unchanged tree: %s", proxy.requests)
          .hasSizeLessThanOrEqualTo(2 * subjects + 1)
          .noneMatch(r -> r.startsWith("PUT") || r.endsWith("/versions") && r.startsWith("POST"));
      assertThat(direct.versions("order-value")).containsExactly(1);
    }
  }

  @Test
  void normalizeSchemasFindsTheSameSchemaWrittenAnotherWay() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      new SubjectRegistrar(client(registry.url()), project, 4, false, true)
          .apply(new SubjectRegistrar(client(registry.url()), project, 4, false, true).plan());
      // version 2 was registered normalized (by another tool); the project writes its fields the other way round
      RegistryClient.of(registry.url()).register("shipment-value", RegistrySchema.protobuf(
          "syntax = \"proto3\";\npackage it;\nmessage Shipped { string id = 1; string carrier = 2; }\n", List.of()), true);
      Files.writeString(dir.resolve("shipment.proto"), "syntax = \"proto3\";\npackage it;\n\n"
          + "message Shipped {\n  string carrier = 2;\n  string id = 1;\n}\n");
      ContractProject reordered = ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(),
          SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of(), ReferenceSubjects.TOPIC));
      assertThat(new SubjectRegistrar(client(registry.url()), reordered, 4, false, true).plan())
          .filteredOn(step -> step.subject().equals("shipment-value"))
          .extracting(step -> step.action() + " v" + step.version()).containsExactly("UNCHANGED v2");
      assertThat(new SubjectRegistrar(client(registry.url()), reordered, 4, false, false).plan())
          .filteredOn(step -> step.subject().equals("shipment-value"))
          .extracting(step -> step.action() + " v" + step.version()).containsExactly("NEW_VERSION v3");
    }
  }

  @Test
  void aCompatibleChangeToASharedTypeRegistersItThenItsDependentsInOrder() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      new SubjectRegistrar(client(registry.url()), project, 4, false)
          .apply(new SubjectRegistrar(client(registry.url()), project, 4, false).plan());
      Files.writeString(dir.resolve("money.avsc"), RegistryBaselineTest.MONEY.replace("]}",
          ",{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}]}"));
      ContractProject changed = reload();

      // the dry run says what will happen: money and everything referencing it get version 2
      List<SubjectRegistrar.Step> plan = new SubjectRegistrar(client(registry.url()), changed, 4, false).plan();
      assertThat(plan).extracting(step -> step.subject() + " " + step.action() + " v" + step.version())
          .containsExactly("money-value NEW_VERSION v2", "order-value NEW_VERSION v2", "refund-value NEW_VERSION v2",
              "shipment-value UNCHANGED v1");

      SubjectRegistrar.Result result = new SubjectRegistrar(client(registry.url()), changed, 4, false).apply(plan);
      assertThat(result.complete()).as("failed: %s", result.failed()).isTrue();
      RegistryClient direct = RegistryClient.of(registry.url());
      assertThat(direct.latest("order-value").references()).singleElement()
          .satisfies(r -> assertThat(r.subject() + "@" + r.version()).isEqualTo("money-value@2"));
      assertThat(direct.versions("refund-value")).containsExactly(1, 2);
      // and once registered, the same tree is unchanged
      assertThat(new SubjectRegistrar(client(registry.url()), changed, 4, false).plan())
          .allMatch(step -> step.action() == SubjectRegistrar.Action.UNCHANGED);
    }
  }

  @Test
  void aBreakingChangeToASharedTypeStopsWithTheRegistrysReason() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      new SubjectRegistrar(client(registry.url()), project, 4, false)
          .apply(new SubjectRegistrar(client(registry.url()), project, 4, false).plan());
      Files.writeString(dir.resolve("money.avsc"), RegistryBaselineTest.MONEY.replace("\"long\"", "\"string\""));
      ContractProject broken = reload();
      SubjectRegistrar registrar = new SubjectRegistrar(client(registry.url()), broken, 4, false);
      SubjectRegistrar.Result result = registrar.apply(registrar.plan());
      assertThat(result.failed()).containsOnlyKeys("money-value");
      assertThat(result.failed().get("money-value")).contains("409").contains("TYPE_MISMATCH");
      assertThat(result.notAttempted()).contains("order-value", "refund-value");
    }
  }

  @Test
  void aFailureHalfWayStopsCleanlyAndARerunFinishes() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); CountingProxy proxy = new CountingProxy(registry.url())) {
      // money-value (wave 1) fails past the client's retries: nothing that references it is attempted
      proxy.failNext(10, r -> r.equals("POST /subjects/money-value/versions"));
      SubjectRegistrar registrar = new SubjectRegistrar(client(proxy.url()), project, 4, false);
      SubjectRegistrar.Result broken = registrar.apply(registrar.plan());
      assertThat(broken.complete()).isFalse();
      assertThat(broken.failed()).containsOnlyKeys("money-value");
      assertThat(broken.failed().get("money-value")).contains("injected store failure");
      assertThat(broken.registered()).extracting(SubjectRegistrar.Step::subject).containsExactly("shipment-value");
      assertThat(broken.notAttempted()).containsExactly("order-value", "refund-value");
      assertThat(RegistryClient.of(registry.url()).subjects()).containsExactly("shipment-value");

      proxy.failNext(0, r -> false);
      SubjectRegistrar rerun = new SubjectRegistrar(client(proxy.url()), project, 4, false);
      SubjectRegistrar.Result finished = rerun.apply(rerun.plan());
      assertThat(finished.complete()).isTrue();
      assertThat(finished.registered()).extracting(s -> s.subject() + " " + s.action())
          .containsExactly("money-value NEW", "order-value NEW", "refund-value NEW", "shipment-value UNCHANGED");
    }
  }

  @Test
  void aFailureLeavesOutOnlyTheSubjectsThatReferenceIt() throws Exception {
    ContractProject project = project();
    // a second shared type and its event, in the same waves as money and order but unrelated to them
    Files.writeString(dir.resolve("address.avsc"), "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"it\","
        + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}");
    Files.writeString(dir.resolve("customer.avsc"), "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"it\","
        + "\"fields\":[{\"name\":\"home\",\"type\":\"it.Address\"}]}");
    project = reload();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); CountingProxy proxy = new CountingProxy(registry.url())) {
      proxy.failNext(10, r -> r.equals("POST /subjects/money-value/versions"));
      SubjectRegistrar registrar = new SubjectRegistrar(client(proxy.url()), project, 4, false);
      SubjectRegistrar.Result result = registrar.apply(registrar.plan());
      assertThat(result.failed()).containsOnlyKeys("money-value");
      assertThat(result.notAttempted()).containsExactlyInAnyOrder("order-value", "refund-value");
      assertThat(RegistryClient.of(registry.url()).subjects())
          .containsExactlyInAnyOrder("address-value", "customer-value", "shipment-value");
    }
  }

  @Test
  void planOnlyReads() throws Exception {
    ContractProject project = project();
    try (EmbeddedRegistry registry = EmbeddedRegistry.start(); CountingProxy proxy = new CountingProxy(registry.url())) {
      List<SubjectRegistrar.Step> plan = new SubjectRegistrar(client(proxy.url()), project, 4, true).plan();
      assertThat(plan).extracting(s -> s.subject() + " " + s.action() + " v" + s.version() + " " + s.desiredLevel())
          .containsExactly("money-value NEW v1 BACKWARD", "order-value NEW v1 FULL", "refund-value NEW v1 BACKWARD",
              "shipment-value NEW v1 BACKWARD");
      assertThat(proxy.requests).allMatch(r -> r.startsWith("GET") || r.matches("POST /subjects/[^/]+"));
      assertThat(RegistryClient.of(registry.url()).subjects()).isEmpty();
    }
  }
}
