package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.parse.ContractException;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.review.GitHubAnnotations;
import io.github.eventcontracts.review.ReviewWriter;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the review of this change for a pull request under {@code target/schema-report/}:
 * {@code report.md} (a PR comment), {@code report.sarif} (code scanning), {@code report.json} and
 * {@code TEST-schema-compatibility.xml} (JUnit, for CI test views); on GitHub Actions also prints
 * {@code ::error} annotations.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class ReportMojo extends AbstractCheckMojo {
  /** Where the report files go. */
  @Parameter(property = "schema.reportDirectory", defaultValue = "${project.build.directory}/schema-report")
  File reportDirectory;

  /**
   * Also fail the build, after writing the report, when a subject is incompatible or a contract
   * has lint errors or does not parse (the check and validate goals fail on these by default).
   */
  @Parameter(property = "schema.report.failOnIncompatible", defaultValue = "false")
  boolean failOnIncompatible;

  /** Print GitHub Actions annotations; by default when the GITHUB_ACTIONS variable is true. */
  @Parameter(property = "schema.githubAnnotations")
  Boolean githubAnnotations;

  @Override
  void run() throws MojoFailureException {
    boolean baseline = requireBaseline("report");
    CheckReport report;
    try {
      report = baseline ? check(true) : checkAgainstNothing();
    } catch (ContractException e) {
      // Contracts that do not parse still get a PR comment: the errors are its findings.
      logDiagnostics(e.diagnostics());
      report = new CheckReport(hasBaseline() ? "the baseline (not compared: contracts do not parse)"
          : "nothing (no baseline set)", List.of(), List.of(), e.diagnostics());
    }
    List<Path> files = ReviewWriter.write(report, reportDirectory.toPath(), pluginDescriptor == null ? "dev" : pluginDescriptor.getVersion());
    files.forEach(f -> getLog().info("Wrote " + f));
    boolean annotate = githubAnnotations != null ? githubAnnotations : "true".equals(System.getenv("GITHUB_ACTIONS"));
    if (annotate) {
      // Workflow commands must start the line: print them outside Maven's logger.
      GitHubAnnotations.render(report).forEach(System.out::println);
      System.out.flush();
    }
    long errors = report.errors().size();
    if (failOnIncompatible && (!report.compatible() || errors > 0)) {
      throw new MojoFailureException((report.compatible() ? "" : "Incompatible contracts: " + failing(report) + "; ")
          + (errors > 0 ? errors + " contract error(s) (lint or parse); " : "") + "see " + files.get(0));
    }
  }

  private CheckReport checkAgainstNothing() {
    var contracts = loadProject();
    return new io.github.eventcontracts.core.project.ProjectChecker().check(contracts,
        new io.github.eventcontracts.core.project.FolderBaseline(
            new io.github.eventcontracts.core.project.ContractSet("", java.util.Map.of()), "nothing (no baseline set)"),
        lint(contracts));
  }
}
