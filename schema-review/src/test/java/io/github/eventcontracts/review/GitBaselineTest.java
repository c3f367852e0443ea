package io.github.eventcontracts.review;

import static io.github.eventcontracts.core.project.ProjectFixture.standard;
import static io.github.eventcontracts.core.project.ProjectFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectFixture;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git baseline against real repositories made by the test (needs git on the PATH). */
class GitBaselineTest {
  @TempDir Path tmp;

  private static ContractProject project(Path schemas) {
    return ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
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

    Baseline baseline = GitBaseline.at(repo, "main", schemas, true, tmp.resolve("scratch"));
    assertThat(baseline.describe()).startsWith("git main (merge-base ");
    CheckReport report = new ProjectChecker().check(project(schemas), baseline, List.of());
    assertThat(report.removed()).isEmpty(); // late.avsc came after the merge-base
    assertThat(report.incompatible()).extracting(s -> s.subject().subject()).containsExactly("shipments-value");

    Baseline tip = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch2"));
    assertThat(new ProjectChecker().check(project(schemas), tip, List.of()).removed())
        .singleElement().asString().endsWith("avro/late.avsc");

    assertThatThrownBy(() -> GitBaseline.at(repo, "origin/nope", schemas, true, tmp.resolve("s3")))
        .hasMessageContaining("git merge-base HEAD origin/nope failed");
  }

  @Test
  void transitiveLevelsCompareWithEveryVersionInTheHistoryAndSharedChangesRecheckDependents() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("history"));
    git(repo, "init", "-q");
    Path schemas = Files.createDirectories(repo.resolve("schemas"));
    String money = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":["
        + "{\"name\":\"units\",\"type\":\"string\"}]}";
    String payment = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"acme\",\"fields\":["
        + "{\"name\":\"amount\",\"type\":\"acme.Money\"}]}";
    Files.writeString(schemas.resolve("money.avsc"), money);
    Files.writeString(schemas.resolve("payment.avsc"), payment);
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "v1: units only");
    String withCents = money.replace("]}", ",{\"name\":\"cents\",\"type\":\"int\",\"default\":0}]}");
    Files.writeString(schemas.resolve("money.avsc"), withCents);
    git(repo, "commit", "-q", "-am", "v2: cents, with a default");
    // the change under review drops the default: v2's data has cents, v1's does not
    Files.writeString(schemas.resolve("money.avsc"), withCents.replace(",\"default\":0", ""));

    ContractProject latestOnly = ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD, List.of(), List.of()));
    Baseline baseline = GitBaseline.at(repo, "HEAD", schemas, false, tmp.resolve("scratch-h"));
    CheckReport plain = new ProjectChecker().check(latestOnly, baseline, List.of());
    assertThat(plain.compatible()).isTrue();
    // payment.avsc is untouched, but the Money it references changed: it is checked, not UNCHANGED
    assertThat(plain.subjects()).extracting(c -> c.subject().subject() + " " + c.status())
        .containsExactlyInAnyOrder("acme.Money CHANGED", "payment-value CHANGED");

    ContractProject transitive = ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(), List.of()));
    CheckReport all = new ProjectChecker().check(transitive, baseline, List.of());
    // v1's data has no cents and the new Money no default for it: only the older version breaks
    assertThat(all.incompatible()).extracting(c -> c.subject().subject())
        .containsExactlyInAnyOrder("acme.Money", "payment-value");
    assertThat(all.subjects()).allSatisfy(c -> assertThat(c.versionsCompared()).isEqualTo(2));
    assertThat(all.subjects().get(0).result().comparisons()).extracting(c -> c.previousLabel() + " " + c.compatible())
        .allSatisfy(label -> assertThat(label).startsWith("git:"));
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

    Baseline baseline = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch"));
    Path copied = tmp.resolve("scratch/latest").resolve(schemas.relativize(deep));
    assertThat(copied).exists().hasContent(Files.readString(deep));
    assertThat(tmp.resolve("scratch/latest/notes.txt")).doesNotExist();
    assertThat(new ProjectChecker().check(project(schemas), baseline, List.of()).subjects()).hasSize(1);
  }

  @Test
  void anExcludedFileIsNoContractOnEitherSide(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    Path schemas = repo.resolve("schemas");
    Files.createDirectories(schemas.resolve("legacy"));
    String money = "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"acme\",\"fields\":[{\"name\":\"u\",\"type\":\"long\"}]}";
    Files.writeString(schemas.resolve("money.avsc"), money);
    // an old, different copy of the same type, excluded from the build
    Files.writeString(schemas.resolve("legacy/money.avsc"), money.replace("long", "int"));
    git(repo, "init", "-q", "-b", "main");
    git(repo, "config", "user.email", "t@example.com");
    git(repo, "config", "user.name", "t");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "money and its legacy copy");

    ContractProject project = ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(),
        List.of("legacy/**"), SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(),
        List.of()));
    Baseline baseline = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch"), List.of(),
        project.request());
    CheckReport report = new ProjectChecker().check(project, baseline, List.of());
    assertThat(report.subjects()).extracting(c -> c.subject().path() + " " + c.status())
        .containsExactly("money.avsc UNCHANGED");
    assertThat(report.removed()).isEmpty(); // the excluded file is not "removed" either
  }

  @Test
  void aHistoryCommitThatDoesNotParseIsSaidNotSilentlySkipped(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    Path schemas = repo.resolve("schemas");
    Files.createDirectories(schemas);
    String v1 = "{\"type\":\"record\",\"name\":\"O\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
    Files.writeString(schemas.resolve("o.avsc"), v1);
    git(repo, "init", "-q", "-b", "main");
    git(repo, "config", "user.email", "t@example.com");
    git(repo, "config", "user.name", "t");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "v1");
    Files.writeString(schemas.resolve("o.avsc"), "{\"type\": \"record\", \"name\": \"O\"");
    git(repo, "commit", "-q", "-am", "a broken commit");
    Files.writeString(schemas.resolve("o.avsc"), v1.replace("]}", ",{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}"));
    git(repo, "commit", "-q", "-am", "v2");
    ContractProject project = ContractProject.load(new ProjectRequest(schemas, "schemas", List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD_TRANSITIVE, List.of(), List.of()));
    Baseline baseline = GitBaseline.at(repo, "main", schemas, false, tmp.resolve("scratch"), List.of(), project.request());
    CheckReport report = new ProjectChecker().check(project, baseline, List.of());
    assertThat(report.subjects().get(0).versionsCompared()).isEqualTo(2); // v1 and v2; the broken commit is not one
    assertThat(baseline.notes()).singleElement().asString().startsWith("commit ")
        .contains("left out of the history: its schemas do not parse").contains("SYNTAX_ERROR");
  }
}
