package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.util.Folders;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import io.github.eventcontracts.review.GitBaseline;
import io.github.eventcontracts.review.ReviewWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenTelemetry's protos (opentelemetry-proto on Maven Central) across 23 releases: a real
 * evolution history of files that import each other two levels deep (collector service → signal →
 * common/resource). Every release validates; every consecutive pair gets the same verdict from a
 * folder, from git and from our registry (whose own check agrees); each release registers, and
 * registers again as a no-op.
 */
class OpenTelemetryHistoryTest {
  /**
   * The verdict of each release against the one before it, under BACKWARD (Confluent's rules), with
   * the change that makes each incompatible one so.
   */
  static final Map<String, String> VERDICTS = new LinkedHashMap<>();

  static {
    VERDICTS.put("0.11.0-alpha", "9 compatible");
    // Deprecated types deleted: common's StringKeyValue; metrics' IntGauge, IntSum, IntHistogram (with
    // their data points and exemplars) and the Metric.data oneof members that held them (tags 4, 6, 8).
    // Consumers on 0.13 meet old data with those members set and lose it; files that hold a Metric
    // (InstrumentationLibraryMetrics.metrics, ResourceMetrics, the export request) change with it.
    VERDICTS.put("0.13.0-alpha", "6 compatible; opentelemetry/proto/common/v1/common.proto: 1 breaking "
        + "(MESSAGE_REMOVED); opentelemetry/proto/metrics/v1/metrics.proto: 12 breaking (FIELD_NAMED_TYPE_CHANGED, "
        + "MESSAGE_REMOVED, ONEOF_FIELD_REMOVED); metrics_service-value: 6 breaking (FIELD_NAMED_TYPE_CHANGED, "
        + "ONEOF_FIELD_REMOVED)");
    VERDICTS.put("0.14.0-alpha", "2 compatible");
    // InstrumentationLibrary became InstrumentationScope: Resource{Spans,Metrics,Logs} field 2 now holds
    // Scope{Spans,Metrics,Logs} instead of InstrumentationLibrary* (moved to tag 1000): same tag,
    // another message type, in each signal file and its export request.
    VERDICTS.put("0.15.0-alpha", "2 compatible; opentelemetry/proto/logs/v1/logs.proto: 2 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED); logs_service-value: 2 breaking (FIELD_NAMED_TYPE_CHANGED); "
        + "opentelemetry/proto/metrics/v1/metrics.proto: 2 breaking (FIELD_NAMED_TYPE_CHANGED); metrics_service-value: 2 "
        + "breaking (FIELD_NAMED_TYPE_CHANGED); opentelemetry/proto/trace/v1/trace.proto: 2 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED); trace_service-value: 2 breaking (FIELD_NAMED_TYPE_CHANGED)");
    VERDICTS.put("0.16.0-alpha", "2 compatible");
    VERDICTS.put("0.17.0-alpha", "2 compatible");
    VERDICTS.put("0.18.0-alpha", "2 compatible");
    // The deprecated InstrumentationLibrary* messages deleted (their fields were reserved, which is
    // compatible; removing a message is not under Confluent's rules).
    VERDICTS.put("0.19.0-alpha", "4 compatible; opentelemetry/proto/common/v1/common.proto: 1 breaking "
        + "(MESSAGE_REMOVED); opentelemetry/proto/logs/v1/logs.proto: 1 breaking (MESSAGE_REMOVED); "
        + "opentelemetry/proto/metrics/v1/metrics.proto: 1 breaking (MESSAGE_REMOVED); "
        + "opentelemetry/proto/trace/v1/trace.proto: 1 breaking (MESSAGE_REMOVED)");
    VERDICTS.put("0.20.0-alpha", "8 compatible");
    VERDICTS.put("1.0.0-alpha", "0 compatible");
    VERDICTS.put("1.1.0-alpha", "6 compatible");
    VERDICTS.put("1.2.0-alpha", "4 compatible");
    VERDICTS.put("1.3.1-alpha", "0 compatible");
    VERDICTS.put("1.3.2-alpha", "3 compatible");
    // Profiles moved from v1experimental to v1development: the collector's profiles_service.proto keeps
    // its subject (profiles_service-value, named after the file) but its package changed and its
    // request now holds v1development's types. A registry knows subjects, not paths: it sees the
    // break, and so do folder and git baselines, which find a moved file by its subject.
    VERDICTS.put("1.4.0-alpha", "2 compatible; profiles_service-value: 4 breaking (FIELD_NAMED_TYPE_CHANGED, "
        + "PACKAGE_CHANGED)");
    // Profiles (v1development, declared unstable) from here on: Label deleted.
    VERDICTS.put("1.5.0-alpha", "7 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 1 breaking "
        + "(MESSAGE_REMOVED)");
    // Profile's tables replaced by indices: repeated messages became int32 indices, repeated numbers
    // singular, string fields numbers (tags kept, types changed).
    VERDICTS.put("1.6.0-alpha", "8 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 13 breaking "
        + "(FIELD_KIND_CHANGED, FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED); "
        + "profiles_service-value: 13 breaking (FIELD_KIND_CHANGED, FIELD_NAMED_TYPE_CHANGED, "
        + "FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED)");
    // ProfilesData field 2 was 'repeated Mapping mapping_table', now 'ProfilesDictionary dictionary'.
    VERDICTS.put("1.7.0-alpha", "1 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 1 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED)");
    // The dictionary reworked: AttributeUnit deleted, fields renumbered and retyped across Profile,
    // Sample, Location and ProfilesDictionary.
    VERDICTS.put("1.8.0-alpha", "7 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 24 breaking "
        + "(FIELD_KIND_CHANGED, FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED, "
        + "MESSAGE_REMOVED); profiles_service-value: 23 breaking (FIELD_KIND_CHANGED, FIELD_NAMED_TYPE_CHANGED, "
        + "FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED)");
    // Profile's period/time fields retyped and relabelled (e.g. tag 7 and 11).
    VERDICTS.put("1.9.0-alpha", "8 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 9 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED); profiles_service-value: 9 "
        + "breaking (FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED, FIELD_SCALAR_KIND_CHANGED)");
    // Sample renumbered: tag 3 was 'repeated int32 attribute_indices', now 'int32 link_index'; tag 4
    // was 'int32 link_index', now 'repeated int64 values'.
    VERDICTS.put("1.10.0-alpha", "8 compatible; opentelemetry/proto/profiles/v1development/profiles.proto: 6 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED); profiles_service-value: 6 breaking "
        + "(FIELD_NAMED_TYPE_CHANGED, FIELD_NUMERIC_LABEL_CHANGED)");
    VERDICTS.put("1.11.0-alpha", "10 compatible");
  }

