package io.github.eventcontracts.cli;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import io.github.eventcontracts.core.compat.Difference;
import io.github.eventcontracts.core.project.ChangeStatus;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.core.project.ProjectRequest;
import io.github.eventcontracts.core.project.SubjectCheck;
import io.github.eventcontracts.core.project.SubjectNamingStrategy;
import io.github.eventcontracts.review.JsonReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: the plugin's pipeline ({@link ContractProject}, {@link ProjectChecker}) on a folder
 * against a baseline folder, so the command line and {@code schema:check} give the same verdicts on
 * the same tree (sidecar levels and subjects included) and {@code --format json} prints the plugin's
 * {@code report.json}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks every contract of a folder against a baseline folder (files matched by relative path), "
        + "as schema:check does: sidecar .properties set a contract's subject and level.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--against", required = true, description = "The baseline schemas folder (e.g. main's).")
  Path baseline;

  @Option(names = "--level", defaultValue = "BACKWARD",
      description = "Level for contracts whose sidecar sets none (default: ${DEFAULT-VALUE}).")
  CompatibilityLevel level;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Parameters(index = "0", description = "The schemas folder to check.")
  Path schemas;

  @Override
  public Integer call() {
    ContractProject project = ContractProject.load(new ProjectRequest(schemas, schemas.toString(), List.of(), List.of(),
        SubjectNamingStrategy.TOPIC_NAME, level, List.of(), List.of()));
    CheckReport report = new ProjectChecker().check(project, FolderBaseline.of(baseline), List.of());
    var out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(JsonReport.render(report));
    } else {
      for (SubjectCheck check : report.subjects()) {
        if (check.result() != null) {
          for (Difference d : check.result().differences()) {
            out.println(d.toDiagnostic(check.result().level()).format());
          }
        }
      }
      for (SubjectCheck check : report.subjects()) {
        out.println(String.format("%-13s %s (%s, %s)%s", label(check), check.subject().contract().file(),
            check.subject().subject(), check.subject().level(), detail(check)));
      }
      report.removed().forEach(file -> out.println(String.format("%-13s %s", "REMOVED", file)));
      out.println("check: " + report.subjects().size() + " contract(s), " + report.incompatible().size()
          + " incompatible, " + count(report, ChangeStatus.CHANGED) + " changed, " + count(report, ChangeStatus.NEW)
          + " new, " + report.removed().size() + " removed");
    }
    return report.compatible() ? SchemaCli.OK : SchemaCli.INCOMPATIBLE;
  }

  private static String label(SubjectCheck check) {
    if (check.status() == ChangeStatus.CHANGED) {
      return check.compatible() ? "COMPATIBLE" : "INCOMPATIBLE";
    }
    return check.status().name();
  }

  private static String detail(SubjectCheck check) {
    if (check.result() == null) {
      return "";
    }
    return " " + check.result().incompatibilities().size() + " breaking of " + check.result().differences().size()
        + " difference(s)";
  }

  private static long count(CheckReport report, ChangeStatus status) {
    return report.subjects().stream().filter(c -> c.status() == status).count();
  }
}
