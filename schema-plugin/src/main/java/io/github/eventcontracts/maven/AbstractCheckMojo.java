package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.review.GitBaseline;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What check and report share: choosing the baseline and checking against it. */
abstract class AbstractCheckMojo extends AbstractRegistryMojo {
  /**
   * What to check against: {@code git:<ref>} (e.g. {@code git:origin/main}), or a folder path.
   * When unset, the registry at {@code registryUrl} is the baseline.
   */
  @Parameter(property = "schema.against")
  String against;

  /** With {@code git:<ref>}, compare with the merge-base of HEAD and the ref rather than its tip. */
  @Parameter(property = "schema.mergeBase", defaultValue = "true")
  boolean mergeBase;

  /**
   * Let check and report pass with nothing to compare against (no registry, no {@code against}).
   * Off by default: a CI job whose baseline setting went missing should fail, not pass unchecked.
   */
  @Parameter(property = "schema.allowNoBaseline", defaultValue = "false")
  boolean allowNoBaseline;

  /** Fails unless there is a baseline or {@code allowNoBaseline} says none is fine. */
  boolean requireBaseline(String goal) throws MojoFailureException {
    if (hasBaseline()) {
      return true;
    }
    String message = "schema:" + goal + " has nothing to compare with: set schema.registryUrl, or "
        + "schema.against=git:<ref> or a baseline folder (or -Dschema.allowNoBaseline=true to allow this)";
    if (!allowNoBaseline) {
      throw new MojoFailureException(message);
    }
    getLog().warn(message.replace(" (or -Dschema.allowNoBaseline=true to allow this)", ""));
    return false;
  }

  private Against parsedAgainst;

  /** {@code schema.against}, parsed once per goal run. */
  Against against() {
    if (parsedAgainst == null) {
      parsedAgainst = Against.parse(against, project.getBasedir().toPath());
    }
    return parsedAgainst;
  }

  /** True when there is anything to check against. */
  boolean hasBaseline() {
    return !against().registry() || !registryUrls.isEmpty();
  }

  /** Digest input naming the baseline; null when the baseline cannot be fingerprinted (a registry). */
  String baselineKey() {
    Against baseline = against();
    if (baseline.gitRef() != null) {
      return "git " + GitBaseline.commit(project.getBasedir().toPath(), baseline.gitRef(), mergeBase);
    }
    return baseline.folder() == null ? null
        : "folder " + baseline.folder() + " " + UpToDateMarker.digest(List.of(baseline.folder()), "");
  }

  Baseline baseline(ContractProject contracts) throws MojoFailureException {
    Against baseline = against();
    if (baseline.gitRef() != null) {
      Path scratch = Path.of(project.getBuild().getDirectory(), "schema-plugin", "git-baseline");
      return GitBaseline.at(project.getBasedir().toPath(), baseline.gitRef(), schemaDirectory.toPath(), mergeBase,
          scratch, libraries(), contracts.request());
    }
    if (baseline.folder() != null) {
      Path folder = baseline.folder();
      if (!folder.toFile().isDirectory()) {
        throw new MojoFailureException("schema.against=" + against + ": no such folder " + folder
            + "; use git:<ref> or a folder holding the baseline contracts");
      }
      return FolderBaseline.of(folder, libraries(), contracts.request());
    }
    return new RegistryBaseline(registryClient(), String.join(",", registryUrls), contracts, getLog()::warn,
        normalizeSchemas);
  }

  /** Loads and checks against the baseline (and lints, for a report); logs every finding. */
  CheckReport check(boolean withLint) throws MojoFailureException {
    ContractProject contracts = loadProject();
    List<Diagnostic> lint = withLint ? lint(contracts) : List.of();
    Baseline baseline = baseline(contracts);
    getLog().info("Checking " + contracts.subjects().size() + " subject(s) against " + baseline.describe());
    CheckReport report;
    try {
      report = new ProjectChecker().check(contracts, baseline, lint);
    } catch (RegistryException e) {
      throw new MojoFailureException("Registry check failed: " + e.getMessage(), e);
    }
    for (SubjectCheck check : report.subjects()) {
      String line = String.format("%-12s %s (%s, %s)", check.status() == ChangeStatus.CHANGED
          ? (check.compatible() ? "COMPATIBLE" : "INCOMPATIBLE") : check.status().name(),
          check.subject().contract().file(), check.subject().subject(), check.subject().level());
      if (check.compatible()) {
        getLog().info(line);
      } else {
        getLog().error(line);
      }
      if (check.result() != null) {
        for (Difference d : check.result().differences()) {
          if (d.compatible()) {
            getLog().debug(d.toDiagnostic(check.result().level()).format());
          } else {
            getLog().error(d.toDiagnostic(check.result().level()).format());
          }
        }
      }
      check.remote().filter(r -> !r.compatible()).ifPresent(r -> getLog().error(check.subject().contract().file()
          + ": the registry says " + check.subject().subject() + " is incompatible"
          + (r.messages().isEmpty() ? " (it gave no reason)" : ": " + String.join("; ", r.messages()))));
      if (check.status() == ChangeStatus.UNCHECKED) {
        check.remote().ifPresent(r -> getLog().error(check.subject().contract().file() + ": " + check.subject().subject()
            + " could not be checked against " + r.source() + ": " + r.error()));
      } else {
        check.remote().filter(r -> r.error() != null).ifPresent(r -> getLog().warn(check.subject().contract().file()
            + ": the registry's own compatibility check of " + check.subject().subject() + " could not run ("
            + r.error() + "); the verdict above is this plugin's alone"));
      }
    }
    report.removed().forEach(f -> getLog().info("REMOVED      " + f));
    baseline.notes().forEach(getLog()::warn);
    return report;
  }

  static String failing(CheckReport report) {
    return report.incompatible().stream()
        .map(s -> s.subject().contract().file() + " (" + s.subject().subject() + ")")
        .collect(Collectors.joining(", "));
  }
}
