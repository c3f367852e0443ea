package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.project.Baseline;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.core.project.SubjectContract;
import io.github.eventcontracts.registry.client.Metadata;
import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.RuleSet;
import io.github.eventcontracts.rules.DataContract;
import java.util.ArrayList;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.review.GitBaseline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The check goal: every contract checked for compatibility under its subject's level against the
 * baseline, which is the registry (our engine on the registered versions, and the registry's own
 * verdict; both must pass), a git ref, or a baseline folder. A subject not in the baseline passes
 * as new. The report goal checks the same way.
 */
public final class CheckService {
  /**
   * @param against {@code git:<ref>}, a folder, or blank for the registry
   * @param projectDirectory what a relative folder and git commands start from
   * @param mergeBase with a git ref, compare with the merge-base of HEAD and the ref
   * @param allowNoBaseline pass (with a warning) when there is nothing to compare with
   * @param compatibilityGroup the metadata property naming major versions; blank for the registry's
   *     setting (none offline)
   */
  public record Request(ContractsRequest contracts, RegistryTarget registry, String against, Path projectDirectory,
      boolean mergeBase, boolean allowNoBaseline, String compatibilityGroup) {
    public Request(ContractsRequest contracts, RegistryTarget registry, String against, Path projectDirectory,
        boolean mergeBase, boolean allowNoBaseline) {
      this(contracts, registry, against, projectDirectory, mergeBase, allowNoBaseline, null);
    }

    String group() {
      return compatibilityGroup == null || compatibilityGroup.isBlank() ? null : compatibilityGroup.trim();
    }
  }

  private final Request request;
  private final GoalLog log;
  private final Contracts contracts;
  private final Against against;

  public CheckService(Request request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.contracts = new Contracts(request.contracts(), log, shared);
    this.against = Against.parse(request.against(), request.projectDirectory());
  }

  public void run() {
    if (!requireBaseline("check")) {
      return;
    }
    String baselineKey = baselineKey();
    contracts.unlessUpToDate("check", baselineKey == null ? null
            : UpToDateMarker.combine(contracts.inputsDigest(), baselineKey), true,
        "Contracts and baseline unchanged since the last successful check; nothing to do "
            + "(-Dschema.incremental=false to force)", () -> {
          CheckReport report = check(false);
          if (!report.compatible()) {
            throw new GoalFailure("Incompatible contracts: " + failing(report) + "; see the errors above");
          }
          log.info("All " + report.subjects().size() + " subject(s) are compatible with " + report.baseline());
        });
  }

  Contracts contracts() {
    return contracts;
  }

  /** True when there is anything to check against. */
  boolean hasBaseline() {
    return !against.registry() || request.registry().configured();
  }

  /** Fails unless there is a baseline or {@code allowNoBaseline} says none is fine. */
  boolean requireBaseline(String goal) {
    if (hasBaseline()) {
      return true;
    }
    String message = "schema:" + goal + " has nothing to compare with: set schema.registryUrl, or "
        + "schema.against=git:<ref> or a baseline folder (or -Dschema.allowNoBaseline=true to allow this)";
    if (!request.allowNoBaseline()) {
      throw new GoalFailure(message);
    }
    log.warn(message.replace(" (or -Dschema.allowNoBaseline=true to allow this)", ""));
    return false;
  }

  /** Digest input naming the baseline; null when the baseline cannot be fingerprinted (a registry). */
  private String baselineKey() {
    if (against.gitRef() != null) {
      return "git " + GitBaseline.commit(request.projectDirectory(), against.gitRef(), request.mergeBase());
    }
    return against.folder() == null ? null
        : "folder " + against.folder() + " " + UpToDateMarker.digest(List.of(against.folder()), "");
  }

  private Baseline baseline(ContractProject project) {
    var libraries = request.contracts().project().libraries();
    if (against.gitRef() != null) {
      Path scratch = request.contracts().workDirectory().resolve("git-baseline");
      return grouped(GitBaseline.at(request.projectDirectory(), against.gitRef(),
          request.contracts().project().schemaDirectory(), request.mergeBase(), scratch, libraries, project.request()),
          project, scratch.resolve("latest"));
    }
    if (against.folder() != null) {
      if (!against.folder().toFile().isDirectory()) {
        throw new GoalFailure("schema.against=" + request.against() + ": no such folder " + against.folder()
            + "; use git:<ref> or a folder holding the baseline contracts");
      }
      return grouped(FolderBaseline.of(against.folder(), libraries, project.request()), project, against.folder());
    }
    return new RegistryBaseline(request.registry().client(), request.registry().display(), project, log::warn,
        request.registry().normalize(), request.compatibilityGroup());
  }

