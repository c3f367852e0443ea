package io.github.eventcontracts.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.parse.ReferencedSchemaParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry form computed from the project equals what a registry makes of the same schema. */
class RegistryFormTest {
  @TempDir Path dir;

  @Test
  void canonicalMatchesTheRegistrysRendering() throws Exception {
    ProjectFixture.standard(dir);
    ContractProject project = ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    for (SubjectContract s : project.subjects()) {
      RegistryForm form = RegistryForm.of(s, project);
      List<SourceFile> refs = s.references().stream()
          .map(r -> SourceFile.of(r.name(), project.byPath(r.path()).orElseThrow().contract().text())).toList();
      String registry = ReferencedSchemaParser.parse(s.contract().type(), "x", s.contract().text(), refs).canonical();
      assertThat(form.canonical()).as(s.subject()).isEqualTo(registry);
    }
    SubjectContract order = project.byPath("avro/order-created.avsc").orElseThrow();
    // the referenced type is named, not inlined
    assertThat(RegistryForm.of(order, project).canonical()).contains("\"type\":\"acme.common.Money\"")
        .doesNotContain("\"name\":\"Money\"");
  }
}
