package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.ContractSet;
import io.github.eventcontracts.core.project.FolderBaseline;
import io.github.eventcontracts.core.project.ProjectChecker;
import io.github.eventcontracts.review.GitHubAnnotations;
import io.github.eventcontracts.review.ReviewWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report goal: the review of this change for a pull request — {@code report.md} (a PR
 * comment), {@code report.sarif}, {@code report.json}, {@code TEST-schema-compatibility.xml}, and
 * GitHub annotations when asked. Contracts that do not parse still get a review: the errors are its
 * findings.
 *
 * @see CheckService the same check
 */
public final class ReportService {
  /**
   * @param failOnIncompatible fail after writing when a subject is incompatible or a contract has
   *     errors
   * @param annotations print GitHub Actions annotations (on {@code annotationsOut}, where workflow
   *     commands start the line)
   * @param toolVersion the version the review names as its tool
   */
  public record Request(CheckService.Request check, Path reportDirectory, boolean failOnIncompatible,
      boolean annotations, String toolVersion) {}

  private final Request request;
  private final GoalLog log;
  private final CheckService checker;

  public ReportService(Request request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.checker = new CheckService(request.check(), log, shared);
  }

  public void run(PrintStream annotationsOut) {
    boolean baseline = checker.requireBaseline("report");
    CheckReport report;
    try {
      report = baseline ? checker.check(true) : checkAgainstNothing();
      if (baseline) {
        report = report.withContractChanges(checker.contractChanges(checker.contracts().load()));
        report.contractChanges().forEach(c -> log.info("DATA CONTRACT " + c.subject() + " (" + c.file() + "): "
            + c.change()));
      }
    } catch (ContractException e) {
      log.diagnostics(e.diagnostics());
      report = new CheckReport(checker.hasBaseline() ? "the baseline (not compared: contracts do not parse)"
          : "nothing (no baseline set)", List.of(), List.of(), e.diagnostics());
    }
    List<Path> files = ReviewWriter.write(report, request.reportDirectory(), request.toolVersion());
    files.forEach(f -> log.info("Wrote " + f));
    if (request.annotations()) {
      GitHubAnnotations.render(report).forEach(annotationsOut::println);
      annotationsOut.flush();
    }
    long errors = report.errors().size();
    if (request.failOnIncompatible() && (!report.compatible() || errors > 0)) {
      throw new GoalFailure((report.compatible() ? "" : "Incompatible contracts: " + CheckService.failing(report) + "; ")
          + (errors > 0 ? errors + " contract error(s) (lint or parse); " : "") + "see " + files.get(0));
    }
  }

  private CheckReport checkAgainstNothing() {
    var project = checker.contracts().load();
    List<io.github.eventcontracts.core.diag.Diagnostic> findings = new java.util.ArrayList<>(checker.contracts().lint(project));
    findings.addAll(checker.contracts().checkDataContracts(project));
    return new ProjectChecker().check(project,
        new FolderBaseline(new ContractSet("", Map.of()), "nothing (no baseline set)"), findings);
  }
}
