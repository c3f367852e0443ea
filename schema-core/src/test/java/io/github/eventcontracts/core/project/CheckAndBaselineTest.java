package io.github.eventcontracts.core.project;

import static io.github.eventcontracts.core.project.ProjectFixture.standard;
import static io.github.eventcontracts.core.project.ProjectFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckAndBaselineTest {
  @TempDir Path tmp;

  private static ContractProject project(Path schemas) {
    return ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
  }

  @Test
  void folderBaselineFindsNewChangedUnchangedAndRemoved() throws Exception {
    Path base = standard(tmp.resolve("base"));
    write(base, "avro/gone.avsc", "{\"type\":\"record\",\"name\":\"Gone\",\"namespace\":\"x\",\"fields\":[]}");
    Path head = standard(tmp.resolve("head"));
    write(head, "proto/shipments.proto", ProjectFixture.SHIPMENTS.replace("string carrier = 2;", "int64 carrier = 2;"));
    write(head, "avro/refund.avsc", "{\"type\":\"record\",\"name\":\"Refund\",\"namespace\":\"x\",\"fields\":[]}");

    CheckReport report = new ProjectChecker().check(project(head), FolderBaseline.of(base), List.of());
    assertThat(report.subjects()).extracting(s -> s.subject().subject() + " " + s.status() + " " + s.compatible())
        .containsExactly("acme.common.Money UNCHANGED true", "order-created-value UNCHANGED true", "refund-value NEW true",
            "shipments-value CHANGED false");
    assertThat(report.removed()).singleElement().asString().endsWith("avro/gone.avsc");
    assertThat(report.compatible()).isFalse();
    assertThat(report.incompatible().get(0).result().incompatibilities())
        .extracting(d -> d.type().id() + " " + d.path()).containsExactly("FIELD_SCALAR_KIND_CHANGED #/OrderShipped/2");
  }

  @Test
  void aChangeInAReferencedTypeShowsInTheReferencingSubject() throws Exception {
    Path base = standard(tmp.resolve("base"));
    Path head = standard(tmp.resolve("head"));
    write(head, "avro/money.avsc", ProjectFixture.MONEY.replace("\"long\"", "\"string\""));
    CheckReport report = new ProjectChecker().check(project(head), FolderBaseline.of(base), List.of());
    assertThat(report.incompatible()).extracting(s -> s.subject().subject())
        .containsExactly("acme.common.Money", "order-created-value");
  }

  @Test
  void aFileMovedUnderTheSameSubjectIsComparedWithWhatTheSubjectHad() throws Exception {
    Path base = tmp.resolve("base");
    write(base, "v1experimental/profiles.proto", "syntax = \"proto3\";\npackage p.v1experimental;\n"
        + "message Profile { string id = 1; }\n");
    Path head = tmp.resolve("head");
    // moved to another folder: the file name, and so the subject (profiles-value), stays
    write(head, "v1development/profiles.proto", "syntax = \"proto3\";\npackage p.v1development;\n"
        + "message Profile { int64 id = 1; }\n");
    ContractProject project = project(head);
    CheckReport byPathOnly = new ProjectChecker().check(project, FolderBaseline.of(base), List.of());
    assertThat(byPathOnly.subjects()).extracting(s -> s.subject().subject() + " " + s.status())
        .containsExactly("profiles-value NEW"); // what a registry would refuse passed as new

    CheckReport bySubject = new ProjectChecker().check(project,
        FolderBaseline.of(base, List.of(), project.request()), List.of());
    assertThat(bySubject.subjects()).extracting(s -> s.subject().subject() + " " + s.status() + " " + s.compatible())
        .containsExactly("profiles-value CHANGED false");
    assertThat(bySubject.incompatible().get(0).result().incompatibilities()).extracting(d -> d.type().id())
        .contains("PACKAGE_CHANGED");
    assertThat(bySubject.removed()).isEmpty(); // the old path lives on under its subject
  }
}
