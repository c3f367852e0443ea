package io.github.eventcontracts.maven;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.ContractProject;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Parses and lints every contract; fails on any error-severity finding. Needs no registry.
 * Findings are printed as {@code file:line:col RULE message}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.COMPILE)
public class ValidateMojo extends AbstractSchemaMojo {
  /** Fail on lint warnings too. */
  @Parameter(property = "schema.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  @Override
  void run() throws MojoFailureException {
    unlessUpToDate("validate", UpToDateMarker.combine(inputsDigest(), "failOnWarning=" + failOnWarning), true,
        "Contracts unchanged since the last successful validate; nothing to do (-Dschema.incremental=false to force)",
        this::validate);
  }

  private void validate() throws MojoFailureException {
    ContractProject contracts = loadProject();
    List<Diagnostic> findings = lint(contracts);
    logDiagnostics(findings);
    Severity threshold = failOnWarning ? Severity.WARNING : Severity.ERROR;
    List<Diagnostic> failing = findings.stream().filter(d -> d.severity().compareTo(threshold) >= 0).toList();
    getLog().info("Validated " + contracts.subjects().size() + " contract(s): " + count(findings, Severity.ERROR)
        + " error(s), " + count(findings, Severity.WARNING) + " warning(s)");
    if (!failing.isEmpty()) {
      throw new MojoFailureException("Contract lint failed in " + files(failing) + "; see the errors above");
    }
  }
}
