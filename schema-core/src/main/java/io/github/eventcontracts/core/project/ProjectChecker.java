package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.compat.CompatibilityChecker;
import io.github.eventcontracts.core.compat.CompatibilityResult;
import io.github.eventcontracts.core.diag.Diagnostic;
import io.github.eventcontracts.core.model.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks every subject of a project against a baseline, with each subject's own level. */
public final class ProjectChecker {
  private final CompatibilityChecker checker = new CompatibilityChecker();

  public CheckReport check(ContractProject project, Baseline baseline, List<Diagnostic> lint) {
    List<SubjectCheck> out = new ArrayList<>();
    for (SubjectContract subject : project.subjects()) {
      List<Contract> history = baseline.history(subject);
      if (history.isEmpty()) {
        out.add(new SubjectCheck(subject, ChangeStatus.NEW, 0, null, Optional.empty()));
        continue;
      }
      Contract latest = history.get(history.size() - 1);
      if (latest.type() == subject.contract().type() && latest.fingerprint().equals(subject.contract().fingerprint())) {
        out.add(new SubjectCheck(subject, ChangeStatus.UNCHANGED, history.size(), null, Optional.empty()));
        continue;
      }
      CompatibilityResult result = checker.check(subject.level(), history, subject.contract());
      out.add(new SubjectCheck(subject, ChangeStatus.CHANGED, result.comparisons().stream()
          .mapToInt(c -> c.previousIndex()).distinct().toArray().length, result, baseline.remoteVerdict(subject)));
    }
    return new CheckReport(baseline.describe(), out, baseline.removed(project), lint);
  }
}