  @TempDir static Path dir;
  static List<String> releases;

  @BeforeAll
  static void unpackEveryRelease() {
    releases = Corpora.releases("opentelemetry-proto");
    for (String release : releases) {
      Corpora.unpack(Corpora.jar("opentelemetry-proto-" + release + ".jar"), dir.resolve(release).resolve("schemas"),
          Corpora.protos());
    }
  }

  private static Path schemas(String release) {
    return dir.resolve(release).resolve("schemas");
  }

  @Test
  void everyReleaseIsThereAndValidates() {
    assertThat(releases).hasSize(23).startsWith("0.9.0-alpha").endsWith("1.11.0-alpha");
    for (String release : releases) {
      ContractProject project = Corpora.project(schemas(release));
      assertThat(project.subjects()).as(release).hasSizeGreaterThanOrEqualTo(8);
      assertThat(Corpora.errors(Corpora.lint(project))).as(release).isEmpty();
    }
  }

  @Test
  void everyConsecutivePairHasItsPinnedVerdict() {
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 1; i < releases.size(); i++) {
      ContractProject project = Corpora.project(schemas(releases.get(i)));
      CheckReport report = new ProjectChecker().check(project,
          FolderBaseline.of(schemas(releases.get(i - 1)), List.of(), project.request()), List.of());
      found.put(releases.get(i), Corpora.summary(report));
    }
    assertThat(found).containsExactlyEntriesOf(VERDICTS);
  }

  @Test
  void gitHistoryGivesTheSameVerdicts() throws Exception {
    // one repository, one commit per release, as a project that vendors the protos would have
    Path repo = dir.resolve("git-repo");
    Path work = repo.resolve("schemas");
    Corpora.git(repo, "init", "-q", "-b", "main");
    List<String> commits = new ArrayList<>();
    for (String release : releases) {
      Folders.delete(work);
      Corpora.copyTree(schemas(release), work);
      Corpora.git(repo, "add", "-A", ".");
      Corpora.git(repo, "commit", "-q", "--allow-empty", "-m", "opentelemetry-proto " + release);
      commits.add(Corpora.git(repo, "rev-parse", "HEAD").trim());
    }
    for (int i = 1; i < releases.size(); i++) {
      Corpora.git(repo, "checkout", "-q", commits.get(i));
      ContractProject project = Corpora.project(work);
      Baseline previous = GitBaseline.at(repo, commits.get(i - 1), work, false, dir.resolve("git-scratch"),
          List.of(), project.request());
      CheckReport report = new ProjectChecker().check(project, previous, List.of());
      assertThat(Corpora.summary(report)).as(releases.get(i)).isEqualTo(VERDICTS.get(releases.get(i)));
    }
  }

  @Test
  void theRegistryHoldsEveryReleaseAndAgreesOnEveryVerdict() {
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      RegistryClient client = RegistryClient.of(registry.url());
      Corpora.registerTwice(client, Corpora.project(schemas(releases.get(0))), List.of());
      int asked = 0;
      for (int i = 1; i < releases.size(); i++) {
        String release = releases.get(i);
        ContractProject project = Corpora.project(schemas(release));
        List<String> warnings = new ArrayList<>();
        CheckReport report = new ProjectChecker().check(project,
            new RegistryBaseline(client, registry.url(), project, warnings::add), List.of());
        assertThat(Corpora.summary(report)).as(release).isEqualTo(VERDICTS.get(release));
        asked += Corpora.registryAgrees(report, warnings, release);
        List<String> incompatible = report.subjects().stream()
            .filter(c -> c.status() == ChangeStatus.CHANGED && !c.result().compatible())
            .map(c -> c.subject().subject()).toList();
        Corpora.registerTwice(client, project, incompatible);
      }
      // the registry's own verdict on every changed subject whose references it held, chains included
      assertThat(asked).isEqualTo(27);
    }
  }

  @Test
  void theReviewOfTheScopeRenameNamesEachBreakAtItsLine() throws Exception {
    CheckReport report = new ProjectChecker().check(Corpora.project(schemas("0.15.0-alpha")),
        FolderBaseline.of(schemas("0.14.0-alpha")), List.of());
    Path out = dir.resolve("review");
    ReviewWriter.write(report, out, "test");
    String markdown = Files.readString(out.resolve("report.md"));
    assertThat(markdown).contains("trace_service-value").contains("FIELD_NAMED_TYPE_CHANGED")
        .contains("schemas/opentelemetry/proto/trace/v1/trace.proto:");
    String sarif = Files.readString(out.resolve("report.sarif"));
    var results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif).path("runs").path(0).path("results");
    long errors = 0;
    for (var result : results) {
      if ("error".equals(result.path("level").asText())) {
        errors++;
        assertThat(result.path("locations").path(0).path("physicalLocation").path("region").path("startLine").asInt())
            .as(result.toString()).isPositive();
      }
    }
    assertThat(errors).isEqualTo(12); // 2 breaking differences in each of the six incompatible subjects
  }
}
