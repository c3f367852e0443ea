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
        .containsExactly("money-value UNCHANGED true", "order-created-value UNCHANGED true", "refund-value NEW true",
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
        .containsExactly("money-value", "order-created-value");
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
        "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void gitBaselineUsesTheMergeBase() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q");
    Path schemas = standard(repo.resolve("service/schemas"));
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "v1");
    git(repo, "checkout", "-q", "-b", "feature");
    write(schemas, "proto/shipments.proto", ProjectFixture.SHIPMENTS.replace("string carrier = 2;", "int64 carrier = 2;"));
    git(repo, "commit", "-q", "-am", "break it");
    // main moves on after the branch point: the merge-base, not main's tip, is the baseline
    git(repo, "checkout", "-q", "main");
    write(schemas, "avro/late.avsc", "{\"type\":\"record\",\"name\":\"Late\",\"namespace\":\"x\",\"fields\":[]}");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "later on main");
    git(repo, "checkout", "-q", "feature");

    FolderBaseline baseline = GitBaseline.at(repo, "main", schemas, true, tmp.resolve("scratch"));
    assertThat(baseline.describe()).startsWith("git main (merge-base ");
    CheckReport report = new ProjectChecker().check(project(schemas), baseline, List.of());
    assertThat(report.removed()).isEmpty(); // late.avsc came after the merge-base
    assertThat(report.incompatible()).extracting(s -> s.subject().subject()).containsExactly("shipments-value");

    FolderBaseline tip = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch2"));
    assertThat(new ProjectChecker().check(project(schemas), tip, List.of()).removed())
        .singleElement().asString().endsWith("avro/late.avsc");

    assertThatThrownBy(() -> GitBaseline.at(repo, "origin/nope", schemas, true, tmp.resolve("s3")))
        .hasMessageContaining("git merge-base HEAD origin/nope failed");
  }

  @Test
  void gitBaselineReadsTheWholeFolderInOneArchiveLongPathsIncluded(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    Path schemas = repo.resolve("schemas");
    // over 100 characters: tar needs a pax header for this path
    Path deep = schemas.resolve("avro/" + "a-rather-long-folder-name-for-a-team/".repeat(4) + "order-created.avsc");
    Files.createDirectories(deep.getParent());
    Files.writeString(deep, "{\"type\":\"record\",\"name\":\"O\",\"namespace\":\"t\",\"fields\":[]}");
    Files.writeString(schemas.resolve("notes.txt"), "not a contract");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "config", "user.email", "t@example.com");
    git(repo, "config", "user.name", "t");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "one deep contract");
    assertThat(repo.relativize(deep).toString().length()).isGreaterThan(100);

    FolderBaseline baseline = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch"));
    Path copied = tmp.resolve("scratch").resolve(schemas.relativize(deep));
    assertThat(copied).exists().hasContent(Files.readString(deep));
    assertThat(tmp.resolve("scratch/notes.txt")).doesNotExist();
    assertThat(new ProjectChecker().check(project(schemas), baseline, List.of()).subjects()).hasSize(1);
  }
}
