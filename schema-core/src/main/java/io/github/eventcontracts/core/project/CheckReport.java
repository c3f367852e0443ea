package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import java.util.List;

/**
 * A whole check: every subject's outcome, what the baseline had that is gone, and lint findings,
 * which is what the review report renders.
 */
public record CheckReport(String baseline, List<SubjectCheck> subjects, List<String> removed, List<Diagnostic> lint,
    List<ContractChange> contractChanges) {
  /**
   * A change to a subject's data contract (its rule set or metadata) since the baseline, in words:
   * e.g. {@code rule positiveAmount changed: expr message.amount > 0.0 -> message.amount > 1.0}.
   *
   * @param file the data-contract file that changed, as reports name it
   */
  public record ContractChange(String subject, String file, String change) {}

  public CheckReport {
    subjects = List.copyOf(subjects);
    removed = List.copyOf(removed);
    lint = List.copyOf(lint);
    contractChanges = List.copyOf(contractChanges);
  }

  public CheckReport(String baseline, List<SubjectCheck> subjects, List<String> removed, List<Diagnostic> lint) {
    this(baseline, subjects, removed, lint, List.of());
  }

  /** This report with the data-contract changes found beside it. */
  public CheckReport withContractChanges(List<ContractChange> changes) {
    return new CheckReport(baseline, subjects, removed, lint, changes);
  }

  public boolean compatible() {
    return subjects.stream().allMatch(SubjectCheck::compatible);
  }

  public List<SubjectCheck> incompatible() {
    return subjects.stream().filter(s -> !s.compatible()).toList();
  }

  /** Lint and parse findings of error severity: they fail the build like an incompatible change. */
  public List<Diagnostic> errors() {
    return lint.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }
}
