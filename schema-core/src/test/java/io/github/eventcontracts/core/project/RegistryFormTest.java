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

  @Test
  void anAvroFileWithCommentsGoesToTheRegistryAsConfluentsToolingSendsIt() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("money.avsc"), """
        /* Licensed under the Apache License, Version 2.0 */
        {"type": "record", "name": "Money", "namespace": "acme", "fields": [{"name": "units", "type": "long"}]}
        """);
    java.nio.file.Files.writeString(dir.resolve("paid.avsc"), """
        // the payment event
        {"type": "record", "name": "Paid", "namespace": "acme", "fields": [{"name": "amount", "type": "Money"}]}
        """);
    java.nio.file.Files.writeString(dir.resolve("plain.avsc"),
        "{\"type\": \"record\", \"name\": \"Plain\", \"fields\": []}\n");
    ContractProject project = ContractProject.load(new ProjectRequest(dir, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    RegistryForm paid = RegistryForm.of(project.byPath("paid.avsc").orElseThrow(), project);
    // compact JSON naming the referenced type, as AvroSchema.canonicalString() renders it
    assertThat(paid.text()).isEqualTo("{\"type\":\"record\",\"name\":\"Paid\",\"namespace\":\"acme\","
        + "\"fields\":[{\"name\":\"amount\",\"type\":\"Money\"}]}");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(paid.text()).isObject()).isTrue();
    // a file without comments keeps its text as written
    assertThat(RegistryForm.of(project.byPath("plain.avsc").orElseThrow(), project).text())
        .isEqualTo("{\"type\": \"record\", \"name\": \"Plain\", \"fields\": []}\n");
  }
}
