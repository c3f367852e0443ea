package io.github.eventcontracts.maven.goal;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.ContractProject;
import java.util.List;
import java.util.Map;

/**
 * The validate goal: parses and lints every contract and checks its data contract (every CEL rule
 * compiled against the contract's types), printing each finding as
 * {@code file:line:col RULE message}; fails on any error (or warning, when asked). Needs no registry.
 */
public final class ValidateService {
  /** @param failOnWarning fail on lint warnings too */
  public record Request(ContractsRequest contracts, boolean failOnWarning) {}

  private final Request request;
  private final GoalLog log;
  private final Contracts contracts;

  public ValidateService(Request request, GoalLog log, Map<Object, Object> shared) {
    this.request = request;
    this.log = log;
    this.contracts = new Contracts(request.contracts(), log, shared);
  }

  public void run() {
    contracts.unlessUpToDate("validate", UpToDateMarker.combine(contracts.inputsDigest(),
            "failOnWarning=" + request.failOnWarning()), true,
        "Contracts unchanged since the last successful validate; nothing to do (-Dschema.incremental=false to force)",
        this::validate);
  }

  private void validate() {
    ContractProject project = contracts.load();
    List<Diagnostic> findings = new java.util.ArrayList<>(contracts.lint(project));
    findings.addAll(contracts.checkDataContracts(project));
    log.diagnostics(findings);
    Severity threshold = request.failOnWarning() ? Severity.WARNING : Severity.ERROR;
    List<Diagnostic> failing = findings.stream().filter(d -> d.severity().compareTo(threshold) >= 0).toList();
    log.info("Validated " + project.subjects().size() + " contract(s): " + count(findings, Severity.ERROR)
        + " error(s), " + count(findings, Severity.WARNING) + " warning(s)");
    if (!failing.isEmpty()) {
      throw new GoalFailure("Contract lint failed in " + Diagnostic.files(failing) + "; see the errors above");
    }
  }

  private static long count(List<Diagnostic> diagnostics, Severity severity) {
    return diagnostics.stream().filter(d -> d.severity() == severity).count();
  }
}
