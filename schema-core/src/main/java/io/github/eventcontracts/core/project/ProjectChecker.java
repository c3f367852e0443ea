package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityChecker;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.model.Contract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks every subject of a project against a baseline, with each subject's own level. */
public final class ProjectChecker {
  private final CompatibilityChecker checker = new CompatibilityChecker();

  /** What comparing one contract with its history found; {@code result} only when CHANGED. */
  record Outcome(ChangeStatus status, int versionsCompared, CompatibilityResult result) {}

  /**
   * New when there is no history, unchanged when the latest version has the same fingerprint and
   * nothing it references changed, else checked.
   */
  Outcome compare(io.github.eventcontracts.core.compat.CompatibilityLevel level, List<Contract> history, Contract current,
      boolean referencesChanged) {
    if (history.isEmpty()) {
      return new Outcome(ChangeStatus.NEW, 0, null);
    }
    Contract latest = history.get(history.size() - 1);
    if (!referencesChanged && latest.type() == current.type() && latest.revision().equals(current.revision())) {
      return new Outcome(ChangeStatus.UNCHANGED, history.size(), null);
    }
    CompatibilityResult result = checker.check(level, history, current);
    int compared = (int) result.comparisons().stream().mapToInt(c -> c.previousIndex()).distinct().count();
    return new Outcome(ChangeStatus.CHANGED, compared, result);
  }

  public CheckReport check(ContractProject project, Baseline baseline, List<Diagnostic> lint) {
    List<SubjectCheck> out = new ArrayList<>();
    // Subjects come referenced-first: a dependent whose own file is untouched is still checked when a
    // file it references changed, since its resolved schema did.
    Map<String, ChangeStatus> statusByPath = new HashMap<>();
    for (SubjectContract subject : project.subjects()) {
      List<Contract> history;
      try {
        history = baseline.history(subject);
      } catch (Baseline.Unavailable e) {
        // A finding on this contract; the review of every other one goes on.
        statusByPath.put(subject.path(), ChangeStatus.UNCHECKED);
        out.add(new SubjectCheck(subject, ChangeStatus.UNCHECKED, 0, null,
            Optional.of(RemoteVerdict.unavailable(baseline.describe(), e.getMessage())), null));
        continue;
      }
      boolean referencesChanged = subject.references().stream()
          .anyMatch(r -> statusByPath.getOrDefault(r.path(), ChangeStatus.UNCHANGED) != ChangeStatus.UNCHANGED);
      Outcome outcome = compare(subject.level(), history, subject.contract(), referencesChanged);
      statusByPath.put(subject.path(), outcome.status());
      out.add(new SubjectCheck(subject, outcome.status(), outcome.versionsCompared(), outcome.result(),
          outcome.status() == ChangeStatus.CHANGED ? baseline.remoteVerdict(subject) : Optional.empty(),
          history.isEmpty() ? null : history.get(history.size() - 1)));
    }
    return new CheckReport(baseline.describe(), out, baseline.removed(project), lint);
  }
}
