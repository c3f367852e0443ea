package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.codegen.AvroOptions;
import io.github.eventcontracts.codegen.CatalogEntry;
import io.github.eventcontracts.codegen.CodeGenerator;
import io.github.eventcontracts.codegen.GenerateRequest;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google's common protos (googleapis' google/type, google/api, google/rpc, ... as published in
 * proto-google-common-protos) at two releases, and CloudEvents' protobuf format: deep import chains
 * (google/api/service.proto imports a dozen files that import others), extensions of
 * descriptor.proto, an enum-only file (google/type/month.proto), well-known types.
 */
class GoogleCommonProtosTest {
  @TempDir static Path dir;
  static Path older;
  static Path newer;

  @BeforeAll
  static void unpack() {
    older = Corpora.unpack(Corpora.jar("proto-google-common-protos-" + Corpora.property("corpus.common-protos.old")
        + ".jar"), dir.resolve("older/schemas"), Corpora.protos());
    newer = Corpora.unpack(Corpora.jar("proto-google-common-protos-" + Corpora.property("corpus.common-protos.new")
        + ".jar"), dir.resolve("newer/schemas"), Corpora.protos());
    // CloudEvents' spec.proto beside them, at its own import path
    Corpora.unpack(Corpora.jar("cloudevents-protobuf-" + Corpora.property("corpus.cloudevents.version") + ".jar"),
        newer, Corpora.protos());
  }

  @Test
  void bothReleasesValidateAndTheNewerIsCompatibleWithTheOlderByFolderAndByRegistry() {
    ContractProject before = Corpora.project(older);
    ContractProject after = Corpora.project(newer);
    assertThat(before.subjects()).hasSize(58);
    assertThat(after.subjects()).hasSize(65); // 64 of Google's and CloudEvents' spec.proto
    assertThat(Corpora.errors(Corpora.lint(before))).isEmpty();
    assertThat(Corpora.errors(Corpora.lint(after))).isEmpty();
    // a service.proto three imports deep: its subject references the files it imports, by subject
    SubjectContract service = after.byPath("google/api/service.proto").orElseThrow();
    assertThat(service.references()).hasSizeGreaterThan(10);

    CheckReport byFolder = new ProjectChecker().check(after, FolderBaseline.of(older, List.of(), after.request()),
        List.of());
    // googleapis evolves compatibly: 32 files changed between the two releases, none breaking
    assertThat(Corpora.summary(byFolder)).isEqualTo("32 compatible");

    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      Corpora.registerTwice(client, before, List.of());
      List<String> warnings = new ArrayList<>();
      CheckReport byRegistry = new ProjectChecker().check(after,
          new RegistryBaseline(client, registry.url(), after, warnings::add), List.of());
      // Two files changed subject between the releases, as Confluent's reference subjects do when
      // who imports a file changes: google/api/resource.proto was imported by service.proto in the
      // older release and by nothing in the newer (google/api/resource.proto -> resource-value);
      // field_behavior.proto is imported by audit_log.proto only in the newer (field_behavior-value
      // -> google/api/field_behavior.proto). A folder compares the files by path; the registry sees
      // two new subjects beside the old ones.
      assertThat(Corpora.summary(byRegistry)).isEqualTo("30 compatible");
      assertThat(byRegistry.subjects()).filteredOn(c -> c.status() == ChangeStatus.NEW)
          .extracting(c -> c.subject().subject())
          .contains("resource-value", "google/api/field_behavior.proto", "spec-value");
      assertThat(Corpora.registryAgrees(byRegistry, warnings, "googleapis")).isPositive();
      Corpora.registerTwice(client, after, List.of());
    }
  }

  @Test
  void theNewerReleaseGeneratesCompilesAndItsCatalogAnswersForEverySubject() throws Exception {
    ContractProject project = Corpora.project(newer);
    Path protoc = dir.resolve("protoc");
    Files.copy(Corpora.jar("protoc.exe"), protoc, StandardCopyOption.REPLACE_EXISTING);
    assertThat(protoc.toFile().setExecutable(true)).isTrue();
    List<CatalogEntry> entries = CodeGenerator.generate(new GenerateRequest(project, newer, List.of(),
        dir.resolve("generated"), AvroOptions.DEFAULTS, protoc, CodeGenerator.extractWellKnownTypes(dir.resolve("wkt")),
        null, "corpus.google.EventCatalog"));
    // google/type/month.proto declares only an enum: a subject with no single class, said plainly
    CatalogEntry month = entries.stream().filter(e -> e.file().equals("google/type/month.proto")).findFirst()
        .orElseThrow();
    assertThat(month.javaClass()).isNull();
    assertThat(month.describeClass()).startsWith("no single class (google/type/month.proto");

    try (var classes = Javac.compile(dir.resolve("generated"), dir.resolve("classes"))) {
      Class<?> catalog = classes.loadClass("corpus.google.EventCatalog");
      var forSubject = catalog.getMethod("forSubject", String.class);
      Object monthEntry = ((Optional<?>) forSubject.invoke(null, month.subject())).orElseThrow();
      assertThatThrownBy(() -> monthEntry.getClass().getMethod("load").invoke(monthEntry))
          .isInstanceOf(InvocationTargetException.class).cause().isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has no single class");
      // the enum itself was generated, and every subject with a class loads it
      assertThat(classes.loadClass("com.google.type.Month").isEnum()).isTrue();
      int loaded = 0;
      for (CatalogEntry entry : entries) {
        if (entry.javaClass() != null) {
          Object e = ((Optional<?>) forSubject.invoke(null, entry.subject())).orElseThrow();
          Class<?> type = (Class<?>) e.getClass().getMethod("load").invoke(e);
          assertThat(com.google.protobuf.Message.class).as(entry.subject()).isAssignableFrom(type);
          loaded++;
        }
      }
      assertThat(loaded).isGreaterThan(20);
      Object cloudEvent = ((Optional<?>) forSubject.invoke(null, "spec-value")).orElseThrow();
      assertThat(((Class<?>) cloudEvent.getClass().getMethod("load").invoke(cloudEvent)).getName())
          .isEqualTo("io.cloudevents.v1.proto.CloudEvent");
    }
  }
}
