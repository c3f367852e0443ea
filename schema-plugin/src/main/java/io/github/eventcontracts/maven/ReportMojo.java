package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.ReportService;
import java.io.File;
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
  void run() {
    boolean annotate = githubAnnotations != null ? githubAnnotations : "true".equals(System.getenv("GITHUB_ACTIONS"));
    new ReportService(new ReportService.Request(checkRequest(), reportDirectory.toPath(), failOnIncompatible, annotate,
        pluginDescriptor == null ? "dev" : pluginDescriptor.getVersion()), log(), shared())
        .run(System.out); // workflow commands must start the line: printed outside Maven's logger
  }
}
