package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.diag.Severity;
import java.util.List;

/**
 * A whole check: every subject's outcome, what the baseline had that is gone, and lint findings,
 * which is what the review report renders.
 */
public record CheckReport(String baseline, List<SubjectCheck> subjects, List<String> removed, List<Diagnostic> lint) {
  public CheckReport {
    subjects = List.copyOf(subjects);
    removed = List.copyOf(removed);
    lint = List.copyOf(lint);
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
