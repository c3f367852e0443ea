package io.github.eventcontracts.maven;

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

/**
 * Writes the review of this change for a pull request under {@code target/schema-report/}:
 * {@code report.md} (a PR comment), {@code report.sarif} (code scanning), {@code report.json} and
 * {@code TEST-schema-compatibility.xml} (JUnit, for CI test views); on GitHub Actions also prints
 * {@code ::error} annotations.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractCheckMojo {
  /** Where the report files go. */
  @Parameter(property = "schema.reportDirectory", defaultValue = "${project.build.directory}/schema-report")
  File reportDirectory;

  /** Also fail the build when a subject is incompatible (the check goal does by default). */
  @Parameter(property = "schema.report.failOnIncompatible", defaultValue = "false")
  boolean failOnIncompatible;

  /** Print GitHub Actions annotations; by default when the GITHUB_ACTIONS variable is true. */
  @Parameter(property = "schema.githubAnnotations")
  Boolean githubAnnotations;

  @Override
  void run() throws MojoFailureException {
    if (!hasBaseline()) {
      getLog().warn("Nothing to compare with: set schema.registryUrl, or schema.against=git:<ref> or a folder; "
          + "the report lists every contract as new");
    }
    CheckReport report = hasBaseline() ? check(true) : checkAgainstNothing();
    List<Path> files = ReviewWriter.write(report, reportDirectory.toPath(), pluginDescriptor == null ? "dev" : pluginDescriptor.getVersion());
    files.forEach(f -> getLog().info("Wrote " + f));
    boolean annotate = githubAnnotations != null ? githubAnnotations : "true".equals(System.getenv("GITHUB_ACTIONS"));
    if (annotate) {
      // Workflow commands must start the line: print them outside Maven's logger.
      GitHubAnnotations.render(report).forEach(System.out::println);
      System.out.flush();
    }
    if (failOnIncompatible && !report.compatible()) {
      throw new MojoFailureException("Incompatible contracts: " + failing(report) + "; see " + files.get(0));
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