  /**
   * An offline baseline under {@code schema.compatibilityGroup}: a contract whose group value (its
   * metadata's, e.g. {@code major_version}) differs from the baseline's starts a new group, so it has
   * no earlier versions to be compatible with.
   */
  private Baseline grouped(Baseline baseline, ContractProject project, Path baselineFolder) {
    String group = request.group();
    if (group == null) {
      return baseline;
    }
    return new Baseline() {
      @Override
      public String describe() {
        return baseline.describe();
      }

      @Override
      public List<io.github.eventcontracts.core.model.Contract> history(SubjectContract subject) {
        String before = RegistryBaseline.groupValue(DataContract.read(RegistryForms.dataContractAt(subject, project,
            baselineFolder)).metadata(), group);
        String now = RegistryBaseline.groupValue(RegistryForms.dataContract(subject, project).metadata(), group);
        return java.util.Objects.equals(before, now) ? baseline.history(subject) : List.of();
      }

      @Override
      public java.util.Optional<io.github.eventcontracts.core.project.RemoteVerdict> remoteVerdict(SubjectContract s) {
        return baseline.remoteVerdict(s);
      }

      @Override
      public List<String> notes() {
        return baseline.notes();
      }

      @Override
      public List<String> removed(ContractProject p) {
        return baseline.removed(p);
      }
    };
  }

  /** Loads and checks against the baseline (and lints, for a report); logs every finding. */
  CheckReport check(boolean withLint) {
    ContractProject project = contracts.load();
    List<Diagnostic> lint = new ArrayList<>();
    if (withLint) { // the review shows every finding validate would
      lint.addAll(contracts.lint(project));
      lint.addAll(contracts.checkDataContracts(project));
    }
    Baseline baseline = baseline(project);
    log.info("Checking " + project.subjects().size() + " subject(s) against " + baseline.describe());
    CheckReport report;
    try {
      report = new ProjectChecker().check(project, baseline, lint);
    } catch (RegistryException e) {
      throw new GoalFailure("Registry check failed: " + e.getMessage(), e);
    }
    report.subjects().forEach(this::logCheck);
    report.removed().forEach(f -> log.info("REMOVED      " + f));
    baseline.notes().forEach(log::warn);
    return report;
  }

  private void logCheck(SubjectCheck check) {
    String file = check.subject().contract().file();
    String subject = check.subject().subject();
    String line = String.format("%-12s %s (%s, %s)", check.status() == ChangeStatus.CHANGED
        ? (check.compatible() ? "COMPATIBLE" : "INCOMPATIBLE") : check.status().name(), file, subject,
        check.subject().level());
    if (check.compatible()) {
      log.info(line);
    } else {
      log.error(line);
    }
    if (check.result() != null) {
      for (Difference d : check.result().differences()) {
        if (d.compatible()) {
          log.debug(d.toDiagnostic(check.result().level()).format());
        } else {
          log.error(d.toDiagnostic(check.result().level()).format());
        }
      }
    }
    check.remote().filter(r -> !r.compatible()).ifPresent(r -> log.error(file + ": the registry says " + subject
        + " is incompatible" + (r.messages().isEmpty() ? " (it gave no reason)" : ": " + String.join("; ", r.messages()))));
    if (check.status() == ChangeStatus.UNCHECKED) {
      check.remote().ifPresent(r -> log.error(file + ": " + subject + " could not be checked against " + r.source()
          + ": " + r.error()));
    } else {
      check.remote().filter(r -> r.error() != null).ifPresent(r -> log.warn(file + ": the registry's own "
          + "compatibility check of " + subject + " could not run (" + r.error() + "); the verdict above is this "
          + "plugin's alone"));
    }
  }

  /**
   * Each subject's data-contract changes since the baseline: against the sidecars the baseline
   * folder (or git commit) holds beside the same file, or the metadata and rule set of the
   * registry's latest version.
   */
  List<CheckReport.ContractChange> contractChanges(ContractProject project) {
    Path folder = against.gitRef() != null ? request.contracts().workDirectory().resolve("git-baseline/latest")
        : against.folder();
    RegistryClient client = folder == null ? request.registry().client() : null;
    List<CheckReport.ContractChange> out = new ArrayList<>();
    for (SubjectContract subject : project.subjects()) {
      DataContract now = RegistryForms.dataContract(subject, project);
      String group = request.group();
      Metadata oldMetadata = null;
      RuleSet oldRules = null;
      if (folder != null) {
        DataContract old = DataContract.read(RegistryForms.dataContractAt(subject, project, folder));
        oldMetadata = old.metadata();
        oldRules = old.ruleSet();
      } else {
        try {
          RegistrySchema latest = client.latest(subject.subject()).schema();
          oldMetadata = latest.metadata();
          oldRules = latest.ruleSet();
          if (group == null) {
            group = new RegistryBaseline(client, "", project, log::warn, false, null).compatibilityGroup(subject);
          }
        } catch (RegistryException.SubjectNotFoundException | RegistryException.VersionNotFoundException e) {
          // a new subject: everything it has is added
        }
      }
      String file = now.ruleSetFile() != null ? now.ruleSetFile() : now.metadataFile() != null ? now.metadataFile()
          : subject.contract().file();
      for (String change : DataContractChanges.between(oldMetadata, oldRules, now.metadata(), now.ruleSet(), group)) {
        out.add(new CheckReport.ContractChange(subject.subject(), file, change));
      }
    }
    return out;
  }

  static String failing(CheckReport report) {
    return report.incompatible().stream()
        .map(s -> s.subject().contract().file() + " (" + s.subject().subject() + ")")
        .collect(Collectors.joining(", "));
  }
}
