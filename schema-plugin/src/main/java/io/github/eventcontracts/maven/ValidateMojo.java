package io.github.eventcontracts.maven;

import io.github.eventcontracts.maven.goal.ValidateService;
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
  void run() {
    new ValidateService(new ValidateService.Request(contractsRequest(), failOnWarning), log(), shared()).run();
  }
}
